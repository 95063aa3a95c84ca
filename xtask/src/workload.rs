//! `cargo xtask workload`: measures the workload of the chapter "A real workload", tokio next
//! to asyncio, one at a time next to many at once, and draws its timeline from a real run.
//!
//! One command, one run: it builds the listing `workload` in release mode, runs it and
//! `listings/asyncio/workload.py` (with the machine's `python3`) over each case of [`CASES`],
//! [`RUNS`] times each, alternating the two, and reads the time each run prints. Everything
//! goes to `src/workload/`: `results.csv` (every run), `table.txt` (the chapter's table, made
//! from the CSV), `machine.txt`, and the timeline of the book's own scenario (`timeline.svg`,
//! drawn from `trace.tsv`, the run it recorded). `--render` remakes the table and the figure
//! from the files, without measuring.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::{cargo, repo_root};

/// What is measured: (requests, most in flight at once, milliseconds of work per request).
const CASES: &[(usize, usize, u64)] = &[(200, 1, 10), (200, 50, 10), (2000, 1, 0), (2000, 100, 0)];

/// Runs of each case by each implementation; the table gives the median.
const RUNS: usize = 5;

pub fn run(args: &[String]) -> Result<(), String> {
    let measure = match args {
        [] => true,
        [flag] if flag == "--render" => false,
        _ => {
            return Err(format!(
                "usage: cargo xtask workload [--render], got {args:?}"
            ));
        }
    };
    let out = repo_root().join("src/workload");
    fs::create_dir_all(&out).map_err(|e| e.to_string())?;
    if measure {
        let load_before = load_average();
        let programs = Programs::build()?;
        eprintln!("xtask: recording the book's scenario with WORKLOAD_TRACE (a few seconds)");
        fs::write(out.join("trace.tsv"), programs.trace()?).map_err(|e| e.to_string())?;
        let rows = programs.measure()?;
        fs::write(out.join("results.csv"), to_csv(&rows)).map_err(|e| e.to_string())?;
        let machine = machine(&load_before, programs.python.is_some());
        fs::write(out.join("machine.txt"), machine).map_err(|e| e.to_string())?;
    }
    let read = |name: &str| {
        let path = out.join(name);
        fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))
    };
    let rows = from_csv(&read("results.csv")?)?;
    fs::write(out.join("table.txt"), table(&rows)).map_err(|e| e.to_string())?;
    let svg = draw(&requests(&read("trace.tsv")?)?)?;
    fs::write(out.join("timeline.svg"), svg).map_err(|e| e.to_string())?;
    eprintln!("xtask: workload results in {}", out.display());
    Ok(())
}

/// The two programs: the release build of the listing, and the asyncio program if there is a
/// `python3` to run it.
struct Programs {
    tokio: PathBuf,
    python: Option<PathBuf>,
}

impl Programs {
    fn build() -> Result<Programs, String> {
        let root = repo_root();
        eprintln!("xtask: building the workload listing in release mode");
        crate::run(cargo().current_dir(&root).args([
            "build",
            "--release",
            "--quiet",
            "-p",
            "listings",
            "--bin",
            "workload",
        ]))?;
        let tokio = book_checks::workspace::target_dir().join("release/workload");
        let python = Command::new("python3")
            .arg("--version")
            .output()
            .is_ok_and(|out| out.status.success())
            .then(|| root.join("listings/asyncio/workload.py"));
        if python.is_none() {
            eprintln!("xtask: no python3: measuring tokio alone");
        }
        Ok(Programs { tokio, python })
    }

    fn command(&self, implementation: &str) -> Command {
        if implementation == "tokio" {
            Command::new(&self.tokio)
        } else {
            let mut command = Command::new("python3");
            command.arg(self.python.as_ref().expect("asked only with a python3"));
            command
        }
    }

