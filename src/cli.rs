//! The command line: parses arguments, calls the library, prints what it returns.

use clap::{Args, Parser, Subcommand};
use concord::{Error, Options, Problem};
use std::path::PathBuf;
use std::process::ExitCode;

/// Turns a folder of plain-text news into a browsable archive.
#[derive(Debug, Parser)]
#[command(name = "concord", version, about)]
pub struct Cli {
    /// The site folder (holding site.toml); the current folder by default.
    #[arg(long, global = true, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the site into the output folder (public/ by default).
    Build(BuildArgs),
    /// Read every article and report every problem; writes nothing.
    Check(CheckArgs),
    /// Build into a temporary folder and serve the site on this machine.
    Serve(ServeArgs),
}

#[derive(Debug, Args)]
struct ServeArgs {
    /// The address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    bind: String,
    /// The port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 1111)]
    port: u16,
}

#[derive(Debug, Args)]
struct BuildArgs {
    /// Write the site here instead of output_dir.
    #[arg(long, value_name = "DIR")]
    output: Option<PathBuf>,
    /// Publish under this URL instead of site.toml's base_url (also CONCORD_BASE_URL).
    #[arg(long, value_name = "URL", env = "CONCORD_BASE_URL")]
    base_url: Option<String>,
    /// Verify every internal link and #fragment before publishing; fail on a broken one.
    #[arg(long)]
    check_links: bool,
    /// Include articles marked draft = true.
    #[arg(long)]
    drafts: bool,
    /// Print errors only.
    #[arg(long, short)]
    quiet: bool,
    /// Print how long each stage took (walk, parse, extract, index, render + write, publish).
    #[arg(long)]
    timings: bool,
}

#[derive(Debug, Args)]
struct CheckArgs {
    /// Print the extracted model as JSON on stdout.
    #[arg(long)]
    json: bool,
}

fn print_problems(problems: &[Problem]) {
    for problem in problems {
        eprintln!("{problem}");
    }
}

/// Prints an error with what the user needs to fix it, and gives its exit code.
fn fail(error: &Error) -> ExitCode {
    if let Error::Content(problems) = error {
        print_problems(problems);
    }
    if let Error::BrokenLinks(links) = error {
        for link in links {
            eprintln!("broken link: {link}");
        }
    }
    eprintln!("error: {error}");
    ExitCode::from(error.exit_code())
}

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => {
            let options = Options {
                root: cli.root,
                output: args.output,
                base_url: args.base_url,
                drafts: args.drafts,
                check_links: args.check_links,
            };
            match concord::build(&options) {
                Ok(report) => {
                    if !args.quiet {
                        print_problems(&report.warnings);
                        println!(
                            "Built {} articles and {} organisation pages: {} files in {} for {} ({} drafts skipped) in {:.2} s",
                            report.articles,
                            report.organisations,
                            report.files_written,
                            report.output.display(),
                            report.base_url,
                            report.drafts_skipped,
                            report.elapsed.as_secs_f64()
                        );
                    }
                    if args.timings {
                        for (stage, took, rss) in &report.timings.stages {
                            let rss = rss.map_or(String::new(), |kib| {
                                format!("  {:7.1} MiB resident", kib as f64 / 1024.0)
                            });
                            eprintln!("{stage:>22}  {:8.1} ms{rss}", took.as_secs_f64() * 1000.0);
                        }
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => fail(&e),
            }
        }
        Command::Serve(args) => match crate::serve::run(cli.root, &args.bind, args.port) {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("error: {message}");
                ExitCode::from(2)
            }
        },
        Command::Check(args) => {
            let options = Options {
                root: cli.root,
                drafts: true,
                ..Options::default()
            };
            let site = match concord::load(&options) {
                Ok(site) => site,
                Err(e) => return fail(&e),
            };
            if args.json {
                match serde_json::to_string_pretty(&site.check_model()) {
                    Ok(json) => println!("{json}"),
                    Err(e) => {
                        eprintln!("error: cannot write JSON: {e}");
                        return ExitCode::from(2);
                    }
                }
            } else {
                print_problems(&site.problems);
                let errors = site.problems.iter().filter(|p| p.is_error()).count();
                let warnings = site.problems.len() - errors;
                println!(
                    "Checked {} articles: {errors} errors, {warnings} warnings",
                    site.archive.articles.len()
                );
            }
            if site.has_errors() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn verify_cli() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}
