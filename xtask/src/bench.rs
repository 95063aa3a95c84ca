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

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use bench::{Trivial, ways};
use plotters::prelude::*;

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
        let load_before = load_average();
        let rows = measure_everything(&plan)?;
        fs::write(&csv, to_csv(&rows)).map_err(|e| e.to_string())?;
        write(&plan, "machine.txt", &machine_description(&load_before))?;
    }
    // Everything the chapter shows is made from the CSV on disk, not from memory.
    let rows = from_csv(&fs::read_to_string(&csv).map_err(|e| format!("{}: {e}", csv.display()))?)?;
    render(&plan, &rows)?;
    eprintln!("xtask: bench results in {}", plan.out_dir.display());
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Measuring

/// One measured case: a way, on a runtime (or asyncio's event loop), over `n` tasks.
#[derive(Clone, Debug, PartialEq)]
struct Row {
    /// `trivial` or `sleeping`.
    case: String,
    /// `tokio` or `asyncio`.
    implementation: String,
    way: String,
    /// `current_thread`, `multi_thread` or `event_loop`.
    runtime: String,
    n: u64,
    samples: u32,
    /// Seconds per run (all n tasks).
    fastest_s: f64,
    median_s: f64,
    /// Bytes allocated per run, and the most bytes allocated at once (divan; tokio only).
    alloc_bytes: Option<f64>,
    max_alloc_bytes: Option<f64>,
    /// Growth of the process's peak resident memory (VmHWM) over one run.
    peak_rss_bytes: Option<u64>,
}

