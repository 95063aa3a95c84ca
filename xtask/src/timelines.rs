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

use book_checks::outputs::{Run, build_binaries, run_all};
use book_checks::shapes::{Shape, Shapes};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::figures::{INK, px};
use crate::repo_root;

/// How a listing hands out its work, which says when each task starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Schedule {
    /// Every task is created before any of them waits: all start at time zero.
    AllAtOnce,
    /// Each task starts when the one before it has finished (or at zero, for the first).
    OneAfterAnother,
}

/// A listing that gets a timeline: its name, how it schedules its tasks, the figure's title.
struct Timeline {
    name: String,
    schedule: Schedule,
    title: String,
}

/// The listings whose entry in `listings/shapes.toml` has a `timeline` title, with the
/// schedule their shape implies.
fn timelines() -> Result<Vec<Timeline>, String> {
    let shapes = Shapes::load(&repo_root().join("listings/shapes.toml"))?;
    shapes
        .0
        .iter()
        .filter_map(|(name, entry)| Some((name, entry.shape, entry.timeline.clone()?)))
        .map(|(name, shape, title)| {
            let schedule = match shape {
                Shape::Concurrent => Schedule::AllAtOnce,
                Shape::Sequential => Schedule::OneAfterAnother,
                other => {
                    return Err(format!(
                        "listings/shapes.toml: `{name}` has a timeline, but its shape {other:?} \
                         says nothing of when its tasks start"
                    ));
                }
            };
            Ok(Timeline {
                name: name.clone(),
                schedule,
                title,
            })
        })
        .collect()
}

const TASK_PREFIX: &str = ">Task ";

pub fn run(args: &[String]) -> Result<(), String> {
    let out_dir = repo_root().join("src/timelines");
    let timelines = timelines()?;
    let recorded = match args {
        [] => record(&timelines, &out_dir)?,
        [option] if option == "--redraw" => read_recorded(&timelines, &out_dir)?,
        _ => {
            return Err(format!(
                "use `cargo xtask timelines [--redraw]`, got {args:?}"
            ));
        }
    };
    let runs: Vec<(Schedule, &str)> = timelines
        .iter()
        .zip(&recorded)
        .map(|(timeline, run)| (timeline.schedule, run.as_str()))
        .collect();
    let scales = scales(&runs);
    for ((timeline, run), seconds) in timelines.iter().zip(&recorded).zip(scales) {
        let bars = bars(run, timeline.schedule)?;
        let svg = draw(&bars, finished_at(run), seconds, &timeline.title)?;
        let name = &timeline.name;
        fs::write(out_dir.join(format!("{name}.svg")), svg).map_err(|e| e.to_string())?;
        eprintln!("xtask: wrote src/timelines/{name}.svg");
    }
    Ok(())
}

/// Runs the listings side by side and writes their recorded runs (`NAME.tsv`).
fn record(timelines: &[Timeline], out_dir: &Path) -> Result<Vec<String>, String> {
    let root = repo_root();
    fs::create_dir_all(out_dir).map_err(|e| e.to_string())?;
    let binaries = build_binaries(&root, "listings");
    let programs: Vec<&Path> = timelines
        .iter()
        .map(|timeline| binaries[&timeline.name].as_path())
        .collect();
    eprintln!(
        "xtask: running {} listings side by side (about 20 s)",
        programs.len()
    );
    let runs = run_all(&programs);
    let mut recorded = Vec::new();
    for (Timeline { name, .. }, run) in timelines.iter().zip(&runs) {
        if !run.success() {
            return Err(format!("listing `{name}` failed:\n{}", run.stderr));
        }
        let text = recorded_run(run);
        fs::write(out_dir.join(format!("{name}.tsv")), &text).map_err(|e| e.to_string())?;
        recorded.push(text);
    }
    Ok(recorded)
}

/// The runs recorded last time (`--redraw`: draw again without running anything).
fn read_recorded(timelines: &[Timeline], out_dir: &Path) -> Result<Vec<String>, String> {
    timelines
        .iter()
        .map(|timeline| {
            let path = out_dir.join(format!("{}.tsv", timeline.name));
            fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))
        })
        .collect()
}

/// The time axis of each run, in seconds. Each schedule has its own: the concurrent figures
/// share one of about a second, so that their bars fill the width, and the sequential
/// baseline has its own, of about twenty.
fn scales(runs: &[(Schedule, &str)]) -> Vec<f64> {
    runs.iter()
        .map(|(schedule, _)| {
            let latest = runs
                .iter()
                .filter(|(other, _)| other == schedule)
                .map(|(_, run)| finished_at(run))
                .fold(0.0, f64::max);
            time_scale(latest)
        })
        .collect()
}

