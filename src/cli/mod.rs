//! Command-line entry point: argument parsing and dispatch.
//!
//! Each subcommand lives in its own module; with no subcommand the TUI opens.

pub mod content;
pub mod content_show;
pub mod docs;
pub mod review;
pub mod score;
pub mod sessions;

use crate::core::content::{self as content_core, Content};
use crate::core::report::controls;
use crate::core::store::{self, SessionsDir};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "mlsd-coach",
    version,
    about = "An offline terminal coach for machine-learning system design interviews",
    long_about = "Practise ML system design interviews in the terminal: answer the framing questions for a scenario, get scored the way an interviewer would grade the design for that prompt (key points, red flags, a band), run timed mock interviews and review your progress.\n\nWith no command, opens the interactive coach.",
    after_help = docs::EXAMPLES
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// Load this content pack (rubric, scenarios) instead of the built-in one.
    #[arg(long, global = true, value_name = "DIR")]
    pub content: Option<PathBuf>,
    /// Where sessions are stored (else $MLSD_COACH_SESSIONS, ./sessions, or the platform data dir).
    #[arg(long, global = true, value_name = "DIR")]
    pub sessions_dir: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    #[default]
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ExportFormat {
    #[default]
    Md,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ModeArg {
    Practice,
    Mock,
    Drill,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Practise a scenario in the interactive coach.
    #[command(
        after_help = "Examples:\n  mlsd-coach practice --scenario fraud-detection\n  mlsd-coach practice            # a random scenario"
    )]
    Practice {
        /// Scenario id (see `content list`); a random one when absent.
        #[arg(long, value_name = "ID")]
        scenario: Option<String>,
    },
    /// Run a timed mock interview.
    #[command(
        after_help = "Examples:\n  mlsd-coach mock --minutes 30\n  mlsd-coach mock --scenario fraud-detection --seed 7   # the same curveballs again"
    )]
    Mock {
        /// Length of the interview in minutes (default: the content's, 45).
        #[arg(long, value_name = "MINUTES")]
        minutes: Option<u32>,
        /// Scenario id (see `content list`); a random one when absent.
        #[arg(long, value_name = "ID")]
        scenario: Option<String>,
        /// Seed for the curveball schedule (same seed, same schedule).
        #[arg(long, value_name = "N")]
        seed: Option<u64>,
    },
    /// Browse past sessions in the interactive coach.
    Review,
    /// A short session on the criteria you miss most.
    Drill,
    /// Score a written answer (Markdown, text, `-` for stdin, or a saved session file).
    #[command(
        after_help = "Examples:\n  mlsd-coach score answer.md --scenario fraud-detection\n  cat answer.md | mlsd-coach score - --format json"
    )]
    Score {
        /// The answer to score: a Markdown or text file, `-` for stdin, or a session's .yaml file.
        file: PathBuf,
        /// The interview prompt the answer responds to (picks the closest scenario).
        #[arg(long)]
        prompt: Option<String>,
        /// Score against this scenario's emphasis and criteria (see `content list`).
        #[arg(long, value_name = "ID")]
        scenario: Option<String>,
        /// Show, per sentence, what it earned and why not more.
        #[arg(long)]
        explain: bool,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Inspect content packs.
    Content {
        #[command(subcommand)]
        command: ContentCommand,
    },
    /// List past sessions, newest first.
    #[command(
        after_help = "Examples:\n  mlsd-coach history\n  mlsd-coach history --scenario fraud-detection --mode mock\n  mlsd-coach history --format json"
    )]
    History {
        /// Only sessions of this scenario id (see `content list`).
        #[arg(long, value_name = "ID")]
        scenario: Option<String>,
        /// Only sessions of this mode.
        #[arg(long, value_enum)]
        mode: Option<ModeArg>,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Print one session with its scorecard.
    #[command(
        after_help = "Examples:\n  mlsd-coach show 2026-12-06T09-26-46_fraud-detection_n9wp\n  mlsd-coach show n9wp            # any unique part of the id\n  mlsd-coach show fraud           # lists the candidates when several match"
    )]
    Show {
        /// The session: its id, or any part of it that only one id contains
        /// (a date, the scenario, the four-letter suffix).
        id: String,
    },
    /// Export a session as a Markdown report or JSON.
    #[command(
        after_help = "Examples:\n  mlsd-coach export n9wp -o report.md\n  mlsd-coach export n9wp --format json > session.json"
    )]
    Export {
        /// The session: its id or any unique part of it (see `show`).
        id: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: ExportFormat,
        /// Write to this file instead of stdout (its full path is printed).
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Compare two attempts at the same scenario.
    #[command(
        after_help = "Examples:\n  mlsd-coach compare k3f9 n9wp\n  mlsd-coach compare k3f9 n9wp --format json"
    )]
    Compare {
        /// The earlier attempt: its id or any unique part of it.
        a: String,
        /// The later attempt: its id or any unique part of it.
        b: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Print which content and sessions directories are in use, and why.
    Paths,
    /// Print a shell completion script.
    #[command(after_help = docs::COMPLETIONS_HELP)]
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: docs::Shell,
    },
    /// Print the manual page (roff), e.g. `mlsd-coach man | man -l -`.
    Man,
}