fn measure_everything(plan: &Plan) -> Result<Vec<Row>, String> {
    let mut rows = divan(plan, "trivial", plan.trivial_options)?;
    add_peak_memory(&mut rows)?;
    rows.extend(divan(plan, "sleeping", plan.sleeping_options)?);
    match python3_version() {
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

/// `cargo bench` the benchmark named `bench` (a filter) and reads divan's report.
fn divan(plan: &Plan, bench: &str, options: &[&str]) -> Result<Vec<Row>, String> {
    eprintln!("xtask: divan: {bench} {}", options.join(" "));
    let mut command = cargo();
    command.args(["bench", "-q", "-p", "bench", "--bench", "ways", "--", bench]);
    command.args(options).args(["--color", "never"]);
    if plan.smoke {
        command.env("BENCH_SMOKE", "1");
    }
    let report = output_of(&mut command)?;
    let rows = parse_divan(&report, bench)?;
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

/// Reads divan's tree report. A case line is `├─ WAY/RUNTIME/N  fastest │ slowest │ median │
/// mean │ samples │ iters`; below it, the allocation profiler's rows come in threes: a label
/// (`max alloc:`, `alloc:`, ...), a line of counts and a line of sizes.
fn parse_divan(report: &str, case: &str) -> Result<Vec<Row>, String> {
    let mut rows: Vec<Row> = Vec::new();
    let mut label: Option<String> = None;
    let mut lines_since_label = 0;
    for line in report.lines() {
        // The tree's own lines (`│  ├─ `) come first; the columns are split by `│` after it.
        let table = line.trim_start_matches(|c: char| "│├╰─ ".contains(c));
        let cells: Vec<&str> = table.split('│').map(str::trim).collect();
        let first = cells[0];
        if cells.len() < 6 || first.is_empty() {
            continue;
        }
        if let Some((name, fastest)) = first.split_once(char::is_whitespace)
            && name.contains('/')
        {
            rows.push(case_row(case, name, fastest, &cells)?);
            label = None;
            continue;
        }
        if first.ends_with(':') {
            label = Some(first.to_owned());
            lines_since_label = 0;
            continue;
        }
        lines_since_label += 1;
        let (Some(row), Some(label), 2) = (rows.last_mut(), label.as_deref(), lines_since_label)
        else {
            continue;
        };
        // The size line: divan's median column.
        let bytes = Some(parse_quantity(cells[2], BYTE_UNITS)?);
        match label {
            "max alloc:" => row.max_alloc_bytes = bytes,
            "alloc:" => row.alloc_bytes = bytes,
            _ => {}
        }
    }
    Ok(rows)
}

fn case_row(case: &str, name: &str, fastest: &str, cells: &[&str]) -> Result<Row, String> {
    let parts: Vec<&str> = name.split('/').collect();
    let [way, runtime, n] = parts.as_slice() else {
        return Err(format!("divan case `{name}` is not WAY/RUNTIME/N"));
    };
    Ok(Row {
        case: case.to_owned(),
        implementation: "tokio".to_owned(),
        way: (*way).to_owned(),
        runtime: (*runtime).to_owned(),
        n: n.parse().map_err(|e| format!("N of `{name}`: {e}"))?,
        samples: cells[4]
            .parse()
            .map_err(|e| format!("samples of `{name}`: {e}"))?,
        fastest_s: parse_quantity(fastest.trim(), TIME_UNITS)?,
        median_s: parse_quantity(cells[2], TIME_UNITS)?,
        alloc_bytes: None,
        max_alloc_bytes: None,
        peak_rss_bytes: None,
    })
}

const TIME_UNITS: &[(&str, f64)] = &[
    ("ps", 1e-12),
    ("ns", 1e-9),
    ("µs", 1e-6),
    ("ms", 1e-3),
    ("s", 1.0),
];
// divan's default byte format counts in powers of 1000.
const BYTE_UNITS: &[(&str, f64)] = &[("B", 1.0), ("KB", 1e3), ("MB", 1e6), ("GB", 1e9)];

/// `12.5 µs` in seconds, `3.488 KB` in bytes, ...; a bare number is taken as is.
fn parse_quantity(text: &str, units: &[(&str, f64)]) -> Result<f64, String> {
    let mut words = text.split_whitespace();
    let number: f64 = words
        .next()
        .and_then(|word| word.parse().ok())
        .ok_or(format!("`{text}` is not a number"))?;
    let scale = match words.next() {
        None => 1.0,
        Some(unit) => units
            .iter()
            .find(|(name, _)| *name == unit)
            .map(|(_, scale)| *scale)
            .ok_or(format!("unknown unit in `{text}`"))?,
    };
    Ok(number * scale)
}

/// Runs each trivial case once more, alone in a `peak` process, for its peak memory.
fn add_peak_memory(rows: &mut [Row]) -> Result<(), String> {
    eprintln!("xtask: peak memory, one process per case");
    run_quietly(cargo().args(["build", "-q", "--release", "-p", "bench", "--bin", "peak"]))?;
    let peak = target_dir().join("release/peak");
    for row in rows.iter_mut() {
        let mut command = Command::new(&peak);
        command.args([&row.way, &row.runtime, &row.n.to_string()]);
        let bytes = output_of(&mut command)?;
        row.peak_rss_bytes = Some(bytes.trim().parse().map_err(|e| format!("peak: {e}"))?);
    }
    Ok(())
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

fn asyncio_row(plan: &Plan, case: &str, way: &str, n: u64) -> Result<Row, String> {
    let (sample_count, max_time) = plan.python_limits;
    let line = output_of(
        Command::new("python3")
            .arg(repo_root().join("bench/asyncio_bench.py"))
            .args([case, way, &n.to_string()])
            .args(["--sleep-ms", &plan.sleep_ms.to_string()])
            .args(["--sample-count", &sample_count.to_string()])
            .args(["--max-time", &max_time.to_string()]),
    )?;
    let fields: Vec<&str> = line.trim().split(',').collect();
    let [samples, fastest, median, peak] = fields.as_slice() else {
        return Err(format!("asyncio_bench.py printed `{line}`"));
    };
    let number = |text: &str| {
        text.parse::<f64>()
            .map_err(|e| format!("asyncio_bench.py: {e}"))
    };
    Ok(Row {
        case: case.to_owned(),
        implementation: "asyncio".to_owned(),
        way: way.to_owned(),
        runtime: "event_loop".to_owned(),
        n,
        samples: number(samples)? as u32,
        fastest_s: number(fastest)?,
        median_s: number(median)?,
        alloc_bytes: None,
        max_alloc_bytes: None,
        peak_rss_bytes: Some(number(peak)? as u64),
    })
}

fn python3_version() -> Option<String> {
    let output = Command::new("python3").arg("--version").output().ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

/// The sleeping `join_all` with and without the cooperative budget (see coop_probe.rs).
fn coop_probe(plan: &Plan) -> Result<String, String> {
    eprintln!("xtask: coop_probe {}", plan.probe_sizes.join(" "));
    output_of(
        cargo()
            .args([
                "run",
                "-q",
                "--release",
                "-p",
                "bench",
                "--bin",
                "coop_probe",
                "--",
            ])
            .args(plan.probe_sizes),
    )
}

// ---------------------------------------------------------------------------------------------
// The CSV

const CSV_HEADER: &str = "case,implementation,way,runtime,n,samples,fastest_s,median_s,\
alloc_bytes,max_alloc_bytes,peak_rss_bytes";

fn to_csv(rows: &[Row]) -> String {
    let optional = |value: Option<f64>| value.map(|v| v.to_string()).unwrap_or_default();
    let mut csv = format!("{CSV_HEADER}\n");
    for row in rows {
        writeln!(
            csv,
            "{},{},{},{},{},{},{:e},{:e},{},{},{}",
            row.case,
            row.implementation,
            row.way,
            row.runtime,
            row.n,
            row.samples,
            row.fastest_s,
            row.median_s,
            optional(row.alloc_bytes),
            optional(row.max_alloc_bytes),
            optional(row.peak_rss_bytes.map(|b| b as f64)),
        )
        .unwrap();
    }
    csv
}

fn from_csv(text: &str) -> Result<Vec<Row>, String> {
    let mut lines = text.lines();
    if lines.next() != Some(CSV_HEADER) {
        return Err(format!("results.csv does not start with `{CSV_HEADER}`"));
    }
    lines.map(csv_row).collect()
}

fn csv_row(line: &str) -> Result<Row, String> {
    let fields: Vec<&str> = line.split(',').collect();
    let [
        case,
        implementation,
        way,
        runtime,
        n,
        samples,
        fastest,
        median,
        alloc,
        max_alloc,
        peak,
    ] = fields.as_slice()
    else {
        return Err(format!("results.csv: `{line}` does not have 11 fields"));
    };
    let number = |text: &str| {
        text.parse::<f64>()
            .map_err(|e| format!("results.csv: `{line}`: {e}"))
    };
    let optional = |text: &str| (!text.is_empty()).then(|| number(text)).transpose();
    Ok(Row {
        case: (*case).to_owned(),
        implementation: (*implementation).to_owned(),
        way: (*way).to_owned(),
        runtime: (*runtime).to_owned(),
        n: number(n)? as u64,
        samples: number(samples)? as u32,
        fastest_s: number(fastest)?,
        median_s: number(median)?,
        alloc_bytes: optional(alloc)?,
        max_alloc_bytes: optional(max_alloc)?,
        peak_rss_bytes: optional(peak)?.map(|b| b as u64),
    })
}

// ---------------------------------------------------------------------------------------------
// The chapter's tables and chart, from the CSV

/// The rows, found by (case, way, runtime, n).
struct Results(BTreeMap<(String, String, String, u64), Row>);

impl Results {
    fn new(rows: &[Row]) -> Results {
        let key = |r: &Row| (r.case.clone(), r.way.clone(), r.runtime.clone(), r.n);
        Results(rows.iter().map(|r| (key(r), r.clone())).collect())
    }

    fn get(&self, case: &str, way: &str, runtime: &str, n: u64) -> Option<&Row> {
        self.0
            .get(&(case.to_owned(), way.to_owned(), runtime.to_owned(), n))
    }

    fn sizes(&self, case: &str) -> Vec<u64> {
        let mut sizes: Vec<u64> = self.0.keys().filter(|k| k.0 == case).map(|k| k.3).collect();
        sizes.sort_unstable();
        sizes.dedup();
        sizes
    }
}

fn render(plan: &Plan, rows: &[Row]) -> Result<(), String> {
    let results = Results::new(rows);
    write(plan, "time-table.txt", &time_table(&results))?;
    write(plan, "memory-table.txt", &memory_table(&results))?;
    write(
        plan,
        "sleeping-table.txt",
        &sleeping_table(&results, plan.sleep_ms as f64 / 1000.0),
    )?;
    draw_time_chart(&results, &plan.out_dir.join("time-per-task.svg"))
}

const CT: &str = "current_thread";
const MT: &str = "multi_thread";
const LOOP: &str = "event_loop";

/// Time per task of the trivial case: both runtimes, the asyncio counterpart, their ratio.
fn time_table(results: &Results) -> String {
    let mut table = String::from(
        "| tokio way | N | current-thread | multi-thread | asyncio counterpart | asyncio | \
         asyncio ÷ tokio (current-thread) |\n| --- | ---: | ---: | ---: | --- | ---: | ---: |\n",
    );
    for way in ways::<Trivial>() {
        for n in results.sizes("trivial") {
            let per_task = |runtime: &str, name: &str| {
                results
                    .get("trivial", name, runtime, n)
                    .map(|r| r.median_s / n as f64)
            };
            let ct = per_task(CT, way.name);
            let asyncio = per_task(LOOP, way.asyncio);
            writeln!(
                table,
                "| `{}` | {} | {} | {} | `{}` | {} | {} |",
                way.name,
                count(n),
                show(ct, duration),
                show(per_task(MT, way.name), duration),
                way.asyncio,
                show(asyncio, duration),
                ratio(asyncio, ct),
            )
            .unwrap();
        }
    }
    table
}

/// Memory per task of the trivial case: divan's peak heap, the process's peak resident memory.
fn memory_table(results: &Results) -> String {
    let mut table = String::from(
        "| tokio way | N | heap, current-thread | RSS, current-thread | RSS, multi-thread | \
         asyncio counterpart | RSS, asyncio | asyncio ÷ tokio (RSS, current-thread) |\n\
         | --- | ---: | ---: | ---: | ---: | --- | ---: | ---: |\n",
    );
    for way in ways::<Trivial>() {
        for n in results.sizes("trivial") {
            let row = |runtime: &str, name: &str| results.get("trivial", name, runtime, n);
            let per_task = |bytes: Option<f64>| bytes.map(|b| b / n as f64);
            let rss =
                |r: Option<&Row>| per_task(r.and_then(|r| r.peak_rss_bytes).map(|b| b as f64));
            let ct = rss(row(CT, way.name));
            let asyncio = rss(row(LOOP, way.asyncio));
            writeln!(
                table,
                "| `{}` | {} | {} | {} | {} | `{}` | {} | {} |",
                way.name,
                count(n),
                show(
                    per_task(row(CT, way.name).and_then(|r| r.max_alloc_bytes)),
                    bytes
                ),
                show(ct, bytes),
                show(rss(row(MT, way.name)), bytes),
                way.asyncio,
                show(asyncio, bytes),
                ratio(asyncio, ct),
            )
            .unwrap();
        }
    }
    table
}

/// The sleeping case: wall time of each way and how far above the sleep it ends.
fn sleeping_table(results: &Results, floor_s: f64) -> String {
    let Some(&n) = results.sizes("sleeping").first() else {
        return String::new();
    };
    let mut table = String::from(
        "| tokio way | current-thread | multi-thread | asyncio counterpart | asyncio |\n\
         | --- | ---: | ---: | --- | ---: |\n",
    );
    let wall = |way: &str, runtime: &str| {
        results
            .get("sleeping", way, runtime, n)
            .map(|r| seconds_over_floor(r.median_s, floor_s))
    };
    for way in ways::<Trivial>() {
        writeln!(
            table,
            "| `{}` | {} | {} | `{}` | {} |",
            way.name,
            wall(way.name, CT).unwrap_or_else(|| "–".into()),
            wall(way.name, MT).unwrap_or_else(|| "–".into()),
            way.asyncio,
            wall(way.asyncio, LOOP).unwrap_or_else(|| "–".into()),
        )
        .unwrap();
    }
    table
}

/// `1.08 s (+0.08)`: the wall time and how far above the sleep (the floor) it is.
fn seconds_over_floor(seconds: f64, floor_s: f64) -> String {
    format!("{seconds:.2} s ({:+.2})", seconds - floor_s)
}

fn show(value: Option<f64>, format: fn(f64) -> String) -> String {
    value.map(format).unwrap_or_else(|| "–".into())
}

fn ratio(asyncio: Option<f64>, tokio: Option<f64>) -> String {
    match (asyncio, tokio) {
        (Some(a), Some(t)) if t > 0.0 => format!("{:.0}×", a / t),
        _ => "–".into(),
    }
}

/// `10^5` as a reader writes it: 100,000.
fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

fn duration(seconds: f64) -> String {
    let ns = seconds * 1e9;
    if ns < 1000.0 {
        format!("{ns:.0} ns")
    } else {
        format!("{:.1} µs", ns / 1000.0)
    }
}

fn bytes(bytes: f64) -> String {
    if bytes < 10_000.0 {
        format!("{bytes:.0} B")
    } else {
        format!("{:.0} KB", bytes / 1000.0)
    }
}

/// Time per task against N, log-log: one panel per tokio runtime, each with the eight tokio
/// ways (colours, round markers) and the four asyncio ways (greys, square markers), and one
/// legend below them. White background and dark text, so that the chart reads the same in
/// mdBook's light and dark themes; 880 pixels wide, the width of the book's text, so that it
/// is shown at its own size and its labels stay legible.
fn draw_time_chart(results: &Results, path: &Path) -> Result<(), String> {
    let root = SVGBackend::new(path, (880, 690)).into_drawing_area();
    root.fill(&WHITE).map_err(|e| e.to_string())?;
    let (plots, legend) = root.split_vertically(540);
    for (panel, runtime) in plots.split_evenly((1, 2)).iter().zip([CT, MT]) {
        draw_panel(results, panel, runtime).map_err(|e| e.to_string())?;
    }
    draw_legend(&legend).map_err(|e| e.to_string())?;
    root.present().map_err(|e| e.to_string())
}

type Area<'a> = DrawingArea<SVGBackend<'a>, plotters::coord::Shift>;
type DrawResult = Result<(), Box<dyn std::error::Error>>;

/// One line of the chart: a way, where it ran, and how it is drawn.
struct Series {
    way: &'static str,
    runtime: &'static str,
    label: String,
    style: ShapeStyle,
}

/// The chart's lines for a panel of `runtime`: the tokio ways, then the asyncio ways.
fn chart_series(runtime: &'static str) -> Vec<Series> {
    let tokio = ways::<Trivial>()
        .into_iter()
        .map(|way| (way.name, runtime, way.name.to_owned()));
    let asyncio = asyncio_ways()
        .into_iter()
        .map(|way| (way, LOOP, format!("asyncio: {way}")));
    tokio
        .chain(asyncio)
        .enumerate()
        .map(|(index, (way, runtime, label))| Series {
            way,
            runtime,
            label,
            style: series_style(index, runtime == LOOP),
        })
        .collect()
}

fn draw_panel(results: &Results, panel: &Area, runtime: &'static str) -> DrawResult {
    let sizes = results.sizes("trivial");
    let (first, last) = (
        *sizes.first().ok_or("no trivial rows")?,
        *sizes.last().unwrap(),
    );
    let title = format!("tokio {} runtime, and asyncio", runtime.replace('_', "-"));
    let mut chart = ChartBuilder::on(panel)
        .caption(title, ("sans-serif", 17).into_font().color(&BLACK))
        .margin(12)
        .x_label_area_size(40)
        .y_label_area_size(60)
        .build_cartesian_2d(
            (first as f64 / 2.0..last as f64 * 2.0).log_scale(),
            (30.0..30_000.0).log_scale(),
        )?;
    chart
        .configure_mesh()
        .x_desc("N (tasks)")
        .y_desc("time per task")
        .x_label_formatter(&|n| power_of_ten(*n))
        .y_label_formatter(&|ns| axis_duration(*ns))
        .label_style(("sans-serif", 14).into_font().color(&BLACK))
        .axis_desc_style(("sans-serif", 15).into_font().color(&BLACK))
        .bold_line_style(BLACK.mix(0.12))
        .light_line_style(WHITE.mix(0.0))
        .draw()?;
    for series in chart_series(runtime) {
        let points: Vec<(f64, f64)> = sizes
            .iter()
            .filter_map(|&n| {
                let row = results.get("trivial", series.way, series.runtime, n)?;
                Some((n as f64, row.median_s / n as f64 * 1e9))
            })
            .collect();
        chart.draw_series(LineSeries::new(
            points.clone(),
            series.style.stroke_width(2),
        ))?;
        if series.runtime == LOOP {
            let square =
                |p| EmptyElement::at(p) + Rectangle::new([(-3, -3), (3, 3)], series.style.filled());
            chart.draw_series(points.into_iter().map(square))?;
        } else {
            chart.draw_series(
                points
                    .into_iter()
                    .map(|p| Circle::new(p, 3, series.style.filled())),
            )?;
        }
    }
    Ok(())
}

/// The legend, below the panels (the same for both): three columns of four lines.
fn draw_legend(area: &Area) -> DrawResult {
    let font = ("sans-serif", 15).into_font().color(&BLACK);
    for (index, series) in chart_series(CT).iter().enumerate() {
        let (column, row) = (index as i32 / 4, index as i32 % 4);
        let (x, y) = (30 + 285 * column, 20 + 32 * row);
        area.draw(&PathElement::new(
            [(x, y), (x + 30, y)],
            series.style.stroke_width(3),
        ))?;
        area.draw(&Text::new(
            series.label.as_str(),
            (x + 38, y - 8),
            font.clone(),
        ))?;
    }
    Ok(())
}

/// `100 ns`, `10 µs`: the y axis's labels.
fn axis_duration(ns: f64) -> String {
    if ns < 1000.0 {
        format!("{ns:.0} ns")
    } else {
        format!("{:.0} µs", ns / 1000.0)
    }
}

/// `10³`, `10⁶`: the x axis's labels.
fn power_of_ten(n: f64) -> String {
    const SUPERSCRIPTS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    let exponent = n.log10().round() as usize;
    format!("10{}", SUPERSCRIPTS[exponent % 10])
}

/// Eight strong colours for the tokio ways; greys for asyncio.
fn series_style(index: usize, asyncio: bool) -> ShapeStyle {
    const COLOURS: [RGBColor; 8] = [
        RGBColor(31, 119, 180),
        RGBColor(255, 127, 14),
        RGBColor(44, 160, 44),
        RGBColor(214, 39, 40),
        RGBColor(148, 103, 189),
        RGBColor(140, 86, 75),
        RGBColor(227, 119, 194),
        RGBColor(23, 190, 207),
    ];
    const GREYS: [RGBColor; 4] = [
        RGBColor(0, 0, 0),
        RGBColor(70, 70, 70),
        RGBColor(120, 120, 120),
        RGBColor(165, 165, 165),
    ];
    if asyncio {
        GREYS[index % 4].into()
    } else {
        COLOURS[index % 8].into()
    }
}

// ---------------------------------------------------------------------------------------------
// The machine, and small helpers

/// The machine and versions the run was taken on, as the chapter shows them.
fn machine_description(load_before: &str) -> String {
    let lock = fs::read_to_string(repo_root().join("Cargo.lock")).unwrap_or_default();
    let cpuinfo = fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let meminfo = fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let field = |text: &str, key: &str| {
        text.lines()
            .find_map(|line| {
                line.strip_prefix(key)?
                    .split_once(':')
                    .map(|(_, v)| v.trim().to_owned())
            })
            .unwrap_or_else(|| "unknown".into())
    };
    let memory_gib = field(&meminfo, "MemTotal")
        .trim_end_matches(" kB")
        .parse::<f64>()
        .map(|kib| format!("{:.1} GiB", kib / 1024.0 / 1024.0))
        .unwrap_or_else(|_| "unknown".into());
    let versions = ["tokio", "futures", "tokio-util", "divan"]
        .map(|name| format!("{name} {}", locked_version(&lock, name)))
        .join(", ");
    format!(
        "command:   cargo xtask bench (release build)\n\
         date:      {}\n\
         machine:   {} cores (nproc), {} ({} cores in /proc/cpuinfo), {memory_gib} of memory\n\
         load:      {load_before} before the run, {} after (1, 5, 15 minutes)\n\
         rustc:     {}\n\
         crates:    {versions}\n\
         python3:   {}\n",
        first_line(Command::new("date").args(["-u", "+%Y-%m-%d %H:%M UTC"])),
        first_line(&mut Command::new("nproc")),
        field(&cpuinfo, "model name"),
        cpuinfo
            .lines()
            .filter(|l| l.starts_with("processor"))
            .count(),
        load_average(),
        first_line(Command::new("rustc").arg("--version")),
        python3_version().unwrap_or_else(|| "not found: asyncio not measured".into()),
    )
}

fn locked_version(lock: &str, package: &str) -> String {
    let entry = format!("name = \"{package}\"\nversion = \"");
    lock.find(&entry)
        .and_then(|start| lock[start + entry.len()..].split('"').next())
        .unwrap_or("unknown")
        .to_owned()
}

fn load_average() -> String {
    let text = fs::read_to_string("/proc/loadavg").unwrap_or_default();
    text.split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ")
}

fn first_line(command: &mut Command) -> String {
    output_of(command)
        .map(|out| out.lines().next().unwrap_or("").to_owned())
        .unwrap_or_else(|_| "unknown".into())
}

fn write(plan: &Plan, name: &str, text: &str) -> Result<(), String> {
    let path = plan.out_dir.join(name);
    fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))
}

fn cargo() -> Command {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    command.current_dir(repo_root());
    command
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("target"))
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

fn run_quietly(command: &mut Command) -> Result<(), String> {
    output_of(command).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A piece of divan 0.1.21's report, as `cargo bench` prints it.
    const REPORT: &str = "\
Timer precision: 20 ns
ways                                         fastest       │ slowest       │ median        │ mean          │ samples │ iters
╰─ trivial                                                 │               │               │               │         │
   ├─ join_all_futures/current_thread/100    1.18 µs       │ 2.5 µs        │ 1.2 µs        │ 1.3 µs        │ 3       │ 3
   │                                         max alloc:    │               │               │               │         │
   │                                           103         │ 103           │ 103           │ 103           │         │
   │                                           21.17 KB    │ 21.17 KB      │ 21.17 KB      │ 21.17 KB      │         │
   │                                         alloc:        │               │               │               │         │
   │                                           104         │ 104           │ 104           │ 104           │         │
   │                                           21.2 KB     │ 21.2 KB       │ 21.2 KB       │ 21.2 KB       │         │
   │                                         grow:         │               │               │               │         │
   │                                           5           │ 5             │ 5             │ 5             │         │
   │                                           992 B       │ 992 B         │ 992 B         │ 992 B         │         │
   ╰─ task_tracker/multi_thread/100          11.27 ms      │ 11.27 ms      │ 11.27 ms      │ 11.27 ms      │ 1       │ 1
";

    #[test]
    fn divan_reports_are_read_case_by_case() {
        let rows = parse_divan(REPORT, "trivial").unwrap();

        assert_eq!(rows.len(), 2);
        let first = &rows[0];
        assert_eq!(
            (first.way.as_str(), first.runtime.as_str(), first.n),
            ("join_all_futures", CT, 100)
        );
        assert_eq!(first.samples, 3);
        assert!((first.fastest_s - 1.18e-6).abs() < 1e-12);
        assert!((first.median_s - 1.2e-6).abs() < 1e-12);
        assert_eq!(first.max_alloc_bytes, Some(21_170.0));
        assert_eq!(first.alloc_bytes, Some(21_200.0));
        assert_eq!(
            (rows[1].way.as_str(), rows[1].median_s),
            ("task_tracker", 0.01127)
        );
        assert_eq!(rows[1].alloc_bytes, None);
    }

    #[test]
    fn rows_survive_the_csv() {
        let rows = parse_divan(REPORT, "trivial").unwrap();

        assert_eq!(from_csv(&to_csv(&rows)).unwrap(), rows);
    }

    #[test]
    fn counts_are_written_with_thousands_separators() {
        assert_eq!(count(100), "100");
        assert_eq!(count(1_000), "1,000");
        assert_eq!(count(1_000_000), "1,000,000");
    }
}