    fn implementations(&self) -> Vec<&'static str> {
        let mut names = vec!["tokio"];
        if self.python.is_some() {
            names.push("asyncio");
        }
        names
    }

    /// Runs every case, alternating tokio and asyncio, and returns one row per run.
    fn measure(&self) -> Result<Vec<Row>, String> {
        let mut rows = Vec::new();
        for &(requests, limit, work_ms) in CASES {
            for run in 1..=RUNS {
                for implementation in self.implementations() {
                    eprintln!(
                        "xtask: {implementation}, {requests} requests, at most {limit} at once, \
                         {work_ms} ms each (run {run} of {RUNS})"
                    );
                    let output = self
                        .command(implementation)
                        .args([requests.to_string(), limit.to_string(), work_ms.to_string()])
                        .stderr(Stdio::inherit())
                        .output()
                        .map_err(|e| format!("cannot run the {implementation} workload: {e}"))?;
                    let stdout = String::from_utf8_lossy(&output.stdout);
                    if !output.status.success() {
                        return Err(format!("the {implementation} workload failed:\n{stdout}"));
                    }
                    let (answered, seconds) = parse_result(&stdout).ok_or_else(|| {
                        format!("no result line in what {implementation} printed:\n{stdout}")
                    })?;
                    rows.push(Row {
                        implementation: implementation.to_owned(),
                        requests,
                        limit,
                        work_ms,
                        run,
                        answered,
                        seconds,
                    });
                }
            }
        }
        Ok(rows)
    }

    /// Runs the book's scenario (no arguments) once with `WORKLOAD_TRACE`, and returns its
    /// trace: one line per request, `number<TAB>start_us<TAB>end_us<TAB>outcome`.
    fn trace(&self) -> Result<String, String> {
        let output = self
            .command("tokio")
            .env("WORKLOAD_TRACE", "1")
            .output()
            .map_err(|e| format!("cannot run the workload: {e}"))?;
        if !output.status.success() {
            return Err("the workload failed".into());
        }
        let stderr = String::from_utf8_lossy(&output.stderr);
        let mut tsv = String::from("request\tstart_us\tend_us\toutcome\n");
        for line in stderr.lines() {
            if let Some(fields) = line.strip_prefix("trace ") {
                tsv.push_str(&fields.split_whitespace().collect::<Vec<_>>().join("\t"));
                tsv.push('\n');
            }
        }
        Ok(tsv)
    }
}

/// `N requests, at most L at once, W ms of work each: A answered in S s` → (A, S).
fn parse_result(stdout: &str) -> Option<(usize, f64)> {
    let line = stdout.lines().find(|line| line.contains(" answered in "))?;
    let (head, tail) = line.split_once(" answered in ")?;
    let answered = head.rsplit(' ').next()?.parse().ok()?;
    let seconds = tail.strip_suffix(" s")?.parse().ok()?;
    Some((answered, seconds))
}

/// One run of one case.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    implementation: String,
    requests: usize,
    limit: usize,
    work_ms: u64,
    run: usize,
    answered: usize,
    seconds: f64,
}

const CSV_HEADER: &str = "implementation,requests,limit,work_ms,run,answered,seconds";

fn to_csv(rows: &[Row]) -> String {
    let mut csv = format!("{CSV_HEADER}\n");
    for r in rows {
        let _ = writeln!(
            csv,
            "{},{},{},{},{},{},{:.4}",
            r.implementation, r.requests, r.limit, r.work_ms, r.run, r.answered, r.seconds
        );
    }
    csv
}

fn from_csv(text: &str) -> Result<Vec<Row>, String> {
    let mut lines = text.lines();
    if lines.next() != Some(CSV_HEADER) {
        return Err(format!("results.csv does not start with `{CSV_HEADER}`"));
    }
    lines
        .map(|line| {
            let f: Vec<&str> = line.split(',').collect();
            let bad = || format!("results.csv: cannot read `{line}`");
            if f.len() != 7 {
                return Err(bad());
            }
            Ok(Row {
                implementation: f[0].to_owned(),
                requests: f[1].parse().map_err(|_| bad())?,
                limit: f[2].parse().map_err(|_| bad())?,
                work_ms: f[3].parse().map_err(|_| bad())?,
                run: f[4].parse().map_err(|_| bad())?,
                answered: f[5].parse().map_err(|_| bad())?,
                seconds: f[6].parse().map_err(|_| bad())?,
            })
        })
        .collect()
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    if values.len() % 2 == 1 {
        values[mid]
    } else {
        (values[mid - 1] + values[mid]) / 2.0
    }
}

