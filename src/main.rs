//! The `concord` binary: all the work is in the library; this only parses and prints.

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
