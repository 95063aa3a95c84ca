//! The chapter's chart, `time-per-task.svg`: time per task against N, log-log, as small
//! multiples. One panel per tokio way, grouped under two headings (tokio tasks, plain futures);
//! each panel has the way on both runtimes and, in grey, its asyncio counterpart, labelled where
//! it is drawn. Every panel has the same axes, so the panels compare at a glance.
//!
//! 880 pixels wide, the width of the book's text column, with no text smaller than 12 pixels.
//! The background is transparent and all text is black or grey, so that the book's CSS can
//! invert the figure for the dark themes.

use std::path::Path;

use bench::{Trivial, Way, ways};
use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::FontTransform;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::results::{CT, LOOP, MT, Results};
use crate::figures::{INK, px};

const WIDTH: u32 = 880;
const HEIGHT: u32 = 730;
/// The strip at the left for the y axis's description.
const Y_DESC: i32 = 26;
const COLUMNS: i32 = 3;
const PANEL_WIDTH: i32 = (WIDTH as i32 - Y_DESC) / COLUMNS;
const PANEL_HEIGHT: i32 = 190;
/// The height of a group's heading.
const HEADING: i32 = 34;
/// Where the first group's heading starts: below the title and its line of explanation.
const TOP: i32 = 62;
/// The y axis, in nanoseconds per task: the same in every panel.
const Y_RANGE: (f64, f64) = (30.0, 60_000.0);

/// Okabe and Ito's blue and vermilion, told apart by most colour-blind readers; the two
/// runtimes differ in marker and dash too. asyncio is a dark grey.
const CURRENT_THREAD: RGBColor = RGBColor(0, 114, 178);
const MULTI_THREAD: RGBColor = RGBColor(213, 94, 0);
const ASYNCIO: RGBColor = RGBColor(90, 90, 90);

type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;
type DrawResult = Result<(), Box<dyn std::error::Error>>;

/// The ways, split into the chart's two groups: tasks, then plain futures.
fn groups() -> [(&'static str, Vec<Way>); 2] {
    let (futures, tasks): (Vec<Way>, Vec<Way>) = ways::<Trivial>()
        .into_iter()
        .partition(|way| way.name.ends_with("_futures"));
    [
        (
            "Tokio tasks: each of the N is spawned onto the runtime",
            tasks,
        ),
        (
            "Plain futures: no task, the N futures run inside the future that awaits them",
            futures,
        ),
    ]
}

pub fn draw(results: &Results, path: &Path) -> Result<(), String> {
    draw_chart(results, path).map_err(|e| format!("{}: {e}", path.display()))
}

fn draw_chart(results: &Results, path: &Path) -> DrawResult {
    let root = SVGBackend::new(path, (WIDTH, HEIGHT)).into_drawing_area();
    // No fill: the page's background shows through.
    let font = |size: f64| ("sans-serif", px(size)).into_font().color(&INK);
    let bold = |size: f64| {
        ("sans-serif", px(size), FontStyle::Bold)
            .into_font()
            .color(&INK)
    };
    root.draw(&Text::new(
        "Time per task against the number of tasks N (log–log; lower is better)",
        (Y_DESC, 10),
        bold(17.0),
    ))?;
    root.draw(&Text::new(
        "One panel per tokio way, all on the same axes. Grey: the asyncio way it is compared \
         with in the tables.",
        (Y_DESC, 36),
        font(14.0),
    ))?;
    let mut top = TOP;
    let mut legend_drawn = false;
    for (heading, group) in groups() {
        root.draw(&Text::new(heading, (Y_DESC, top + 10), bold(14.0)))?;
        top += HEADING;
        let rows = (group.len() as i32 + COLUMNS - 1) / COLUMNS;
        for (index, way) in group.iter().enumerate() {
            let (column, row) = (index as i32 % COLUMNS, index as i32 / COLUMNS);
            let panel = cell(&root, column, top + row * PANEL_HEIGHT);
            draw_panel(results, &panel, way)?;
        }
        // The legend fills the first empty cell, beside the last panels.
        if group.len() as i32 % COLUMNS != 0 && !legend_drawn {
            let index = group.len() as i32;
            let legend = cell(
                &root,
                index % COLUMNS,
                top + (index / COLUMNS) * PANEL_HEIGHT,
            );
            draw_legend(&legend)?;
            legend_drawn = true;
        }
        top += rows * PANEL_HEIGHT;
    }
    // The axes' descriptions, once for all the panels.
    root.draw(&Text::new(
        "time per task (log scale; lower is better)",
        (4, TOP + (top - TOP) / 2),
        font(14.0)
            .transform(FontTransform::Rotate270)
            .pos(Pos::new(HPos::Center, VPos::Top)),
    ))?;
    root.draw(&Text::new(
        "N, the number of tasks (log scale)",
        (Y_DESC + (WIDTH as i32 - Y_DESC) / 2, top + 6),
        font(14.0).pos(Pos::new(HPos::Center, VPos::Top)),
    ))?;
    if !legend_drawn {
        return Err("no empty cell for the legend".into());
    }
    root.present()?;
    Ok(())
}

/// The panel-sized area at `column`, starting `top` pixels from the top.
fn cell<'a>(root: &Area<'a>, column: i32, top: i32) -> Area<'a> {
    root.clone().shrink(
        (Y_DESC + column * PANEL_WIDTH, top),
        (PANEL_WIDTH as u32, PANEL_HEIGHT as u32),
    )
}

