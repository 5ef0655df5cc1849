fn main() -> std::process::ExitCode {
    mlsd_coach::cli::main()
}
