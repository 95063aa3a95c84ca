//! Runs the book's programs and compares what they print with the output files the book shows.
//!
//! A program is a Rust listing (`listings/src/bin/NAME.rs`), its asyncio counterpart
//! (`listings/asyncio/NAME.py`, see [`crate::asyncio`]) or a Try-it variant of a listing
//! (`listings/try-it/NAME/SLUG.patch`, see [`crate::variants`]). Each has an expected output;
//! a program that exits with a failure must say so on the last line of it:
//! `[exit status: N]` (see [`Run::stdout`]).

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use similar::TextDiff;

/// A program of the book and the output it must print.
#[derive(Debug, Clone)]
pub struct Listing {
    /// How messages name it: `spawn_await_each`, `asyncio/spawn_await_each`,
    /// `try-it/spawn_await_each/one_task_slower`.
    pub name: String,
    /// The file a reader sees: the `.rs`, the `.py` or the `.patch`.
    pub source: PathBuf,
    pub expected_output: PathBuf,
}

/// Finds the listings in `bin_dir`, each with its expected output beside it (`NAME.txt`, which
/// [`missing_outputs`] reports if it is not there).
pub fn find_listings(bin_dir: &Path) -> Vec<Listing> {
    let mut sources: Vec<PathBuf> = std::fs::read_dir(bin_dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", bin_dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "rs"))
        .collect();
    sources.sort();
    sources
        .into_iter()
        .map(|source| Listing {
            name: source.file_stem().unwrap().to_string_lossy().into_owned(),
            expected_output: source.with_extension("txt"),
            source,
        })
        .collect()
}

/// One line for each program whose expected output is missing: a program is never skipped for
/// want of one.
pub fn missing_outputs<'a>(programs: impl IntoIterator<Item = &'a Listing>) -> Vec<String> {
    programs
        .into_iter()
        .filter(|listing| !listing.expected_output.exists())
        .map(|listing| {
            format!(
                "{}: `{}` has no expected output: add {} with what it prints \
                 (`cargo xtask bless {}` writes it)",
                listing.source.display(),
                listing.name,
                listing.expected_output.display(),
                listing.name
            )
        })
        .collect()
}

/// Builds every binary of `package` of the workspace at `workspace` with the cargo that runs
/// the tests, in the repository's target folder (so a warm run rebuilds nothing, and a scratch
/// copy of the book reuses what is built), and returns each binary's path by name.
pub fn build_binaries(workspace: &Path, package: &str) -> BTreeMap<String, PathBuf> {
    let output = crate::workspace::cargo()
        .current_dir(workspace)
        .args([
            "build",
            "--quiet",
            "--bins",
            "--message-format=json-render-diagnostics",
        ])
        .args(["--package", package])
        .arg("--target-dir")
        .arg(crate::workspace::target_dir())
        .stderr(Stdio::inherit())
        .output()
        .expect("cannot run cargo");
    assert!(
        output.status.success(),
        "cargo could not build the {package} package (see above)"
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter_map(|message| {
            let executable = message["executable"].as_str()?;
            let name = message["target"]["name"].as_str()?;
            Some((name.to_owned(), PathBuf::from(executable)))
        })
        .collect()
}

/// What one run of a program printed, each line with the moment it arrived.
#[derive(Debug)]
pub struct Run {
    pub lines: Vec<TimedLine>,
    /// `None` when the program exited with status 0.
    pub failure: Option<String>,
    pub stderr: String,
}

#[derive(Debug, Clone)]
pub struct TimedLine {
    /// Time since the program was started.
    pub at: Duration,
    pub text: String,
}

impl Run {
    /// What the program printed, and, when it exited with a failure, one more line saying so
    /// (`[exit status: 101]` for a panic): an expected output states how the program ends.
    pub fn stdout(&self) -> String {
        let mut text: String = self
            .lines
            .iter()
            .map(|line| format!("{}\n", line.text))
            .collect();
        if let Some(failure) = &self.failure {
            text.push_str(&format!("[{failure}]\n"));
        }
        text
    }

    pub fn success(&self) -> bool {
        self.failure.is_none()
    }
}

/// A program and its arguments, ready to start.
pub type CommandLine = Vec<OsString>;

/// The command line that runs the executable at `path` with no arguments.
pub fn command_line(path: &Path) -> CommandLine {
    vec![path.as_os_str().to_owned()]
}

/// Runs every executable at once, with no arguments (see [`run_commands`]).
pub fn run_all(programs: &[&Path]) -> Vec<Run> {
    let commands: Vec<CommandLine> = programs.iter().map(|path| command_line(path)).collect();
    run_commands(&commands)
}

/// Runs every command at once (most of them sleep, so running them side by side costs about
/// as long as the slowest one), timestamping each line of stdout as it arrives.
pub fn run_commands(commands: &[CommandLine]) -> Vec<Run> {
    thread::scope(|scope| {
        let runs: Vec<_> = commands
            .iter()
            .map(|command| scope.spawn(move || run(command)))
            .collect();
        runs.into_iter().map(|run| run.join().unwrap()).collect()
    })
}

fn run(command: &CommandLine) -> Run {
    let started = Instant::now();
    let mut child = Command::new(&command[0])
        .args(&command[1..])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {command:?}: {e}"));
    let mut stderr_pipe = child.stderr.take().unwrap();
    let stderr = thread::spawn(move || {
        let mut text = String::new();
        stderr_pipe.read_to_string(&mut text).map(|_| text)
    });
    let lines = BufReader::new(child.stdout.take().unwrap())
        .lines()
        .map(|line| TimedLine {
            at: started.elapsed(),
            text: line.expect("stdout is not UTF-8"),
        })
        .collect();
    let status = child.wait().unwrap();
    let failure = match (status.success(), status.code()) {
        (true, _) => None,
        (false, Some(code)) => Some(format!("exit status: {code}")),
        (false, None) => Some(format!("ended by a signal: {status}")),
    };
    let stderr = stderr.join().unwrap().unwrap_or_default();
    Run {
        lines,
        failure,
        stderr,
    }
}

/// How the printed lines must match the expected ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// Line for line, in order: the program is deterministic.
    Exact,
    /// The same lines, in any order: the multi-thread runtime decides the order per run.
    Any,
}