/// One way: its time per task on each runtime, and its asyncio counterpart's.
fn draw_panel(results: &Results, panel: &Area, way: &Way) -> DrawResult {
    let sizes = results.sizes("trivial");
    let (first, last) = (
        *sizes.first().ok_or("no trivial rows")?,
        *sizes.last().unwrap(),
    );
    let mut chart = ChartBuilder::on(panel)
        .caption(way.name, ("monospace", px(14.0)).into_font().color(&INK))
        .margin_left(4)
        .margin_right(14)
        .margin_bottom(6)
        .x_label_area_size(24)
        .y_label_area_size(50)
        .build_cartesian_2d(
            (first as f64 / 2.0..last as f64 * 2.0).log_scale(),
            (Y_RANGE.0..Y_RANGE.1).log_scale(),
        )?;
    chart
        .configure_mesh()
        .x_label_formatter(&|n| power_of_ten(*n))
        .y_label_formatter(&|ns| axis_duration(*ns))
        .label_style(("sans-serif", px(12.0)).into_font().color(&INK))
        .bold_line_style(INK.mix(0.15))
        .light_line_style(TRANSPARENT)
        .axis_style(INK.mix(0.6))
        .draw()?;
    let points = |name: &str, runtime: &str| -> Vec<(f64, f64)> {
        sizes
            .iter()
            .filter_map(|&n| {
                let row = results.get("trivial", name, runtime, n)?;
                Some((n as f64, row.median_s / n as f64 * 1e9))
            })
            .collect()
    };

    // asyncio first, so that tokio's lines are drawn over its grid of points.
    let asyncio = points(way.asyncio, LOOP);
    chart.draw_series(LineSeries::new(asyncio.clone(), ASYNCIO.stroke_width(2)))?;
    chart.draw_series(
        asyncio
            .iter()
            .map(|&p| EmptyElement::at(p) + Rectangle::new([(-4, -4), (4, 4)], ASYNCIO.filled())),
    )?;
    let highest = asyncio.iter().map(|&(_, ns)| ns).fold(0.0, f64::max);
    if let Some(&(n, _)) = asyncio.first() {
        // Its name, above the whole line, from where the line starts.
        chart.draw_series([Text::new(
            format!("asyncio: {}", way.asyncio),
            (n, highest * 1.3),
            ("sans-serif", px(12.0))
                .into_font()
                .color(&ASYNCIO)
                .pos(Pos::new(HPos::Left, VPos::Bottom)),
        )])?;
    }

    let current = points(way.name, CT);
    chart.draw_series(LineSeries::new(
        current.clone(),
        CURRENT_THREAD.stroke_width(2),
    ))?;
    chart.draw_series(
        current
            .iter()
            .map(|&p| Circle::new(p, 4, CURRENT_THREAD.filled())),
    )?;

    let multi = points(way.name, MT);
    chart.draw_series(DashedLineSeries::new(
        multi.clone(),
        7,
        4,
        MULTI_THREAD.stroke_width(2),
    ))?;
    chart.draw_series(
        multi
            .iter()
            .map(|&p| TriangleMarker::new(p, 5, MULTI_THREAD.filled())),
    )?;
    Ok(())
}

