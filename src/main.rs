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
    // No transparent huge pages: mimalloc returns freed memory to the system and takes it back
    // as the build goes, and the kernel zeroes a whole 2 MiB page for each such fault. At 10,000
    // articles that was 3 s of system time of a 12 s build, and 130 MB more resident memory
    // (docs/performance.md). A kernel that refuses the request builds as before.
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
    cli::run()
}
