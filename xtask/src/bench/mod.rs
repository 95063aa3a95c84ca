//! `cargo xtask bench`: measures the cost per task of each way, tokio next to asyncio.
//!
//! One command, one run: the divan benchmark of `bench/benches/ways.rs` (release build), one
//! `peak` process per case for the peak memory, `bench/asyncio_bench.py` with the machine's
//! `python3` for asyncio, and `coop_probe` for the sleeping `join_all`. The results go to
//! `src/bench/results.csv`; the chapter's tables, chart and machine description are then made
//! from that CSV alone (`--render` remakes them without measuring).
//!
//! `--smoke` measures a hundred tasks once each, into `target/bench-smoke/`: it proves the
//! whole pipeline still runs, in seconds.
//!
//! One file per part: [`measure`] runs the benchmarks (and [`divan`] reads divan's report),
//! [`results`] is the CSV, [`tables`] and [`chart`] are what the chapter shows, and
//! [`machine`] describes what the run was taken on.

mod chart;
mod divan;
mod machine;
mod measure;
mod results;
mod tables;

use std::fs;
use std::path::PathBuf;
use std::process::Command;

use crate::repo_root;

/// What one run of the command measures, and where it writes.
struct Plan {
    smoke: bool,
    out_dir: PathBuf,
    /// N for the trivial case.
    sizes: Vec<u64>,
    /// N and sleep for the sleeping case (the bench crate's `sleeping_cases` agrees).
    sleepers: u64,
    sleep_ms: u64,
    /// divan's options for each case: at most 20 samples, at most 4 s per case after the
    /// warm-up run, so that N = 10^6 gets a few samples and the whole run stays short.
    trivial_options: &'static [&'static str],
    sleeping_options: &'static [&'static str],
    /// The same limits for asyncio_bench.py: sample count, seconds.
    python_limits: (u32, f64),
    probe_sizes: &'static [&'static str],
}

impl Plan {
    fn full() -> Plan {
        Plan {
            smoke: false,
            out_dir: repo_root().join("src/bench"),
            sizes: vec![1_000, 10_000, 100_000, 1_000_000],
            sleepers: 100_000,
            sleep_ms: 1000,
            trivial_options: &["--sample-count", "20", "--max-time", "4"],
            // Runs of a second or more: no tuning run, two timed runs each.
            sleeping_options: &["--sample-count", "2", "--sample-size", "1"],
            python_limits: (20, 4.0),
            probe_sizes: &["25000", "50000", "100000"],
        }
    }

    fn smoke() -> Plan {
        Plan {
            smoke: true,
            out_dir: repo_root().join("target/bench-smoke"),
            sizes: vec![100],
            sleepers: 100,
            sleep_ms: 10,
            trivial_options: &["--sample-count", "1", "--sample-size", "1"],
            sleeping_options: &["--sample-count", "1", "--sample-size", "1"],
            python_limits: (1, 0.0),
            probe_sizes: &["100"],
        }
    }
}

pub fn run(args: &[String]) -> Result<(), String> {
    let (plan, measure) = match args.first().map(String::as_str) {
        None => (Plan::full(), true),
        Some("--smoke") => (Plan::smoke(), true),
        Some("--render") => (Plan::full(), false),
        Some(other) => {
            return Err(format!(
                "unknown option `{other}`: use `cargo xtask bench [--smoke | --render]`"
            ));
        }
    };
    fs::create_dir_all(&plan.out_dir).map_err(|e| e.to_string())?;
    let csv = plan.out_dir.join("results.csv");
    if measure {
        let load_before = machine::load_average();
        let rows = measure::everything(&plan)?;
        results::write_csv(&csv, &rows)?;
        write(&plan, "machine.txt", &machine::description(&load_before))?;
    }
    // Everything the chapter shows is made from the CSV on disk, not from memory.
    let results = results::Results::new(&results::read_csv(&csv)?);
    write(&plan, "time-table.txt", &tables::time(&results))?;
    write(&plan, "memory-table.txt", &tables::memory(&results))?;
    write(
        &plan,
        "sleeping-table.txt",
        &tables::sleeping(&results, plan.sleep_ms as f64 / 1000.0),
    )?;
    chart::draw(&results, &plan.out_dir.join("time-per-task.svg"))?;
    eprintln!("xtask: bench results in {}", plan.out_dir.display());
    Ok(())
}

/// Writes `text` to the file `name` of the plan's output folder.
fn write(plan: &Plan, name: &str, text: &str) -> Result<(), String> {
    let path = plan.out_dir.join(name);
    fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Runs `command`, returning what it printed; its stderr goes to ours.
fn output_of(command: &mut Command) -> Result<String, String> {
    let output = command
        .stderr(std::process::Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot run {command:?}: {e}"))?;
    if !output.status.success() {
        return Err(format!("{command:?} failed: {}", output.status));
    }
    String::from_utf8(output.stdout).map_err(|e| e.to_string())
}
