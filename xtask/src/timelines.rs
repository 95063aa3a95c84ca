//! `cargo xtask timelines`: runs the worked examples and the sequential baseline, timestamps
//! each line they print as it arrives, and draws one timeline per listing as an SVG under
//! `src/timelines/`, beside the recorded run it was drawn from (`NAME.tsv`).
//!
//! The listings print `>Task N done` when task N finishes; that arrival time is the end of the
//! task's bar. They print nothing when a task starts, so the start comes from how the listing
//! schedules its work (see [`Schedule`]), stated in the book next to each figure.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use book_checks::outputs::{Run, build_binaries, run_all};

use crate::repo_root;

/// How a listing hands out its work, which says when each task starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Schedule {
    /// Every task is created before any of them waits: all start at time zero.
    AllAtOnce,
    /// Each task starts when the one before it has finished (or at zero, for the first).
    OneAfterAnother,
}

/// The listings that get a timeline, how they schedule their tasks, and the figure's title.
const TIMELINES: &[(&str, Schedule, &str)] = &[
    (
        "spawn_await_each",
        Schedule::AllAtOnce,
        "tokio::spawn, then await each handle",
    ),
    (
        "join_set",
        Schedule::AllAtOnce,
        "spawn into a JoinSet, then join_all",
    ),
    (
        "wait_join_all",
        Schedule::AllAtOnce,
        "tokio::spawn, then join_all over the handles",
    ),
    (
        "join_all_futures",
        Schedule::AllAtOnce,
        "join_all over plain futures",
    ),
    (
        "sequential_baseline",
        Schedule::OneAfterAnother,
        "one after another: await each future in turn",
    ),
];

const TASK_PREFIX: &str = ">Task ";

pub fn run(args: &[String]) -> Result<(), String> {
    if !args.is_empty() {
        return Err(format!("`timelines` takes no arguments, got {args:?}"));
    }
    let root = repo_root();
    let out_dir = root.join("src/timelines");
    fs::create_dir_all(&out_dir).map_err(|e| e.to_string())?;
    let binaries = build_binaries(&root, "listings");
    let programs: Vec<&Path> = TIMELINES
        .iter()
        .map(|(name, ..)| binaries[*name].as_path())
        .collect();
    eprintln!(
        "xtask: running {} listings side by side (about 20 s)",
        programs.len()
    );
    let runs = run_all(&programs);
    let mut recorded = Vec::new();
    for ((name, ..), run) in TIMELINES.iter().zip(&runs) {
        if !run.success() {
            return Err(format!("listing `{name}` failed:\n{}", run.stderr));
        }
        recorded.push(recorded_run(run));
    }
    // One time scale for every figure, so that they compare at a glance.
    let seconds = recorded
        .iter()
        .map(|run| finished_at(run).ceil())
        .fold(1.0, f64::max);
    for ((name, schedule, title), recorded) in TIMELINES.iter().zip(recorded) {
        let svg = draw(
            &bars(&recorded, *schedule)?,
            finished_at(&recorded),
            seconds,
            title,
        )?;
        fs::write(out_dir.join(format!("{name}.tsv")), recorded).map_err(|e| e.to_string())?;
        fs::write(out_dir.join(format!("{name}.svg")), svg).map_err(|e| e.to_string())?;
        eprintln!("xtask: wrote src/timelines/{name}.svg");
    }
    Ok(())
}

/// When the last line of a recorded run arrived, in seconds.
fn finished_at(recorded: &str) -> f64 {
    recorded
        .lines()
        .last()
        .and_then(|line| line.split('\t').next())
        .and_then(|seconds| seconds.parse().ok())
        .unwrap_or(0.0)
}

/// A run as text, one line per printed line: seconds since start, a tab, the line.
fn recorded_run(run: &Run) -> String {
    run.lines.iter().fold(String::new(), |mut text, line| {
        let _ = writeln!(text, "{:.4}\t{}", line.at.as_secs_f64(), line.text);
        text
    })
}

/// One task of a timeline: its row (the task's number) and when it ran, in seconds.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub task: u32,
    pub start: f64,
    pub end: f64,
}

