//! The `concord` binary: all the work is in the library; this only parses and prints.

mod cli;
mod serve;

fn main() -> std::process::ExitCode {
    cli::run()
}
