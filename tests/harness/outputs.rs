//! Runs the listings and compares what they print with the output files the book shows.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use similar::TextDiff;

/// A program of the book: `<name>.rs` and, beside it, the output it must print, `<name>.txt`.
#[derive(Debug)]
pub struct Listing {
    pub name: String,
    pub source: PathBuf,
    pub expected_output: PathBuf,
}

/// Finds the listings in `bin_dir`. Each `.rs` file needs its `.txt`: a listing without an
/// expected output is reported rather than skipped.
pub fn find_listings(bin_dir: &Path) -> Result<Vec<Listing>, Vec<String>> {
    let mut sources: Vec<PathBuf> = std::fs::read_dir(bin_dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", bin_dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "rs"))
        .collect();
    sources.sort();
    let (listings, missing): (Vec<_>, Vec<_>) = sources
        .into_iter()
        .map(|source| Listing {
            name: source.file_stem().unwrap().to_string_lossy().into_owned(),
            expected_output: source.with_extension("txt"),
            source,
        })
        .partition(|listing| listing.expected_output.exists());
    if missing.is_empty() {
        Ok(listings)
    } else {
        Err(missing
            .iter()
            .map(|listing| {
                format!(
                    "{}: this listing has no expected output: add {} with what it prints",
                    listing.source.display(),
                    listing.expected_output.display()
                )
            })
            .collect())
    }
}

/// Builds every binary of `package` with the cargo that runs the tests, in the same target
/// folder (so a warm run rebuilds nothing), and returns each binary's path by name.
pub fn build_binaries(workspace: &Path, package: &str) -> BTreeMap<String, PathBuf> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .current_dir(workspace)
        .args([
            "build",
            "--quiet",
            "--bins",
            "--message-format=json-render-diagnostics",
        ])
        .args(["--package", package])
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
    pub success: bool,
    pub stderr: String,
}

#[derive(Debug, Clone)]
pub struct TimedLine {
    /// Time since the program was started.
    pub at: Duration,
    pub text: String,
}

impl Run {
    pub fn stdout(&self) -> String {
        self.lines
            .iter()
            .map(|line| format!("{}\n", line.text))
            .collect()
    }
}

/// Runs every program at once (most of them sleep, so running them side by side costs
/// about as long as the slowest one), timestamping each line of stdout as it arrives.
pub fn run_all(programs: &[&Path]) -> Vec<Run> {
    thread::scope(|scope| {
        let runs: Vec<_> = programs
            .iter()
            .map(|program| scope.spawn(move || run(program)))
            .collect();
        runs.into_iter().map(|run| run.join().unwrap()).collect()
    })
}

fn run(program: &Path) -> Run {
    let started = Instant::now();
    let mut child = Command::new(program)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", program.display()));
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
    let success = child.wait().unwrap().success();
    let stderr = stderr.join().unwrap().unwrap_or_default();
    Run {
        lines,
        success,
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

    /// Whether `listing`, built as `binary`, passed before exactly as it is now.
    pub fn passed_unchanged(&self, listing: &Listing, binary: &Path) -> bool {
        let recorded = std::fs::read_to_string(self.dir.join(&listing.name)).ok();
        recorded.is_some_and(|stamp| stamp == Self::stamp(listing, binary))
    }

    pub fn record_pass(&self, listing: &Listing, binary: &Path) {
        std::fs::create_dir_all(&self.dir).unwrap();
        std::fs::write(self.dir.join(&listing.name), Self::stamp(listing, binary)).unwrap();
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
