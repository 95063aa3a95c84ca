//! The book's tooling: `cargo xtask <command>` (see `cargo xtask help`).

mod bench;
mod figures;
mod quiz_rustc;
mod stress;
mod timelines;
mod workload;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

/// A command-line tool the book is rendered with, pinned to one version, and installed into
/// `.tools/` by the commands that need it ([`install`]).
struct Tool {
    /// The crate, and the program it installs.
    name: &'static str,
    version: &'static str,
}

/// mdBook. It must match the `mdbook-driver` library the tests build the book with (checked by
/// a test below).
const MDBOOK: Tool = Tool {
    name: "mdbook",
    version: "0.5.4",
};

/// The preprocessor of the quizzes (`[preprocessor.quiz]` in book.toml). The tests read the
/// quizzes with its schema, of the same version (checked by a test below); `cargo test` never
/// needs the program itself.
const MDBOOK_QUIZ: Tool = Tool {
    name: "mdbook-quiz",
    version: "0.5.0",
};

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
  install-tools   install the pinned mdBook and mdbook-quiz into .tools/ (the commands above do
                  it when needed)
  bless [NAME…]   run the programs (listings, asyncio programs, Try-it variants; all, or those
                  named) twice and write what they print as their expected outputs; a program
                  whose two runs differ is refused
  stress [ROUNDS] run every program ROUNDS times (default 20) with every core kept busy, and
                  report each output that differs from the expected one
  workload        measure the workload of the chapter A real workload, tokio next to asyncio,
                  and draw its timeline (about a minute); --render: redraw from src/workload/
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
        Some("install-tools" | "install-mdbook") => {
            install(&MDBOOK).and_then(|_| install(&MDBOOK_QUIZ).map(|_| ()))
        }
        // Internal: mdbook-quiz's `rustc`, on the `PATH` of the mdBook the commands above run.
        Some("quiz-rustc") => quiz_rustc::run(&args[1..]),
        Some("bless") => book_checks::bless::bless(&repo_root(), &args[1..]),
        Some("stress") => stress::run(&args[1..]),
        Some("workload") => workload::run(&args[1..]),
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

/// Runs the pinned mdBook in the repository's root (see [`mdbook_command`]).
fn mdbook(args: &[&str]) -> Result<(), String> {
    run(mdbook_command()?.args(args))
}

/// The pinned mdBook, to run in the repository's root: mdBook and mdbook-quiz installed first if
/// needed, and mdbook-quiz able to check the quizzes' answers (see [`quiz_rustc`]).
fn mdbook_command() -> Result<Command, String> {
    let root = repo_root();
    let mdbook = install(&MDBOOK)?;
    let quiz = install(&MDBOOK_QUIZ)?;
    let mut command = Command::new(mdbook);
    command.current_dir(&root);
    quiz_rustc::prepare(&root, &mut command, quiz.parent().unwrap())?;
    Ok(command)
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
    run(mdbook_command()?
        .args(["build", "--dest-dir", book.to_str().unwrap()])
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

/// Returns the path of the pinned `tool`, installing it into `.tools/` if it is not there yet
/// (`cargo install --locked`, with the lock file the crate was published with). It stays out of
/// `~/.cargo/bin`, so another copy a reader has is left alone.
fn install(tool: &Tool) -> Result<PathBuf, String> {
    let tools = repo_root().join(".tools");
    let program = tools.join("bin").join(tool.name);
    if installed_version(&program, tool.name).as_deref() == Some(tool.version) {
        return Ok(program);
    }
    eprintln!(
        "xtask: installing {} {} into {} (a few minutes, once)",
        tool.name,
        tool.version,
        tools.display()
    );
    run(cargo()
        .args(["install", tool.name, "--locked", "--version"])
        .arg(format!("={}", tool.version))
        .arg("--root")
        .arg(&tools))?;
    Ok(program)
}

/// The version `program --version` reports (`mdbook v0.5.4`, `mdbook-quiz 0.5.0`), if it runs
/// at all.
fn installed_version(program: &Path, name: &str) -> Option<String> {
    let output = Command::new(program).arg("--version").output().ok()?;
    let text = String::from_utf8(output.stdout).ok()?;
    let version = text.trim().strip_prefix(name)?.trim();
    Some(version.strip_prefix('v').unwrap_or(version).to_owned())
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
            Some(MDBOOK.version)
        );
    }

    #[test]
    fn the_quiz_preprocessor_matches_the_schema_the_tests_read_quizzes_with() {
        assert_eq!(
            locked_version("mdbook-quiz-schema").as_deref(),
            Some(MDBOOK_QUIZ.version)
        );
    }
}
