//! `completions` (shell completion scripts, via clap_complete) and `man`
//! (the manual page as roff, via clap_mangen), both from the clap
//! definitions, so they never drift from the real arguments.

use super::{Cli, err_line, write_stdout};
use clap::{CommandFactory, ValueEnum};
use std::process::ExitCode;

/// Examples shown at the end of `mlsd-coach --help`.
pub const EXAMPLES: &str = "\
Examples:
  mlsd-coach                                  open the interactive coach
  mlsd-coach practice --scenario fraud-detection
  mlsd-coach mock --minutes 30                a 30-minute timed mock
  mlsd-coach history --scenario fraud-detection
  mlsd-coach show n9wp                        any unique part of a session id
  mlsd-coach export n9wp -o report.md
  mlsd-coach completions bash > ~/.local/share/bash-completion/completions/mlsd-coach
  mlsd-coach man | man -l -";

pub const COMPLETIONS_HELP: &str = "\
Examples:
  mlsd-coach completions bash > ~/.local/share/bash-completion/completions/mlsd-coach
  mlsd-coach completions zsh > ~/.zfunc/_mlsd-coach      # with fpath+=~/.zfunc
  mlsd-coach completions fish > ~/.config/fish/completions/mlsd-coach.fish
  mlsd-coach completions powershell >> $PROFILE";

/// The shells `completions` writes scripts for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Powershell,
}

impl Shell {
    fn generator(self) -> clap_complete::Shell {
        match self {
            Shell::Bash => clap_complete::Shell::Bash,
            Shell::Zsh => clap_complete::Shell::Zsh,
            Shell::Fish => clap_complete::Shell::Fish,
            Shell::Powershell => clap_complete::Shell::PowerShell,
        }
    }
}

pub fn run_completions(shell: Shell) -> ExitCode {
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell.generator(), &mut cmd, "mlsd-coach", &mut out);
    write_stdout(&String::from_utf8_lossy(&out))
}

pub fn run_man() -> ExitCode {
    let mut out = Vec::new();
    if let Err(e) = clap_mangen::Man::new(Cli::command()).render(&mut out) {
        err_line(format!("error: cannot render the manual page: {e}"));
        return ExitCode::FAILURE;
    }
    write_stdout(&String::from_utf8_lossy(&out))
}
