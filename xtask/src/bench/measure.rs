//! Measuring: divan for tokio's time and heap, one `peak` process per case for the resident
//! memory, `asyncio_bench.py` for asyncio, and `coop_probe` for the sleeping `join_all`.

use std::path::PathBuf;
use std::process::Command;

use bench::{Trivial, ways};
use serde::Deserialize;

use super::results::{LOOP, Row};
use super::{Plan, divan, machine, output_of, write};
use crate::{cargo, repo_root};

/// Every case of the plan, tokio's and asyncio's; writes the probe's report on the way.
pub fn everything(plan: &Plan) -> Result<Vec<Row>, String> {
    let mut rows = run_divan(plan, "trivial", plan.trivial_options)?;
    add_peak_memory(&mut rows)?;
    rows.extend(run_divan(plan, "sleeping", plan.sleeping_options)?);
    match machine::python3_version() {
        Some(version) => {
            eprintln!("xtask: measuring asyncio with {version}");
            rows.extend(asyncio(plan)?);
        }
        None => eprintln!(
            "xtask: no `python3` found: the asyncio half is left out, the tokio half is written"
        ),
    }
    write(plan, "coop-probe.txt", &coop_probe(plan)?)?;
    Ok(rows)
}

/// `cargo` in the repository's root.
fn cargo_here() -> Command {
    let mut command = cargo();
    command.current_dir(repo_root());
    command
}

/// `cargo bench` the benchmark named `bench` (a filter) and reads divan's report.
fn run_divan(plan: &Plan, bench: &str, options: &[&str]) -> Result<Vec<Row>, String> {
    eprintln!("xtask: divan: {bench} {}", options.join(" "));
    let mut command = cargo_here();
    command.args(["bench", "-q", "-p", "bench", "--bench", "ways", "--", bench]);
    command.args(options).args(["--color", "never"]);
    if plan.smoke {
        command.env("BENCH_SMOKE", "1");
    }
    let report = output_of(&mut command)?;
    let rows = divan::parse(&report, bench)?;
    let expected = 2
        * ways::<Trivial>().len()
        * if bench == "trivial" {
            plan.sizes.len()
        } else {
            1
        };
    if rows.len() != expected {
        return Err(format!(
            "divan reported {} cases of {bench}, not {expected}:\n{report}",
            rows.len()
        ));
    }
    // The heap column comes from the allocation profiler's rows: without them the table would
    // quietly show "–", so a report without them is an error.
    if let Some(row) = rows.iter().find(|row| row.max_alloc_bytes.is_none()) {
        return Err(format!(
            "divan reported no allocations for {}/{}/{}: has its report changed?\n{report}",
            row.way, row.runtime, row.n
        ));
    }
    Ok(rows)
}

/// Runs each trivial case once more, alone in a `peak` process, for its peak memory.
fn add_peak_memory(rows: &mut [Row]) -> Result<(), String> {
    eprintln!("xtask: peak memory, one process per case");
    output_of(cargo_here().args(["build", "-q", "--release", "-p", "bench", "--bin", "peak"]))?;
    let peak = target_dir().join("release/peak");
    for row in rows.iter_mut() {
        let mut command = Command::new(&peak);
        command.args([&row.way, &row.runtime, &row.n.to_string()]);
        let bytes = output_of(&mut command)?;
        row.peak_rss_bytes = Some(bytes.trim().parse().map_err(|e| format!("peak: {e}"))?);
    }
    Ok(())
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("target"))
}

/// The four asyncio ways of the original, at the same sizes as tokio.
fn asyncio(plan: &Plan) -> Result<Vec<Row>, String> {
    let mut rows = Vec::new();
    for way in asyncio_ways() {
        for &n in &plan.sizes {
            rows.push(asyncio_row(plan, "trivial", way, n)?);
        }
        rows.push(asyncio_row(plan, "sleeping", way, plan.sleepers)?);
    }
    Ok(rows)
}

/// The asyncio ways, in the order the tokio ways name them.
fn asyncio_ways() -> Vec<&'static str> {
    let mut names: Vec<&str> = Vec::new();
    for way in ways::<Trivial>() {
        if !names.contains(&way.asyncio) {
            names.push(way.asyncio);
        }
    }
    names
}

/// The one CSV line `asyncio_bench.py` prints (no header).
#[derive(Deserialize)]
struct AsyncioLine {
    samples: u32,
    fastest_s: f64,
    median_s: f64,
    peak_rss_bytes: u64,
}

fn asyncio_row(plan: &Plan, case: &str, way: &str, n: u64) -> Result<Row, String> {
    let (sample_count, max_time) = plan.python_limits;
    let printed = output_of(
        Command::new("python3")
            .arg(repo_root().join("bench/asyncio_bench.py"))
            .args([case, way, &n.to_string()])
            .args(["--sleep-ms", &plan.sleep_ms.to_string()])
            .args(["--sample-count", &sample_count.to_string()])
            .args(["--max-time", &max_time.to_string()]),
    )?;
    let line = parse_asyncio_line(&printed)?;
    Ok(Row {
        case: case.to_owned(),
        implementation: "asyncio".to_owned(),
        way: way.to_owned(),
        runtime: LOOP.to_owned(),
        n,
        samples: line.samples,
        fastest_s: line.fastest_s,
        median_s: line.median_s,
        alloc_bytes: None,
        max_alloc_bytes: None,
        peak_rss_bytes: Some(line.peak_rss_bytes),
    })
}

/// `samples,fastest,median,peak`: exactly one such line.
fn parse_asyncio_line(printed: &str) -> Result<AsyncioLine, String> {
    let mut lines = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(printed.as_bytes())
        .into_deserialize::<AsyncioLine>();
    match (lines.next(), lines.next()) {
        (Some(Ok(line)), None) => Ok(line),
        (Some(Err(e)), _) => Err(format!("asyncio_bench.py printed `{printed}`: {e}")),
        _ => Err(format!(
            "asyncio_bench.py printed `{printed}`, not one line"
        )),
    }
}

/// The sleeping `join_all` with and without the cooperative budget (see coop_probe.rs).
fn coop_probe(plan: &Plan) -> Result<String, String> {
    eprintln!("xtask: coop_probe {}", plan.probe_sizes.join(" "));
    output_of(
        cargo_here()
            .args(["run", "-q", "--release", "-p", "bench"])
            .args(["--bin", "coop_probe", "--"])
            .args(plan.probe_sizes),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_asyncio_line_is_read() {
        let line = parse_asyncio_line("20,0.0025,0.0026,118784\n").unwrap();

        assert_eq!(line.samples, 20);
        assert_eq!((line.fastest_s, line.median_s), (0.0025, 0.0026));
        assert_eq!(line.peak_rss_bytes, 118_784);
        assert!(parse_asyncio_line("20,0.0025,0.0026\n").is_err());
        assert!(parse_asyncio_line("").is_err());
        assert!(parse_asyncio_line("1,1,1,1\n1,1,1,1\n").is_err());
    }

    #[test]
    fn each_asyncio_way_is_measured_once() {
        assert_eq!(
            asyncio_ways(),
            ["create_task_await_each", "task_group", "wait", "gather"]
        );
    }
}