/// The chapter's table: one row per case, the median time of each implementation, requests
/// per second, and how much faster tokio was.
fn table(rows: &[Row]) -> String {
    let mut cases: BTreeMap<(u64, usize, usize), BTreeMap<&str, Vec<f64>>> = BTreeMap::new();
    for row in rows {
        // Every request must have been answered, or the time means nothing.
        let time = if row.answered == row.requests {
            row.seconds
        } else {
            f64::NAN
        };
        cases
            .entry((row.work_ms, row.requests, row.limit))
            .or_default()
            .entry(row.implementation.as_str())
            .or_default()
            .push(time);
    }
    let mut text = String::from(
        "| requests | work each | at once | tokio | asyncio | tokio, requests/s | asyncio, requests/s | asyncio ÷ tokio |\n\
         | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n",
    );
    // Cases with work first (the book reads them first), then without; fewer at once first.
    let mut keys: Vec<_> = cases.keys().copied().collect();
    keys.sort_by_key(|&(work, requests, limit)| (std::cmp::Reverse(work), requests, limit));
    for key in keys {
        let (work_ms, requests, limit) = key;
        let times = &cases[&key];
        let median_of = |name: &str| times.get(name).map(|t| median(&mut t.clone()));
        let tokio = median_of("tokio");
        let asyncio = median_of("asyncio");
        let seconds = |t: Option<f64>| t.map_or("—".into(), |t| format!("{t:.3} s"));
        let rate =
            |t: Option<f64>| t.map_or("—".into(), |t| format!("{:.0}", requests as f64 / t));
        let ratio = match (tokio, asyncio) {
            (Some(t), Some(a)) => format!("{:.1}", a / t),
            _ => "—".into(),
        };
        let at_once = if limit == 1 {
            "1 (one at a time)".to_owned()
        } else {
            limit.to_string()
        };
        let _ = writeln!(
            text,
            "| {requests} | {work_ms} ms | {at_once} | {} | {} | {} | {} | {ratio} |",
            seconds(tokio),
            seconds(asyncio),
            rate(tokio),
            rate(asyncio),
        );
    }
    text
}

fn load_average() -> String {
    let text = fs::read_to_string("/proc/loadavg").unwrap_or_default();
    text.split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ")
}

fn machine(load_before: &str, python: bool) -> String {
    let first_line = |command: &mut Command| {
        command
            .output()
            .ok()
            .map(|out| {
                String::from_utf8_lossy(&out.stdout)
                    .lines()
                    .next()
                    .unwrap_or("")
                    .to_owned()
            })
            .unwrap_or_else(|| "unknown".into())
    };
    let cpuinfo = fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| {
            l.strip_prefix("model name")?
                .split_once(':')
                .map(|(_, v)| v.trim())
        })
        .unwrap_or("unknown");
    let versions = ["tokio", "tokio-util"]
        .map(|name| {
            let version = book_checks::workspace::locked_version(name);
            format!("{name} {}", version.unwrap_or_else(|| "unknown".into()))
        })
        .join(", ");
    let python = if python {
        first_line(Command::new("python3").arg("--version"))
    } else {
        "not found: asyncio not measured".into()
    };
    format!(
        "command:   cargo xtask workload (release build; {RUNS} runs per case, median)\n\
         date:      {}\n\
         machine:   {} cores (nproc), {model}\n\
         load:      {load_before} before the run, {} after (1, 5, 15 minutes)\n\
         rustc:     {}\n\
         crates:    {versions}\n\
         python3:   {python}\n",
        first_line(Command::new("date").args(["-u", "+%Y-%m-%d %H:%M UTC"])),
        first_line(&mut Command::new("nproc")),
        load_average(),
        first_line(Command::new("rustc").arg("--version")),
    )
}

// ---------------------------------------------------------------------------------------------
// The timeline

/// One request of the recorded run: its batch (1 or 2), number, times in seconds, outcome.
#[derive(Debug, Clone, PartialEq)]
struct Request {
    batch: u32,
    number: u32,
    start: f64,
    end: f64,
    outcome: String,
}

/// The requests of a trace. Both batches number their requests from 1, and batch 2 starts
/// only when batch 1 is over: the first request with a number is in batch 1, the second in 2.
fn requests(trace: &str) -> Result<Vec<Request>, String> {
    let mut found: Vec<Request> = Vec::new();
    for line in trace.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        let bad = || format!("trace.tsv: cannot read `{line}`");
        if f.len() != 4 {
            return Err(bad());
        }
        let micros = |s: &str| s.parse::<f64>().map(|us| us / 1e6).map_err(|_| bad());
        found.push(Request {
            batch: 0,
            number: f[0].parse().map_err(|_| bad())?,
            start: micros(f[1])?,
            end: micros(f[2])?,
            outcome: f[3].to_owned(),
        });
    }
    found.sort_by(|a, b| a.start.total_cmp(&b.start));
    let mut seen = BTreeMap::new();
    for request in &mut found {
        let count = seen.entry(request.number).or_insert(0);
        *count += 1;
        request.batch = *count;
    }
    if found.is_empty() {
        return Err("trace.tsv holds no request".into());
    }
    Ok(found)
}