/// Compares a listing's stdout with its expected output; on a mismatch, the error names the
/// listing and the expected-output file and shows a unified line diff (`-` expected,
/// `+` printed).
pub fn compare(
    listing: &Listing,
    expected: &str,
    actual: &str,
    order: Order,
) -> Result<(), String> {
    let (expected, actual) = match order {
        Order::Exact => (expected.to_owned(), actual.to_owned()),
        Order::Any => (sorted_lines(expected), sorted_lines(actual)),
    };
    if expected == actual {
        return Ok(());
    }
    let note = match order {
        Order::Exact => "",
        Order::Any => " (compared without order: both sides sorted)",
    };
    let diff = TextDiff::from_lines(&expected, &actual)
        .unified_diff()
        .context_radius(3)
        .header(
            &listing.expected_output.display().to_string(),
            &format!("what `{}` printed", listing.name),
        )
        .to_string();
    Err(format!(
        "listing `{}` ({}) printed something else than {}{note}:\n{diff}",
        listing.name,
        listing.source.display(),
        listing.expected_output.display()
    ))
}

fn sorted_lines(text: &str) -> String {
    let mut lines: Vec<&str> = text.lines().collect();
    lines.sort_unstable();
    lines.iter().map(|line| format!("{line}\n")).collect()
}

/// Checks that the lines starting with `prefix` all arrived within `window` of each other:
/// the proof that tasks ran concurrently (run one after another, twenty one-second tasks
/// would spread their lines over nineteen seconds).
pub fn check_arrive_together(run: &Run, prefix: &str, window: Duration) -> Result<(), String> {
    let times = arrival_times(run, prefix);
    let (Some(first), Some(last)) = (times.iter().min(), times.iter().max()) else {
        return Err(format!("no line starts with `{prefix}`"));
    };
    let spread = *last - *first;
    if spread <= window {
        Ok(())
    } else {
        Err(format!(
            "the {} lines starting with `{prefix}` arrived over {spread:?} (from {first:?} to \
             {last:?} after start), not within {window:?}: they did not run concurrently",
            times.len()
        ))
    }
}

/// Checks that consecutive lines starting with `prefix` arrived at least `gap` apart: the proof
/// that a program ran its tasks one after another.
pub fn check_arrive_apart(run: &Run, prefix: &str, gap: Duration) -> Result<(), String> {
    let times = arrival_times(run, prefix);
    if times.len() < 2 {
        return Err(format!("fewer than two lines start with `{prefix}`"));
    }
    match times.windows(2).find(|pair| pair[1] - pair[0] < gap) {
        None => Ok(()),
        Some(pair) => Err(format!(
            "two lines starting with `{prefix}` arrived {:?} apart (at {:?} and {:?}), less \
             than {gap:?}: the tasks did not run one after another",
            pair[1] - pair[0],
            pair[0],
            pair[1]
        )),
    }
}

/// When each line starting with `prefix` arrived, in the order printed.
fn arrival_times(run: &Run, prefix: &str) -> Vec<Duration> {
    run.lines
        .iter()
        .filter(|line| line.text.starts_with(prefix))
        .map(|line| line.at)
        .collect()
}

/// Remembers which slow listings passed, and with what binary and expected output, so that a
/// warm run can skip them until one of the two changes.
pub struct PassRecord {
    dir: PathBuf,
}

impl PassRecord {
    /// Keeps its records in `dir` (created on first use).
    pub fn new(dir: PathBuf) -> Self {
        PassRecord { dir }
    }

    /// Whether `listing`, built as `binary` (for a script: the script), passed before exactly
    /// as it is now.
    pub fn passed_unchanged(&self, listing: &Listing, binary: &Path) -> bool {
        let recorded = std::fs::read_to_string(self.record(listing)).ok();
        recorded.is_some_and(|stamp| stamp == Self::stamp(listing, binary))
    }

    pub fn record_pass(&self, listing: &Listing, binary: &Path) {
        std::fs::create_dir_all(&self.dir).unwrap();
        std::fs::write(self.record(listing), Self::stamp(listing, binary)).unwrap();
    }

    fn record(&self, listing: &Listing) -> PathBuf {
        self.dir.join(listing.name.replace('/', "__"))
    }

    /// A fingerprint of what the outcome depends on: the program and the expected output.
    fn stamp(listing: &Listing, binary: &Path) -> String {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        std::fs::read(binary).unwrap().hash(&mut hasher);
        std::fs::read(&listing.expected_output)
            .unwrap()
            .hash(&mut hasher);
        format!("{:016x}", hasher.finish())
    }
}
