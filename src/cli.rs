//! The command line: parses arguments, calls the library, prints what it returns.

use crate::diagnostics;
use clap::{Args, Parser, Subcommand};
use concord::{Error, Options, Progress, ProgressEvent};
use std::path::{Path, PathBuf};
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
    /// List every organisation, person, place and partner pair, most in need of a look first.
    Review(ReviewArgs),
    /// Build into a temporary folder, serve it on this machine, rebuild and reload on change.
    Serve(ServeArgs),
    /// Write a new site into DIR: site.toml and an example article (none where content/ already
    /// holds articles); --theme also copies the built-in theme to customise.
    Init(InitArgs),
    /// Write a new article in the native format: content/YYYY/MM/<slug>.txt.
    New(NewArgs),
    /// Print a shell completion script: `concord completions bash > /etc/bash_completion.d/concord`.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Args)]
struct InitArgs {
    /// Where to write the site (created if missing); --root, or the current folder, by default.
    dir: Option<PathBuf>,
    /// Add the missing files to a folder that is not empty (existing files are never replaced;
    /// no example article is added where content/ already holds articles).
    #[arg(long)]
    force: bool,
    /// Write only site.toml: no example article.
    #[arg(long)]
    bare: bool,
    /// Also copy the built-in theme (templates/, static/) into the site to customise it; without
    /// it the theme built into concord is used, and later releases' fixes reach the site.
    #[arg(long)]
    theme: bool,
}

#[derive(Debug, Args)]
struct NewArgs {
    /// The article's headline; the file is named after it.
    headline: String,
    /// The article's date, YYYY-MM-DD; today by default.
    #[arg(long, value_parser = parse_date)]
    date: Option<chrono::NaiveDate>,
    /// Who published it (the trailer's Source:).
    #[arg(long)]
    source: Option<String>,
    /// Who edited it (the trailer's Editor:).
    #[arg(long)]
    editor: Option<String>,
    /// The file name (and URL) to use instead of one made from the headline.
    #[arg(long)]
    slug: Option<String>,
}

fn parse_date(text: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|e| format!("{e}: write the date as YYYY-MM-DD"))
}

#[derive(Debug, Args)]
struct ServeArgs {
    /// The address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    bind: String,
    /// The port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 1111)]
    port: u16,
    /// Open the site in the desktop's browser.
    #[arg(long)]
    open: bool,
    /// Also print how long each stage of every rebuild took.
    #[arg(long, short, visible_alias = "timings")]
    verbose: bool,
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
    /// Publish the site without the articles that have errors, listing each one left out.
    #[arg(long)]
    keep_going: bool,
    /// Treat import warnings (encoding guessed, URL renamed, duplicate, date taken from the
    /// path, special file skipped) as errors.
    #[arg(long)]
    strict: bool,
    /// Print errors only.
    #[arg(long, short)]
    quiet: bool,
    /// Also print how long each stage took and the memory in use after it.
    #[arg(long, short, visible_alias = "timings")]
    verbose: bool,
}

#[derive(Debug, Args)]
struct ReviewArgs {
    /// Print the review as JSON on stdout.
    #[arg(long, conflicts_with = "html")]
    json: bool,
    /// Write the review as a page to click through, DIR/index.html.
    #[arg(long, value_name = "DIR")]
    html: Option<PathBuf>,
    /// Only names first seen on or after this date (YYYY-MM-DD): a weekly review of new names.
    #[arg(long, value_parser = parse_date)]
    since: Option<chrono::NaiveDate>,
}

#[derive(Debug, Args)]
struct CheckArgs {
    /// Print the extracted model as JSON on stdout.
    #[arg(long)]
    json: bool,
    /// Treat import warnings (encoding guessed, URL renamed, duplicate, date taken from the
    /// path, special file skipped) as errors.
    #[arg(long)]
    strict: bool,
}

/// A progress bar on stderr for builds run on a terminal (none when stderr is a pipe or file),
/// and the listener that moves it. It is cleared when the build ends, so only the summary line
/// stays.
fn progress_bar() -> Option<(indicatif::ProgressBar, Progress)> {
    use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr_with_hz(10));
    let counted = ProgressStyle::with_template("{msg:>12} [{bar:30}] {pos}/{len} files")
        .ok()?
        .progress_chars("=> ");
    let open_ended = ProgressStyle::with_template("{spinner} {msg} {pos}").ok()?;
    bar.set_style(open_ended.clone());
    let moved = bar.clone();
    let progress = Progress(std::sync::Arc::new(move |event| match event {
        ProgressEvent::Stage { name, total } => {
            moved.reset();
            match total {
                Some(total) => {
                    moved.set_style(counted.clone());
                    moved.set_length(total);
                }
                None => {
                    moved.set_style(open_ended.clone());
                    moved.unset_length();
                }
            }
            moved.set_message(name);
        }
        ProgressEvent::Step => moved.inc(1),
    }));
    Some((bar, progress))
}

