fn main() -> std::process::ExitCode {
    tracker::run()
}