/// The bars of a recorded run: one per `>Task N done` line, in the order the lines came.
pub fn bars(recorded: &str, schedule: Schedule) -> Result<Vec<Bar>, String> {
    let mut bars: Vec<Bar> = Vec::new();
    for line in recorded.lines() {
        let (seconds, text) = line
            .split_once('\t')
            .ok_or_else(|| format!("not `seconds<TAB>line`: {line:?}"))?;
        let Some(task) = text
            .strip_prefix(TASK_PREFIX)
            .and_then(|rest| rest.strip_suffix(" done"))
        else {
            continue;
        };
        let end: f64 = seconds
            .parse()
            .map_err(|_| format!("not a time: {seconds:?}"))?;
        let start = match schedule {
            Schedule::AllAtOnce => 0.0,
            Schedule::OneAfterAnother => bars.last().map_or(0.0, |previous| previous.end),
        };
        let task = task
            .parse()
            .map_err(|_| format!("not a task number: {task:?}"))?;
        bars.push(Bar { task, start, end });
    }
    if bars.is_empty() {
        return Err("the run printed no `>Task N done` line".into());
    }
    Ok(bars)
}

const WIDTH: u32 = 860;
const ROW_HEIGHT: u32 = 17;
const BAR_COLOR: RGBColor = RGBColor(0x1f, 0x6f, 0xb4);
const DONE_COLOR: RGBColor = RGBColor(0xc0, 0x39, 0x2b);

/// Draws the bars as an SVG: time in seconds across (`0..seconds`), one row per task, task 0
/// on top, and a line where the program printed its last line (`finished`). The background is
/// white with dark text, so the figure reads the same in light and dark themes.
pub fn draw(bars: &[Bar], finished: f64, seconds: f64, title: &str) -> Result<String, String> {
    let rows = bars.iter().map(|bar| bar.task).max().unwrap_or(0) + 1;
    let height = 110 + rows * ROW_HEIGHT;
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        area.fill(&WHITE).map_err(|e| e.to_string())?;
        let mut chart = ChartBuilder::on(&area)
            .caption(title, ("sans-serif", 20).into_font().color(&BLACK))
            .margin(12)
            .x_label_area_size(44)
            .y_label_area_size(76)
            // Rows are centred on whole numbers, so each label sits beside its bar.
            .build_cartesian_2d(0.0..seconds, (f64::from(rows) - 0.5)..-0.5)
            .map_err(|e| e.to_string())?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .light_line_style(TRANSPARENT)
            .x_labels(11)
            .x_label_formatter(&|x| format!("{x}"))
            .y_labels(rows as usize + 1)
            .y_label_formatter(&|row| row_label(*row, rows))
            .x_desc("seconds since the program started")
            .label_style(("sans-serif", 14).into_font().color(&BLACK))
            .axis_desc_style(("sans-serif", 15).into_font().color(&BLACK))
            .draw()
            .map_err(|e| e.to_string())?;
        chart
            .draw_series(bars.iter().map(|bar| {
                let row = f64::from(bar.task);
                Rectangle::new(
                    [(bar.start, row - 0.35), (bar.end, row + 0.35)],
                    BAR_COLOR.filled(),
                )
            }))
            .map_err(|e| e.to_string())?;
        let (top, bottom) = (-0.5, f64::from(rows) - 0.5);
        chart
            .draw_series(LineSeries::new(
                [(finished, top), (finished, bottom)],
                DONE_COLOR.stroke_width(2),
            ))
            .map_err(|e| e.to_string())?;
        // The label goes right of the line, or left of it when the line is near the edge.
        let style = ("sans-serif", 14).into_font().color(&DONE_COLOR);
        let (label, style) = if finished > seconds * 0.7 {
            (
                format!("Done. ({finished:.1} s) "),
                style.pos(Pos::new(HPos::Right, VPos::Top)),
            )
        } else {
            (format!(" Done. ({finished:.1} s)"), style)
        };
        chart
            .draw_series([Text::new(label, (finished, top + 0.2), style)])
            .map_err(|e| e.to_string())?;
        area.present().map_err(|e| e.to_string())?;
    }
    Ok(svg)
}