/// Prints an error with what the user needs to fix it, and gives its exit code.
fn fail(root: &Path, error: &Error) -> ExitCode {
    if let Error::Content(problems) = error {
        diagnostics::print(root, problems);
    }
    if let Error::BrokenLinks(links) = error {
        for link in links {
            errln!("broken link: {link}");
        }
    }
    errln!("error: {error}");
    ExitCode::from(error.exit_code())
}

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => build(cli.root, &args),
        Command::Init(args) => init(cli.root, args),
        Command::New(args) => new(cli.root, &args),
        Command::Completions { shell } => completions(&cli.root, shell),
        Command::Serve(args) => {
            match crate::serve::run(cli.root, &args.bind, args.port, args.open, args.verbose) {
                Ok(()) => ExitCode::SUCCESS,
                Err(message) => {
                    errln!("error: {message}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Review(args) => review(cli.root, &args),
        Command::Check(args) => check(cli.root, &args),
    }
}

/// `concord build`.
fn build(root: PathBuf, args: &BuildArgs) -> ExitCode {
    let bar = (!args.quiet).then(progress_bar).flatten();
    let options = Options {
        root,
        output: args.output.clone(),
        base_url: args.base_url.clone(),
        drafts: args.drafts,
        check_links: args.check_links,
        keep_going: args.keep_going,
        strict: args.strict,
        progress: bar.as_ref().map(|(_, progress)| progress.clone()),
        defer_search: false,
    };
    let built = concord::build(&options);
    if let Some((bar, _)) = &bar {
        bar.finish_and_clear();
    }
    match built {
        Ok(report) => {
            if !args.quiet {
                diagnostics::print(&options.root, &report.warnings);
                if let Some(kinds) = diagnostics::count_by_kind(&report.warnings) {
                    outln!("Warnings by kind: {kinds}");
                }
                if let Some(checked) = report.links_checked {
                    outln!(
                        "Checked {} and {} in {}: none broken",
                        diagnostics::plural(checked.links, "link", "links"),
                        diagnostics::plural(checked.fragments, "#fragment", "#fragments"),
                        diagnostics::plural(checked.pages, "page", "pages"),
                    );
                }
                if report.left_out > 0 {
                    outln!(
                        "{} left out because of errors (--keep-going); see the warnings above",
                        diagnostics::plural(report.left_out, "file", "files")
                    );
                }
                outln!(
                    "Built {} and {}: {} in {} for {} ({} skipped) in {:.2} s",
                    diagnostics::plural(report.articles, "article", "articles"),
                    diagnostics::plural(
                        report.organisations,
                        "organisation page",
                        "organisation pages"
                    ),
                    diagnostics::plural(report.files_written, "file", "files"),
                    report.output.display(),
                    report.base_url,
                    diagnostics::plural(report.drafts_skipped, "draft", "drafts"),
                    report.elapsed.as_secs_f64()
                );
            }
            if args.verbose {
                diagnostics::print_timings(&report.timings);
                if let Some(parts) = &report.search_written {
                    errln!(
                        "search index: {} of {} taken from the index already in the output folder (records unchanged)",
                        report.search_parts_taken,
                        diagnostics::plural(parts.len(), "part", "parts"),
                    );
                }
            }
            ExitCode::SUCCESS
        }
        Err(e) => fail(&options.root, &e),
    }
}

/// `concord init`.
fn init(root: PathBuf, args: InitArgs) -> ExitCode {
    let dir = match (args.dir, root == Path::new(".")) {
        (Some(dir), true) => dir,
        (None, _) => root,
        (Some(dir), false) if dir == root => dir,
        (Some(_), false) => {
            errln!("error: give the folder once: `concord init DIR` (or `--root DIR init`)");
            return ExitCode::from(2);
        }
    };
    let args = InitArgs {
        dir: Some(dir.clone()),
        ..args
    };
    let today = chrono::Local::now().date_naive();
    let init = concord::scaffold::InitOptions {
        force: args.force,
        bare: args.bare,
        theme: args.theme,
    };
    match concord::scaffold::init(&dir, init, today) {
        Ok(written) => {
            for path in &written {
                outln!("  wrote {}", dir.join(path).display());
            }
            let shown = if dir == Path::new(".") {
                "the current folder".to_string()
            } else {
                dir.display().to_string()
            };
            outln!(
                "A new site is in {shown}; preview it with: concord --root {} serve",
                dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(&dir, &e),
    }
}

/// `concord new`.
fn new(root: PathBuf, args: &NewArgs) -> ExitCode {
    // Like every other command, `new` works on a site: refuse a folder without one.
    if let Err(e) = concord::load_config(&Options {
        root: root.clone(),
        ..Options::default()
    }) {
        return fail(&root, &e);
    }
    let article = concord::scaffold::NewArticle {
        slug: args.slug.as_deref(),
        headline: &args.headline,
        date: args
            .date
            .unwrap_or_else(|| chrono::Local::now().date_naive()),
        source: args.source.as_deref(),
        editor: args.editor.as_deref(),
    };
    match concord::scaffold::new_article(&root, &article) {
        Ok(path) => {
            outln!("{}", root.join(path).display());
            ExitCode::SUCCESS
        }
        Err(e) => fail(&root, &e),
    }
}

/// `concord completions`.
fn completions(root: &Path, shell: clap_complete::Shell) -> ExitCode {
    if root != Path::new(".") {
        errln!("error: completions are the same for every site; leave out --root");
        return ExitCode::from(2);
    }
    use clap::CommandFactory;
    clap_complete::generate(
        shell,
        &mut Cli::command(),
        "concord",
        &mut std::io::stdout(),
    );
    ExitCode::SUCCESS
}

/// `concord check`.
fn check(root: PathBuf, args: &CheckArgs) -> ExitCode {
    let options = Options {
        root,
        drafts: true,
        strict: args.strict,
        ..Options::default()
    };
    let site = match concord::load(&options) {
        Ok(site) => site,
        Err(e) => return fail(&options.root, &e),
    };
    if args.json {
        match serde_json::to_string_pretty(&site.check_model()) {
            Ok(json) => outln!("{json}"),
            Err(e) => {
                errln!("error: cannot write JSON: {e}");
                return ExitCode::from(2);
            }
        }
    } else {
        diagnostics::print(&options.root, &site.problems);
        let errors = site.problems.iter().filter(|p| p.is_error()).count();
        let warnings = site.problems.len() - errors;
        if let Some(kinds) = diagnostics::count_by_kind(&site.problems) {
            outln!("Warnings by kind: {kinds}");
        }
        outln!(
            "Checked {}: {}, {}",
            diagnostics::plural(site.archive.articles.len(), "article", "articles"),
            diagnostics::plural(errors, "error", "errors"),
            diagnostics::plural(warnings, "warning", "warnings"),
        );
    }
    if site.has_errors() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `concord review`: the review as a table (through a pager on a terminal), JSON, or a page.
fn review(root: PathBuf, args: &ReviewArgs) -> ExitCode {
    let options = Options {
        root,
        drafts: true,
        ..Options::default()
    };
    let site = match concord::load(&options) {
        Ok(site) => site,
        Err(e) => return fail(&options.root, &e),
    };
    let rows = concord::review::review(&site, args.since);
    if args.json {
        match serde_json::to_string_pretty(&rows) {
            Ok(json) => outln!("{json}"),
            Err(e) => {
                errln!("error: cannot write JSON: {e}");
                return ExitCode::from(2);
            }
        }
        return ExitCode::SUCCESS;
    }
    if let Some(dir) = &args.html {
        let path = dir.join("index.html");
        let written = std::fs::create_dir_all(dir)
            .and_then(|()| std::fs::write(&path, concord::review::to_html(&rows, &site)));
        return match written {
            Ok(()) => {
                outln!(
                    "Wrote the review of {} names to {}",
                    rows.len(),
                    path.display()
                );
                ExitCode::SUCCESS
            }
            Err(e) => fail(&options.root, &Error::io(path, e)),
        };
    }
    let width = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(120);
    page(&concord::review::to_text(&rows, width));
    ExitCode::SUCCESS
}

/// Shows text through `$PAGER` (or `less -FRX`) on a terminal; prints it elsewhere.
fn page(text: &str) {
    use std::io::{IsTerminal, Write};
    if std::io::stdout().is_terminal() {
        let pager = std::env::var("PAGER").unwrap_or_else(|_| "less -FRX".to_string());
        let mut words = pager.split_whitespace();
        if let Some(program) = words.next()
            && let Ok(mut child) = std::process::Command::new(program)
                .args(words)
                .stdin(std::process::Stdio::piped())
                .spawn()
        {
            if let Some(mut stdin) = child.stdin.take() {
                let _ = stdin.write_all(text.as_bytes());
            }
            let _ = child.wait();
            return;
        }
    }
    let _ = anstream::stdout().write_all(text.as_bytes());
}

#[cfg(test)]
mod tests {
    #[test]
    fn verify_cli() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}
