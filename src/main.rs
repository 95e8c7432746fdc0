//! The `concord` binary: all the work is in the library; this only parses and prints.

mod cli;

fn main() -> std::process::ExitCode {
    cli::run()
}