/// What the lines and markers mean, in the cell beside the last panels.
fn draw_legend(area: &Area) -> DrawResult {
    let font = ("sans-serif", px(14.0)).into_font().color(&INK);
    let entries: [(&str, RGBColor); 3] = [
        ("tokio, current-thread runtime", CURRENT_THREAD),
        ("tokio, multi-thread runtime", MULTI_THREAD),
        ("asyncio, its event loop", ASYNCIO),
    ];
    let x = 24;
    for (index, (label, color)) in entries.into_iter().enumerate() {
        let y = 46 + 32 * index as i32;
        let line = [(x, y), (x + 36, y)];
        match index {
            1 => area.draw(&DashedPathElement::new(line, 7, 4, color.stroke_width(2)))?,
            _ => area.draw(&PathElement::new(line, color.stroke_width(2)))?,
        }
        let marker = (x + 18, y);
        match index {
            0 => area.draw(&Circle::new(marker, 4, color.filled()))?,
            1 => area.draw(&TriangleMarker::new(marker, 5, color.filled()))?,
            _ => area.draw(&Rectangle::new(
                [(marker.0 - 4, y - 4), (marker.0 + 4, y + 4)],
                color.filled(),
            ))?,
        }
        area.draw(&Text::new(
            label,
            (x + 46, y),
            font.clone().pos(Pos::new(HPos::Left, VPos::Center)),
        ))?;
    }
    let note = [
        "Each point: the median time of a run",
        "of N tasks, divided by N.",
    ];
    for (index, line) in note.into_iter().enumerate() {
        area.draw(&Text::new(
            line,
            (x, 146 + 18 * index as i32),
            ("sans-serif", px(12.0)).into_font().color(&ASYNCIO),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bench::results::read_csv;
    use crate::repo_root;

    #[test]
    fn the_committed_chart_is_drawn_from_the_committed_results() {
        let results = Results::new(&read_csv(&repo_root().join("src/bench/results.csv")).unwrap());
        let path = std::env::temp_dir().join(format!("xtask-chart-{}.svg", std::process::id()));

        draw(&results, &path).unwrap();
        let svg = std::fs::read_to_string(&path).unwrap();
        std::fs::remove_file(&path).unwrap();

        crate::figures::assert_fits_the_book(&svg);
        for way in ways::<Trivial>() {
            assert!(
                svg.contains(&format!(">\n{}\n</text>", way.name)),
                "{}",
                way.name
            );
            assert!(svg.contains(&format!("asyncio: {}", way.asyncio)));
        }
        for words in [
            "lower is better",
            "Tokio tasks",
            "Plain futures",
            "current-thread",
        ] {
            assert!(svg.contains(words), "{words}");
        }
        let committed = std::fs::read_to_string(repo_root().join("src/bench/time-per-task.svg"));
        assert!(
            committed.unwrap() == svg,
            "src/bench/time-per-task.svg is stale: run `cargo xtask bench --render`"
        );
    }
}
