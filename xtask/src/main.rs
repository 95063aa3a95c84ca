//! The book's tooling: `cargo xtask <command>` (see `cargo xtask help`).

mod bench;
mod figures;
mod stress;
mod timelines;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

/// The mdBook command-line tool the book is built with. It must match the `mdbook-driver`
/// library the tests build the book with (checked by a test below).
const MDBOOK_VERSION: &str = "0.5.4";

const HELP: &str = "\
usage: cargo xtask <command>

commands:
  serve           serve the book at http://localhost:3000, rebuilding on every change
  build           build the book into book/ with the pinned mdBook
  browser-test    build the book and drive it in headless Chromium (tests/browser/);
                  arguments go to `node --test`, e.g. --test-name-pattern=search
  timelines       run the listings listings/shapes.toml gives a timeline and draw them (SVG,
                  under src/timelines/); --redraw: draw again from the recorded runs
  bench           measure the cost per task of each way, tokio next to asyncio (about 5 min);
                  --smoke: a hundred tasks, once each, into target/bench-smoke/ (seconds);
                  --render: redraw the tables and chart from src/bench/results.csv
  install-mdbook  install the pinned mdBook into .tools/ (the other commands do it when needed)
  bless [NAME…]   run the programs (listings, asyncio programs, Try-it variants; all, or those
                  named) twice and write what they print as their expected outputs; a program
                  whose two runs differ is refused
  stress [ROUNDS] run every program ROUNDS times (default 20) with every core kept busy, and
                  report each output that differs from the expected one
";

/// The path the browser test serves the book under: a project site on GitHub Pages lives
/// under `/<repository>/`.
const SITE_PATH: &str = "/tokio-concurrently/";

/// Where the browser test looks for Chromium (Debian's package `chromium`).
const CHROMIUM: &str = "/usr/bin/chromium";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => mdbook(&["serve", "--port", "3000"]),
        Some("build") => mdbook(&["build"]),
        Some("browser-test") => browser_test(&args[1..]),
        Some("timelines") => timelines::run(&args[1..]),
        Some("bench") => bench::run(&args[1..]),
        Some("install-mdbook") => install_mdbook().map(|_| ()),
        Some("bless") => book_checks::bless::bless(&repo_root(), &args[1..]),
        Some("stress") => stress::run(&args[1..]),
        Some("help") | None => {
            print!("{HELP}");
            Ok(())
        }
        Some(other) => Err(format!("unknown command `{other}`\n\n{HELP}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

pub(crate) use book_checks::workspace::{cargo, repo_root};

/// Runs the pinned mdBook in the repository's root, installing it first if needed.
fn mdbook(args: &[&str]) -> Result<(), String> {
    let mdbook = install_mdbook()?;
    run(Command::new(mdbook).args(args).current_dir(repo_root()))
}

/// Builds the book into `target/browser-test/book` with the pinned mdBook, then runs the
/// browser test (tests/browser/) against it, served under `SITE_PATH` as GitHub Pages serves
/// it. Screenshots land in `target/screenshots/`. Arguments go to `node --test` (for example
/// `--test-name-pattern=search`).
fn browser_test(node_args: &[String]) -> Result<(), String> {
    let root = repo_root();
    let book = root.join("target/browser-test/book");
    // Built as the publishing workflow builds it for GitHub Pages, where the book lives under
    // `/<repository>/` and the 404 page needs to know it (see .github/workflows/pages.yml).
    let mdbook = install_mdbook()?;
    run(Command::new(mdbook)
        .args(["build", "--dest-dir", book.to_str().unwrap()])
        .current_dir(&root)
        .env("MDBOOK_OUTPUT__HTML__SITE_URL", SITE_PATH))
    .map_err(|e| format!("the book did not build, so there is nothing to test: {e}"))?;
    // `CHROMIUM` may name another Chromium or Chrome (GitHub's runners have Chrome).
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| CHROMIUM.to_owned());
    if !Path::new(&chromium).exists() {
        return Err(format!(
            "no Chromium at {chromium}: install it with `apt-get install chromium` (.ci/run does)"
        ));
    }
    let tests = root.join("tests/browser");
    if !tests.join("node_modules/playwright-core").exists() {
        run(Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&tests))
        .map_err(|e| format!("cannot install the browser test's packages: {e}"))?;
    }
    run(Command::new("node")
        .args(["--test", "--test-reporter=spec"])
        .args(node_args)
        .arg("book.test.mjs")
        .current_dir(&tests)
        .env("BOOK_DIR", &book)
        .env("SITE_PATH", SITE_PATH)
        .env("REPO_ROOT", &root)
        .env("SCREENSHOT_DIR", root.join("target/screenshots"))
        .env("CHROMIUM", &chromium))
}

/// Returns the pinned mdBook's path, installing it into `.tools/` if it is not there yet.
/// It stays out of `~/.cargo/bin`, so another mdBook a reader has is left alone.
fn install_mdbook() -> Result<PathBuf, String> {
    let tools = repo_root().join(".tools");
    let mdbook = tools.join("bin").join("mdbook");
    if installed_version(&mdbook).as_deref() == Some(MDBOOK_VERSION) {
        return Ok(mdbook);
    }
    eprintln!(
        "xtask: installing mdBook {MDBOOK_VERSION} into {} (a few minutes, once)",
        tools.display()
    );
    run(cargo()
        .args(["install", "mdbook", "--locked", "--version"])
        .arg(format!("={MDBOOK_VERSION}"))
        .arg("--root")
        .arg(&tools))?;
    Ok(mdbook)
}

/// The version `mdbook --version` reports (`mdbook v0.5.4`), if it runs at all.
fn installed_version(mdbook: &Path) -> Option<String> {
    let output = Command::new(mdbook).arg("--version").output().ok()?;
    let text = String::from_utf8(output.stdout).ok()?;
    Some(text.trim().strip_prefix("mdbook v")?.to_owned())
}

pub(crate) fn run(command: &mut Command) -> Result<(), String> {
    let status = command
        .status()
        .map_err(|e| format!("cannot run {command:?}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{command:?} failed: {status}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use book_checks::workspace::locked_version;

    #[test]
    fn the_mdbook_tool_matches_the_library_the_tests_use() {
        assert_eq!(
            locked_version("mdbook-driver").as_deref(),
            Some(MDBOOK_VERSION)
        );
    }
}