#[derive(Debug, Subcommand)]
pub enum ContentCommand {
    /// Check a content pack; every error names file, line and column.
    Validate {
        /// The pack to check (default: the built-in content).
        dir: Option<PathBuf>,
    },
    /// List the scenarios: id, task type, number of key points, domain, title.
    List {
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// Print a scenario as Markdown: prompt, context, facts, key points, red
    /// flags and the example answer.
    Show {
        /// Scenario id, a former id, or any part of an id that names one scenario.
        id: String,
        /// Print only the example answer, as plain text.
        #[arg(long)]
        exemplar: bool,
    },
}

/// Load the content pack chosen by `--content`, or the embedded one.
/// Errors are printed (located) and turned into exit status 2.
pub fn load_content(global: &GlobalArgs) -> Result<Content, ExitCode> {
    match &global.content {
        None => Ok(content_core::load_embedded()),
        Some(dir) => content_core::load_dir(dir).map_err(|diags| {
            for d in &diags {
                err_line(d);
            }
            err_line(format!(
                "error: content pack {} has {}",
                dir.display(),
                crate::core::report::plural(diags.len() as u64, "problem", "problems")
            ));
            ExitCode::from(2)
        }),
    }
}

pub fn sessions_dir(global: &GlobalArgs) -> SessionsDir {
    store::resolve_sessions_dir(global.sessions_dir.as_deref())
}

/// Writes a command's text output to stdout, control characters made
/// visible (session fields, answers and file names may hold escape
/// sequences). A closed pipe (`| head`) is not an error worth a message,
/// let alone a panic.
pub(crate) fn print_out(s: &str) -> ExitCode {
    write_stdout(&controls::neutralise(s))
}

/// Writes JSON to stdout, with the control characters JSON leaves raw
/// escaped as well.
pub(crate) fn print_json(s: &str) -> ExitCode {
    write_stdout(&controls::json_escaped(s))
}

pub(crate) fn write_stdout(s: &str) -> ExitCode {
    use std::io::Write as _;
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(s.as_bytes()).and_then(|()| stdout.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            err_line(format!("error: cannot write to stdout: {e}"));
            ExitCode::FAILURE
        }
    }
}

/// One line on stderr (errors, warnings, notes), control characters made
/// visible: messages quote file names, ids and field names.
pub(crate) fn err_line(line: impl std::fmt::Display) {
    eprintln!("{}", controls::neutralise(&line.to_string()));
}

pub fn main() -> ExitCode {
    // With no arguments, the coach's home screen: clap need not build its
    // commands for that (a third of a millisecond of the first frame).
    if std::env::args_os().len() <= 1 {
        return run(no_arguments());
    }
    let cli = Cli::parse();
    run(cli)
}

/// What clap makes of no arguments (the home screen).
fn no_arguments() -> Cli {
    Cli {
        global: GlobalArgs {
            content: None,
            sessions_dir: None,
        },
        command: None,
    }
}

pub fn run(cli: Cli) -> ExitCode {
    use crate::tui::Start;
    let g = cli.global;
    let tui = |start: Start| -> ExitCode {
        // Home and practice draw their first frame from the built-in
        // pack's sketch; the whole is read once it is on screen.
        let sketch = match (&g.content, &start) {
            (None, Start::Home | Start::Practice { .. }) => content_core::embedded_sketch(),
            _ => None,
        };
        let whole: fn() -> Content = content_core::load_embedded;
        let (content, whole) = match sketch {
            Some(s) => (s, Some(whole)),
            None => match load_content(&g) {
                Ok(c) => (c, None),
                Err(code) => return code,
            },
        };
        match crate::tui::run(content, whole, sessions_dir(&g), start) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                err_line(format!("error: {e:#}"));
                ExitCode::FAILURE
            }
        }
    };
    match cli.command {
        None => tui(Start::Home),
        Some(Command::Practice { scenario }) => tui(Start::Practice { scenario }),
        Some(Command::Mock {
            minutes,
            scenario,
            seed,
        }) => tui(Start::Mock {
            minutes,
            scenario,
            seed,
        }),
        Some(Command::Review) => tui(Start::Review),
        Some(Command::Drill) => tui(Start::Drill),
        Some(Command::Score {
            file,
            prompt,
            scenario,
            explain,
            format,
        }) => score::run(
            &g,
            &file,
            score::Options {
                prompt: prompt.as_deref(),
                scenario: scenario.as_deref(),
                explain,
                format,
            },
        ),
        Some(Command::Content { command }) => match command {
            ContentCommand::Validate { dir } => content::run_validate(&g, dir.as_deref()),
            ContentCommand::List { format } => content::run_list(&g, format),
            ContentCommand::Show { id, exemplar } => content::run_show(&g, &id, exemplar),
        },
        Some(Command::History {
            scenario,
            mode,
            format,
        }) => sessions::run_history(&g, scenario.as_deref(), mode, format),
        Some(Command::Show { id }) => sessions::run_show(&g, &id),
        Some(Command::Export { id, format, output }) => {
            sessions::run_export(&g, &id, format, output.as_deref())
        }
        Some(Command::Compare { a, b, format }) => review::run_compare(&g, &a, &b, format),
        Some(Command::Paths) => sessions::run_paths(&g),
        Some(Command::Completions { shell }) => docs::run_completions(shell),
        Some(Command::Man) => docs::run_man(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_arguments_is_what_clap_makes_of_none() {
        let parsed = Cli::try_parse_from(["mlsd-coach"]).unwrap();
        assert_eq!(format!("{parsed:?}"), format!("{:?}", no_arguments()));
    }
}
