//! The `concord` binary: all the work is in the library; this only parses and prints.

/// `println!` that never panics: a closed pipe (`concord check --json | head`) is a normal end
/// for what is printed, and the command still exits with its own code.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(anstream::stdout(), $($arg)*);
    }};
}

/// `eprintln!` that never panics, for the same reason (`concord build 2>&1 | head`).
macro_rules! errln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(anstream::stderr(), $($arg)*);
    }};
}

mod cli;
mod diagnostics;
mod serve;

/// mimalloc: the build allocates many small strings from many threads; measured faster than the
/// system allocator (see docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::run()
}
