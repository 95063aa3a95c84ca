//! The book's tooling: `cargo xtask <command>` (see `cargo xtask help`).

mod bench;
mod figures;
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
  browser-test    build the book and drive it in headless Chromium (tests/browser/)
  timelines       run the worked examples and draw their timelines (SVG, under src/)
  bench           measure the cost per task of each way, tokio next to asyncio (about 5 min);
                  --smoke: a hundred tasks, once each, into target/bench-smoke/ (seconds);
                  --render: redraw the tables and chart from src/bench/results.csv
  install-mdbook  install the pinned mdBook into .tools/ (the other commands do it when needed)
";

/// Where the browser test looks for Chromium (Debian's package `chromium`).
const CHROMIUM: &str = "/usr/bin/chromium";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => mdbook(&["serve", "--port", "3000"]),
        Some("build") => mdbook(&["build"]),
        Some("browser-test") => browser_test(),
        Some("timelines") => timelines::run(&args[1..]),
        Some("bench") => bench::run(&args[1..]),
        Some("install-mdbook") => install_mdbook().map(|_| ()),
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
/// browser test (tests/browser/) against it. Screenshots land in `target/screenshots/`.
fn browser_test() -> Result<(), String> {
    let root = repo_root();
    let book = root.join("target/browser-test/book");
    mdbook(&["build", "--dest-dir", book.to_str().unwrap()])
        .map_err(|e| format!("the book did not build, so there is nothing to test: {e}"))?;
    if !Path::new(CHROMIUM).exists() {
        return Err(format!(
            "no Chromium at {CHROMIUM}: install it with `apt-get install chromium` (.ci/run does)"
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
        .args(["--test", "--test-reporter=spec", "book.test.mjs"])
        .current_dir(&tests)
        .env("BOOK_DIR", &book)
        .env("REPO_ROOT", &root)
        .env("SCREENSHOT_DIR", root.join("target/screenshots"))
        .env("CHROMIUM", CHROMIUM))
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
    run(
        cargo()
            .args(["install", "mdbook", "--locked", "--version"])
            .arg(format!("={MDBOOK_VERSION}"))
            .arg("--root")
            .arg(&tools),
    )?;
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