/// "Task N" beside row N; nothing for the positions between rows.
fn row_label(row: f64, rows: u32) -> String {
    let is_row = (row - row.round()).abs() < 1e-9 && row >= 0.0 && row < f64::from(rows);
    if is_row {
        format!("Task {}", row.round())
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A recorded run of three one-second tasks, one after another.
    const SEQUENTIAL: &str = "1.0012\t>Task 0 done\n2.0031\t>Task 1 done\n3.0040\t>Task 2 done\n\
                              3.0041\tDone.\n";
    /// The same three tasks, concurrently; task 2 happened to print first.
    const CONCURRENT: &str = "1.0010\t>Task 2 done\n1.0011\t>Task 0 done\n1.0012\t>Task 1 done\n\
                              1.0013\tDone.\n";

    #[test]
    fn each_task_gets_its_own_row_and_the_times_it_ran() {
        let bars = bars(CONCURRENT, Schedule::AllAtOnce).unwrap();
        let row = |task| bars.iter().find(|bar| bar.task == task).unwrap().clone();
        assert_eq!(
            row(0),
            Bar {
                task: 0,
                start: 0.0,
                end: 1.0011
            }
        );
        assert_eq!(
            row(2),
            Bar {
                task: 2,
                start: 0.0,
                end: 1.0010
            }
        );
        assert_eq!(bars.len(), 3, "`Done.` is not a task");
    }

    #[test]
    fn one_after_another_starts_each_task_when_the_previous_ended() {
        let bars = bars(SEQUENTIAL, Schedule::OneAfterAnother).unwrap();
        let spans: Vec<(f64, f64)> = bars.iter().map(|bar| (bar.start, bar.end)).collect();
        assert_eq!(spans, [(0.0, 1.0012), (1.0012, 2.0031), (2.0031, 3.0040)]);
    }

    #[test]
    fn a_run_without_task_lines_is_an_error() {
        assert!(bars("0.5\tDone.\n", Schedule::AllAtOnce).is_err());
    }

    /// The bars of the drawing, as (x, y, width) in pixels, read back from the SVG.
    fn drawn_bars(svg: &str) -> Vec<(f64, f64, f64)> {
        let color = format!("#{:02X}{:02X}{:02X}", BAR_COLOR.0, BAR_COLOR.1, BAR_COLOR.2);
        let attribute = |element: &str, name: &str| -> f64 {
            let start = element.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
            element[start..].split('"').next().unwrap().parse().unwrap()
        };
        svg.split("<rect")
            .skip(1)
            .filter(|element| element.contains(&color))
            .map(|element| {
                (
                    attribute(element, "x"),
                    attribute(element, "y"),
                    attribute(element, "width"),
                )
            })
            .collect()
    }

    #[test]
    fn the_drawing_places_each_task_on_its_row_at_its_time() {
        let bars = bars(SEQUENTIAL, Schedule::OneAfterAnother).unwrap();
        let svg = draw(&bars, finished_at(SEQUENTIAL), 4.0, "test").unwrap();
        let drawn = drawn_bars(&svg);

        assert_eq!(drawn.len(), 3, "one bar per task");
        // Task 0 on top, each later task one row lower.
        assert!(
            drawn[0].1 < drawn[1].1 && drawn[1].1 < drawn[2].1,
            "{drawn:?}"
        );
        // One second each, one after another: equal widths, each starting where the last ended.
        for pair in drawn.windows(2) {
            let (x0, _, w0) = pair[0];
            let (x1, _, w1) = pair[1];
            // Within two pixels: each end is rounded to a whole pixel.
            assert!((x0 + w0 - x1).abs() <= 2.0, "{drawn:?}");
            assert!((w0 - w1).abs() <= 2.0, "{drawn:?}");
        }
        assert!(svg.contains("Task 2\n</text>"), "rows are labelled");
        assert!(svg.contains("seconds since the program started"));
    }
}