/// The length of a time axis for runs that end by `latest` seconds: a little past it, in
/// steps of a fifth of its order of magnitude (1.2 s for about one second, 22 s for twenty).
fn time_scale(latest: f64) -> f64 {
    let latest = latest.max(0.1);
    let step = 10f64.powf(latest.log10().floor()) / 5.0;
    ((latest / step).floor() + 1.0) * step
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
/// Above the bars: the title, and a line for the `Done.` label.
const TOP: u32 = 64;
const ROW_HEIGHT: u32 = 17;
const BAR_COLOR: RGBColor = RGBColor(0x1f, 0x6f, 0xb4);
const DONE_COLOR: RGBColor = RGBColor(0xc0, 0x39, 0x2b);

/// Draws the bars as an SVG: time in seconds across (`0..seconds`), one row per task, task 0
/// on top, and a line where the program printed its last line (`finished`). No background,
/// and black text (see [`crate::figures`]).
pub fn draw(bars: &[Bar], finished: f64, seconds: f64, title: &str) -> Result<String, String> {
    let rows = bars.iter().map(|bar| bar.task).max().unwrap_or(0) + 1;
    let height = TOP + 60 + rows * ROW_HEIGHT;
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        let error = |e: DrawingAreaErrorKind<_>| e.to_string();
        area.draw(&Text::new(
            title,
            (WIDTH as i32 / 2, 10),
            ("sans-serif", px(17.0))
                .into_font()
                .color(&INK)
                .pos(Pos::new(HPos::Center, VPos::Top)),
        ))
        .map_err(error)?;
        let mut chart = ChartBuilder::on(&area)
            // Room above the bars for the title and the `Done.` label.
            .margin(12)
            .margin_top(TOP)
            .x_label_area_size(44)
            .y_label_area_size(76)
            // Rows are centred on whole numbers, so each label sits beside its bar.
            .build_cartesian_2d(0.0..seconds, (f64::from(rows) - 0.5)..-0.5)
            .map_err(error)?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .light_line_style(TRANSPARENT)
            .x_labels(11)
            .x_label_formatter(&|x| seconds_label(*x, seconds))
            .y_labels(rows as usize + 1)
            .y_label_formatter(&|row| row_label(*row, rows))
            .x_desc("seconds since the program started")
            .label_style(("sans-serif", px(12.5)).into_font().color(&INK))
            .axis_desc_style(("sans-serif", px(14.0)).into_font().color(&INK))
            .draw()
            .map_err(error)?;
        chart
            .draw_series(bars.iter().map(|bar| {
                let row = f64::from(bar.task);
                Rectangle::new(
                    [(bar.start, row - 0.35), (bar.end, row + 0.35)],
                    BAR_COLOR.filled(),
                )
            }))
            .map_err(error)?;
        // The `Done.` line across the rows, and its label above them: right of the line, or
        // left of it when the line is near the right edge.
        let (x, top) = chart.backend_coord(&(finished, -0.5));
        let (_, bottom) = chart.backend_coord(&(finished, f64::from(rows) - 0.5));
        area.draw(&PathElement::new(
            [(x, top - 20), (x, bottom)],
            DONE_COLOR.stroke_width(2),
        ))
        .map_err(error)?;
        let label = format!("Done. ({finished:.1} s)");
        let (label_x, h_pos) = if finished > seconds * 0.7 {
            (x - 6, HPos::Right)
        } else {
            (x + 6, HPos::Left)
        };
        area.draw(&Text::new(
            label,
            (label_x, top - 10),
            ("sans-serif", px(14.0))
                .into_font()
                .color(&DONE_COLOR)
                .pos(Pos::new(h_pos, VPos::Center)),
        ))
        .map_err(error)?;
        area.present().map_err(error)?;
    }
    Ok(svg)
}

/// `0.4` on a scale of about a second, `12` on a longer one.
fn seconds_label(x: f64, seconds: f64) -> String {
    if seconds < 5.0 {
        format!("{x:.1}")
    } else {
        format!("{x:.0}")
    }
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
        crate::figures::assert_fits_the_book(&svg);
    }

    #[test]
    fn the_committed_timelines_are_drawn_from_the_recorded_runs() {
        let dir = repo_root().join("src/timelines");
        let timelines = timelines().unwrap();
        let recorded = read_recorded(&timelines, &dir).unwrap();
        let runs: Vec<(Schedule, &str)> = timelines
            .iter()
            .zip(&recorded)
            .map(|(timeline, run)| (timeline.schedule, run.as_str()))
            .collect();

        for ((timeline, run), seconds) in timelines.iter().zip(&recorded).zip(scales(&runs)) {
            let bars = bars(run, timeline.schedule).unwrap();
            let svg = draw(&bars, finished_at(run), seconds, &timeline.title).unwrap();
            let name = &timeline.name;
            crate::figures::assert_fits_the_book(&svg);
            let committed = fs::read_to_string(dir.join(format!("{name}.svg"))).unwrap();
            assert!(
                committed == svg,
                "src/timelines/{name}.svg is stale: run `cargo xtask timelines --redraw`"
            );
        }
    }

    #[test]
    fn the_time_axis_ends_a_little_past_the_last_line() {
        let close = |a: f64, b: f64| (a - b).abs() < 1e-9;
        // The concurrent listings: about a second, on a scale of 1.2 s, not the baseline's 20.
        assert!(close(time_scale(1.0076), 1.2));
        assert!(close(time_scale(1.0), 1.2));
        assert!(close(time_scale(20.0086), 22.0));
        assert!(close(time_scale(3.004), 3.2));
        assert!(close(time_scale(0.0), 0.12));
    }

    #[test]
    fn the_recorded_runs_are_drawn_on_the_scale_of_their_schedule() {
        let scales = scales(&[
            (Schedule::AllAtOnce, CONCURRENT),
            (Schedule::OneAfterAnother, SEQUENTIAL),
            (Schedule::AllAtOnce, "1.5\t>Task 0 done\n"),
        ]);

        assert_eq!(scales, [1.6, 3.2, 1.6]);
    }
}