const WIDTH: u32 = 860;
const ROW_HEIGHT: u32 = 13;

fn color(outcome: &str) -> RGBColor {
    match outcome {
        "Answered" => RGBColor(0x1f, 0x6f, 0xb4),
        "TimedOut" => RGBColor(0xe6, 0x7e, 0x22),
        "Failed" => RGBColor(0xc0, 0x39, 0x2b),
        _ => RGBColor(0x95, 0xa5, 0xa6),
    }
}

/// Draws the two batches one above the other, each on its own time scale (milliseconds since
/// the batch started), a bar per request, coloured by outcome. Batch 1's scale ends a little
/// after its last answer, so that its concurrency shows: the bars of the requests that timed out
/// run off its right edge, labelled with their real end.
fn draw(requests: &[Request]) -> Result<String, String> {
    let batch = |b: u32| -> Vec<&Request> { requests.iter().filter(|r| r.batch == b).collect() };
    let (first, second) = (batch(1), batch(2));
    let heights = [first.len(), second.len()].map(|n| 90 + n as u32 * ROW_HEIGHT);
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (WIDTH, 40 + heights[0] + heights[1]))
            .into_drawing_area();
        area.fill(&WHITE).map_err(|e| e.to_string())?;
        let area = area
            .titled(
                "The workload's requests, from a real run",
                ("sans-serif", 20).into_font().color(&BLACK),
            )
            .map_err(|e| e.to_string())?;
        let (top, bottom) = area.split_vertically(heights[0]);
        panel(
            &top,
            &first,
            "batch 1: 8 at a time; requests 13 and 29 stall",
            true,
        )?;
        panel(
            &bottom,
            &second,
            "batch 2: 8 at a time; request 3 fails",
            false,
        )?;
        area.present().map_err(|e| e.to_string())?;
    }
    Ok(svg)
}

fn panel(
    area: &DrawingArea<SVGBackend, plotters::coord::Shift>,
    requests: &[&Request],
    title: &str,
    legend: bool,
) -> Result<(), String> {
    if requests.is_empty() {
        return Ok(());
    }
    let zero = requests
        .iter()
        .map(|r| r.start)
        .fold(f64::INFINITY, f64::min);
    let ms = |t: f64| (t - zero) * 1000.0;
    let answered_end = requests
        .iter()
        .filter(|r| r.outcome == "Answered")
        .map(|r| ms(r.end))
        .fold(0.0, f64::max);
    let last_end = requests.iter().map(|r| ms(r.end)).fold(0.0, f64::max);
    // Up to a little after the last answer when some request ran much longer; else to the end.
    let span = if last_end > 3.0 * answered_end && answered_end > 0.0 {
        answered_end * 1.25
    } else {
        last_end * 1.1
    };
    let numbers: Vec<u32> = {
        let mut n: Vec<u32> = requests.iter().map(|r| r.number).collect();
        n.sort_unstable();
        n
    };
    let rows = numbers.len() as f64;
    let row_of = |r: &Request| numbers.iter().position(|&n| n == r.number).unwrap() as f64;
    let mut chart = ChartBuilder::on(area)
        .caption(title, ("sans-serif", 15).into_font().color(&BLACK))
        .margin(10)
        .x_label_area_size(40)
        .y_label_area_size(70)
        .build_cartesian_2d(0.0..span, (rows - 0.5)..-0.5)
        .map_err(|e| e.to_string())?;
    let label = |row: &f64| {
        let i = row.round();
        let is_row = (row - i).abs() < 1e-9 && i >= 0.0 && i < rows;
        match is_row.then(|| numbers[i as usize]) {
            Some(n) if n == 1 || n % 5 == 0 || n == 3 || n == 13 || n == 29 => format!("#{n}"),
            _ => String::new(),
        }
    };
    chart
        .configure_mesh()
        .disable_y_mesh()
        .light_line_style(TRANSPARENT)
        .x_labels(11)
        .y_labels(numbers.len() + 1)
        .y_label_formatter(&label)
        .x_desc("milliseconds since the batch started")
        .label_style(("sans-serif", 12).into_font().color(&BLACK))
        .axis_desc_style(("sans-serif", 13).into_font().color(&BLACK))
        .draw()
        .map_err(|e| e.to_string())?;
    for outcome in ["Answered", "TimedOut", "Failed", "Cancelled"] {
        let c = color(outcome);
        let series = chart
            .draw_series(requests.iter().filter(|r| r.outcome == outcome).map(|r| {
                let row = row_of(r);
                // A request shorter than a pixel still shows.
                let end = ms(r.end).min(span).max(ms(r.start) + span / 400.0);
                Rectangle::new([(ms(r.start), row - 0.4), (end, row + 0.4)], c.filled())
            }))
            .map_err(|e| e.to_string())?;
        if legend {
            let name = if outcome == "TimedOut" {
                "timed out".to_owned()
            } else {
                outcome.to_lowercase()
            };
            series
                .label(name)
                .legend(move |(x, y)| Rectangle::new([(x, y - 5), (x + 14, y + 5)], c.filled()));
        }
    }
    // The bars that run off the right edge: where they really end.
    let style = ("sans-serif", 12)
        .into_font()
        .color(&BLACK)
        .pos(Pos::new(HPos::Right, VPos::Center));
    chart
        .draw_series(requests.iter().filter(|r| ms(r.end) > span).map(|r| {
            let text = format!("{} at {:.2} s →", r.outcome_text(), r.end - zero);
            Text::new(text, (span * 0.99, row_of(r)), style.clone())
        }))
        .map_err(|e| e.to_string())?;
    if legend {
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::MiddleRight)
            .background_style(WHITE.mix(0.9))
            .border_style(BLACK)
            .label_font(("sans-serif", 13).into_font().color(&BLACK))
            .draw()
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}

