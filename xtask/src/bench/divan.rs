//! Reading divan's report. divan prints only a text tree, no machine-readable output, so this
//! parser is tied to divan's version: bench/Cargo.toml pins it exactly, and the tests below
//! read a real report of that version (`fixtures/divan-VERSION-*.txt`, captured with
//! `BENCH_SMOKE=1 cargo bench -q -p bench --bench ways -- trivial --sample-count 3
//! --sample-size 1 --color never`). Upgrading divan means capturing the fixtures anew.

use super::results::Row;

/// Reads divan's tree report. A case line is `├─ WAY/RUNTIME/N  fastest │ slowest │ median │
/// mean │ samples │ iters`; below it, the allocation profiler's rows come in threes: a label
/// (`max alloc:`, `alloc:`, ...), a line of counts and a line of sizes.
pub fn parse(report: &str, case: &str) -> Result<Vec<Row>, String> {
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

/// Each unit as a power of ten.
const TIME_UNITS: &[(&str, i32)] = &[("ps", -12), ("ns", -9), ("µs", -6), ("ms", -3), ("s", 0)];
// divan's default byte format counts in powers of 1000.
const BYTE_UNITS: &[(&str, i32)] = &[("B", 0), ("KB", 3), ("MB", 6), ("GB", 9)];

/// `12.5 µs` in seconds, `3.488 KB` in bytes, ...; a bare number is taken as is. The unit
/// becomes the number's exponent (`12.5e-6`), so that the result is the double nearest to
/// what divan printed, with no rounding error from a multiplication.
fn parse_quantity(text: &str, units: &[(&str, i32)]) -> Result<f64, String> {
    let mut words = text.split_whitespace();
    let number = words.next().unwrap_or_default();
    let exponent = match words.next() {
        None => 0,
        Some(unit) => units
            .iter()
            .find(|(name, _)| *name == unit)
            .map(|(_, exponent)| *exponent)
            .ok_or(format!("unknown unit in `{text}`"))?,
    };
    if number.contains(['e', 'E']) || words.next().is_some() {
        return Err(format!("`{text}` is not a number and a unit"));
    }
    format!("{number}e{exponent}")
        .parse()
        .map_err(|_| format!("`{text}` is not a number"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bench::results::{CT, MT};

    /// The divan version the fixtures were captured with.
    const FIXTURE_VERSION: &str = "0.1.21";
    /// Real reports of that version: the smoke sizes (N = 100), three runs of each trivial
    /// case and two of each sleeping one (10 ms), as `cargo xtask bench --smoke` reads them.
    const TRIVIAL: &str = include_str!("fixtures/divan-0.1.21-trivial.txt");
    const SLEEPING: &str = include_str!("fixtures/divan-0.1.21-sleeping.txt");

    fn find<'a>(rows: &'a [Row], way: &str, runtime: &str) -> &'a Row {
        rows.iter()
            .find(|row| row.way == way && row.runtime == runtime)
            .unwrap_or_else(|| panic!("no row for {way}/{runtime} in {rows:#?}"))
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * b.abs()
    }

    #[test]
    fn the_fixtures_are_of_the_pinned_divan() {
        let locked = book_checks::workspace::locked_version("divan");
        assert_eq!(
            locked.as_deref(),
            Some(FIXTURE_VERSION),
            "divan changed: capture its report anew (see this module's comment) and check the parser"
        );
        let manifest = std::fs::read_to_string(crate::repo_root().join("bench/Cargo.toml"));
        assert!(
            manifest
                .unwrap()
                .contains(&format!("divan = \"={FIXTURE_VERSION}\"")),
            "bench/Cargo.toml must pin divan exactly"
        );
    }

    #[test]
    fn a_real_trivial_report_gives_every_case_with_its_median_and_heap() {
        let rows = parse(TRIVIAL, "trivial").unwrap();

        // Eight ways on two runtimes at one N.
        assert_eq!(rows.len(), 2 * bench::ways::<bench::Trivial>().len());
        assert!(rows.iter().all(|row| row.case == "trivial" && row.n == 100));
        assert!(rows.iter().all(|row| row.samples == 3));
        assert!(
            rows.iter()
                .all(|row| row.alloc_bytes.is_some() && row.max_alloc_bytes.is_some()),
            "{rows:#?}"
        );

        // `├─ join_all_futures/current_thread/100    6.269 µs │ 45.51 µs │ 8.513 µs │ ...`
        let first = find(&rows, "join_all_futures", CT);
        assert!(close(first.fastest_s, 6.269e-6), "{first:?}");
        assert!(close(first.median_s, 8.513e-6), "{first:?}");
        // Its `max alloc:` size line, then its `alloc:` one (not `dealloc:`, nor `grow:`).
        assert_eq!(first.max_alloc_bytes, Some(9_864.0));
        assert_eq!(first.alloc_bytes, Some(9_896.0));

        // The last case, `╰─`, and a median in a different unit from the fastest.
        let last = find(&rows, "unordered_handles", MT);
        assert!(close(last.fastest_s, 85.8e-6), "{last:?}");
        assert!(close(last.median_s, 136.3e-6), "{last:?}");
        let tracker = find(&rows, "task_tracker", MT);
        assert!(close(tracker.median_s, 175e-6), "{tracker:?}");
    }

    #[test]
    fn a_real_sleeping_report_reads_milliseconds() {
        let rows = parse(SLEEPING, "sleeping").unwrap();

        assert_eq!(rows.len(), 2 * bench::ways::<bench::Trivial>().len());
        assert!(rows.iter().all(|row| row.samples == 2));
        let first = find(&rows, "join_all_futures", CT);
        assert!(close(first.median_s, 12.39e-3), "{first:?}");
        assert_eq!(first.max_alloc_bytes, Some(21_980.0));
    }

    #[test]
    fn quantities_are_read_in_their_units() {
        assert_eq!(parse_quantity("1.5 s", TIME_UNITS), Ok(1.5));
        assert!(close(
            parse_quantity("12.5 µs", TIME_UNITS).unwrap(),
            12.5e-6
        ));
        assert_eq!(parse_quantity("3.488 MB", BYTE_UNITS), Ok(3_488_000.0));
        assert_eq!(parse_quantity("103", BYTE_UNITS), Ok(103.0));
        assert!(parse_quantity("3 parsecs", TIME_UNITS).is_err());
    }
}