impl Request {
    fn outcome_text(&self) -> &str {
        match self.outcome.as_str() {
            "TimedOut" => "timed out",
            "Answered" => "answered",
            "Failed" => "failed",
            _ => "cancelled",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_result_line_gives_the_answered_count_and_the_seconds() {
        let stdout = "server listening on 127.0.0.1 (a free port)\n\
                      200 requests, at most 50 at once, 10 ms of work each: 200 answered in \
                      0.090 s\nserver stopped; every connection closed\n";
        assert_eq!(parse_result(stdout), Some((200, 0.090)));
        assert_eq!(parse_result("server stopped\n"), None);
    }

    #[test]
    fn the_csv_reads_back_what_was_written() {
        let rows = vec![Row {
            implementation: "tokio".into(),
            requests: 200,
            limit: 1,
            work_ms: 10,
            run: 1,
            answered: 200,
            seconds: 2.5,
        }];
        assert_eq!(from_csv(&to_csv(&rows)).unwrap(), rows);
    }

    #[test]
    fn the_table_gives_the_median_and_the_ratio() {
        let row = |implementation: &str, run, seconds| Row {
            implementation: implementation.into(),
            requests: 200,
            limit: 1,
            work_ms: 10,
            run,
            answered: 200,
            seconds,
        };
        let rows = [
            row("tokio", 1, 2.0),
            row("tokio", 2, 9.0),
            row("tokio", 3, 2.2),
            row("asyncio", 1, 4.4),
        ];
        let table = table(&rows);
        assert!(
            table.contains(
                "| 200 | 10 ms | 1 (one at a time) | 2.200 s | 4.400 s | 91 | 45 | 2.0 |"
            ),
            "{table}"
        );
    }

    #[test]
    fn a_number_seen_twice_is_in_the_second_batch() {
        let trace = "request\tstart_us\tend_us\toutcome\n\
                     1\t100\t2000\tAnswered\n\
                     1\t3000000\t3100000\tFailed\n\
                     2\t200\t2000000\tTimedOut\n";
        let found = requests(trace).unwrap();
        let batches: Vec<(u32, u32)> = found.iter().map(|r| (r.batch, r.number)).collect();
        assert_eq!(batches, [(1, 1), (1, 2), (2, 1)]);
        assert_eq!(found[2].start, 3.0);
        assert!(draw(&found).unwrap().contains("<svg"));
    }
}
