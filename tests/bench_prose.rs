//! The numbers that the prose of "How many tasks?" (`src/how-many-tasks.md`) quotes from the
//! benchmark are the benchmark's own: each one must be in `src/bench/results.csv` or in a
//! table rendered from it (`src/bench/*.txt`). The test reads those files, so after
//! `cargo xtask bench` writes new ones it names every sentence the new numbers left behind.
//!
//! # Which numbers count as quoted measurements
//!
//! A number written with a unit symbol, as the tables write them: `ns`, `µs`, `ms`, `s`,
//! `B`, `KB`, `MB`, `GB`, or the ratio sign `×` (as in `12×`; a `×` followed by a digit is a
//! product, as in `2×10⁵`, and does not count). A number joined to the next one by "to",
//! "and", "or", "against", a dash or a comma takes that number's unit: "0.2 to 1 µs" quotes
//! 0.2 µs and 1 µs. Not counted:
//!
//! - numbers in code spans, code blocks, `{{#include}}` lines and link targets;
//! - numbers that carry a power (`10⁵`), which count tasks;
//! - numbers whose unit is a word: "128 bytes", "4 seconds", "every 4 KiB", "1.4 to 2.7
//!   times", "75 %". The chapter writes these for what does not come from the benchmark
//!   (tokio's task alignment, a cache line, a one-off check, divan's settings) and for figures
//!   computed from several measurements (growth factors, percentages, "about 50 more bytes").
//!
//! # What a quoted number matches
//!
//! A value that rounds to it at the precision written: "0.2 µs" matches 200.7 ns, "2.38 s"
//! matches 2.377 s, "33 MB" matches 33,497,088 bytes (KB, MB and GB are powers of 1000). The
//! values are:
//!
//! - every number with a unit in the tables, as written there;
//! - from each row of the CSV: `median_s` and `fastest_s`; for the trivial case, time per task
//!   (`median_s / n`), heap per task (`max_alloc_bytes / n`), RSS per task
//!   (`peak_rss_bytes / n`) and the process's growth (`peak_rss_bytes`); for a case of two
//!   runs, the other run, `2 × median_s − fastest_s` (a median of two is their mean, in divan
//!   and in Python's `statistics.median`).

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

#[test]
fn every_number_the_chapter_quotes_is_in_the_benchmark_data() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let problems = check(
        &root.join("src/how-many-tasks.md"),
        &root.join("src/bench/results.csv"),
        &root.join("src/bench"),
    );
    assert!(
        problems.is_empty(),
        "numbers in the prose that are not in the benchmark's data (src/bench/results.csv, \
         src/bench/*.txt):\n{}",
        problems.join("\n")
    );
}

/// "A real workload" quotes its measurement (`cargo xtask workload`) from the table it wrote,
/// in its section "Measured" (elsewhere, times such as a 100 ms job are the program's settings).
#[test]
fn every_number_the_workload_chapter_measures_is_in_its_table() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let chapter = fs::read_to_string(root.join("src/workload.md")).unwrap();
    let start = chapter
        .find("\n## Measured\n")
        .expect("workload.md has a section Measured");
    let end = chapter[start + 1..]
        .find("\n## ")
        .map_or(chapter.len(), |at| start + 1 + at);
    // Blank lines before the section, so that messages give the chapter's own line numbers.
    let section = "\n".repeat(chapter[..start].lines().count()) + &chapter[start..end];
    let scratch = tempfile::tempdir().unwrap();
    let measured = scratch.path().join("workload.md, section Measured");
    fs::write(&measured, section).unwrap();
    let problems = check_against_tables(&measured, &root.join("src/workload"));
    assert!(
        problems.is_empty(),
        "numbers in the prose that are not in the workload's table (src/workload/*.txt):\n{}",
        problems.join("\n")
    );
}

#[test]
fn a_number_that_is_not_in_the_data_is_reported_with_its_line() {
    let fixture = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bench_prose");
    let chapter = fixture.join("chapter.md");

    let problems = check(&chapter, &fixture.join("results.csv"), &fixture);

    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(
        problems[0].contains("chapter.md:11:") && problems[0].contains("`3.5 µs`"),
        "{}",
        problems[0]
    );
}

#[test]
fn the_fixture_quotes_exactly_the_numbers_the_rule_describes() {
    let fixture = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bench_prose");
    let text = fs::read_to_string(fixture.join("chapter.md")).unwrap();

    let quoted: Vec<String> = quoted_numbers(&prose(&text))
        .iter()
        .map(|q| format!("{}:{q}", q.line))
        .collect();

    assert_eq!(
        quoted,
        [
            "5:0.2 µs",
            "6:1 µs",
            "6:2.38 s",
            "6:2.80 s",
            "7:12×",
            "7:21×",
            "9:33 MB",
            "9:136 B",
            "11:3.5 µs",
        ]
    );
}

/// Checks that every number `chapter` quotes is in the CSV at `csv` or in a table (`*.txt`) in
/// `tables`: one line per number that is not, naming the chapter's line.
fn check(chapter: &Path, csv: &Path, tables: &Path) -> Vec<String> {
    let values = values_from_csv(csv)
        .into_iter()
        .chain(values_from_tables(tables))
        .collect::<Vec<_>>();
    check_against(chapter, &values)
}

/// The same for a chapter whose numbers all come from its tables.
fn check_against_tables(chapter: &Path, tables: &Path) -> Vec<String> {
    check_against(chapter, &values_from_tables(tables))
}

fn check_against(chapter: &Path, values: &[Value]) -> Vec<String> {
    let text = fs::read_to_string(chapter)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", chapter.display()));
    quoted_numbers(&prose(&text))
        .into_iter()
        .filter(|quoted| !values.iter().any(|value| quoted.matches(value)))
        .map(|quoted| {
            format!(
                "{}:{}: `{quoted}` is not in the benchmark's data",
                chapter.display(),
                quoted.line
            )
        })
        .collect()
}

/// What a number measures: a unit symbol is a multiple of one of these.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    Seconds,
    Bytes,
    Ratio,
}

/// A value the benchmark measured, in seconds, bytes or as a plain ratio.
#[derive(Debug)]
struct Value {
    kind: Kind,
    amount: f64,
}

/// A number the chapter quotes: as written, with its unit and its line (counted from 1).
#[derive(Debug)]
struct Quoted {
    line: usize,
    digits: String,
    unit: &'static str,
}

impl Quoted {
    /// Whether `value`, rounded at the precision the number is written with, is the number.
    fn matches(&self, value: &Value) -> bool {
        let (kind, scale) = unit(self.unit).unwrap();
        let written: f64 = self.digits.replace(',', "").parse().unwrap();
        let decimals = self.digits.split_once('.').map_or(0, |(_, d)| d.len());
        let half_step = 0.5 * 10f64.powi(-(decimals as i32));
        kind == value.kind
            && (value.amount / scale - written).abs() <= half_step * (1.0 + 1e-9) + 1e-12
    }
}

impl fmt::Display for Quoted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.unit {
            "×" => write!(f, "{}×", self.digits),
            unit => write!(f, "{} {unit}", self.digits),
        }
    }
}

/// The unit symbols that mark a measurement, longest first, and what each is worth.
const UNITS: &[(&str, Kind, f64)] = &[
    ("ns", Kind::Seconds, 1e-9),
    ("µs", Kind::Seconds, 1e-6),
    ("μs", Kind::Seconds, 1e-6),
    ("ms", Kind::Seconds, 1e-3),
    ("s", Kind::Seconds, 1.0),
    ("KB", Kind::Bytes, 1e3),
    ("MB", Kind::Bytes, 1e6),
    ("GB", Kind::Bytes, 1e9),
    ("B", Kind::Bytes, 1.0),
    ("×", Kind::Ratio, 1.0),
];

fn unit(symbol: &str) -> Option<(Kind, f64)> {
    UNITS
        .iter()
        .find(|(s, _, _)| *s == symbol)
        .map(|&(_, kind, scale)| (kind, scale))
}

/// The chapter's prose, line by line (numbered from 1), with code blocks, include lines, code
/// spans and link targets blanked out.
fn prose(markdown: &str) -> Vec<(usize, String)> {
    let mut in_code_block = false;
    let mut lines = Vec::new();
    for (index, line) in markdown.lines().enumerate() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") {
            in_code_block = !in_code_block;
            continue;
        }
        if in_code_block || trimmed.starts_with("{{#") {
            continue;
        }
        lines.push((index + 1, blank_code_and_links(line)));
    }
    lines
}

fn blank_code_and_links(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut in_code = false;
    let mut in_link_target = false;
    let mut previous = '\0';
    for c in line.chars() {
        if c == '`' {
            in_code = !in_code;
            out.push(' ');
        } else if !in_code && previous == ']' && c == '(' {
            in_link_target = true;
            out.push(' ');
        } else if in_link_target && c == ')' {
            in_link_target = false;
            out.push(' ');
        } else if in_code || in_link_target {
            out.push(' ');
        } else {
            out.push(c);
        }
        previous = c;
    }
    out
}

/// A number found in the text: where it is, as written, and whether it carries a power.
struct Number {
    line: usize,
    start: usize,
    end: usize,
    digits: String,
    power: bool,
}

/// Every quoted measurement in `lines`, in order.
fn quoted_numbers(lines: &[(usize, String)]) -> Vec<Quoted> {
    // The prose as one text, so that "0.2 to" at the end of one line and "1 µs" at the start
    // of the next are read together.
    let mut text = String::new();
    let mut starts = Vec::new();
    for (line, content) in lines {
        starts.push((text.len(), *line));
        text.push_str(content);
        text.push('\n');
    }
    let line_at = |offset: usize| {
        let i = starts.partition_point(|&(start, _)| start <= offset) - 1;
        starts[i].1
    };

    let numbers = find_numbers(&text, line_at);
    let mut quoted = Vec::new();
    for (i, number) in numbers.iter().enumerate() {
        if number.power {
            continue;
        }
        let Some(symbol) = unit_after(&text[number.end..]) else {
            continue;
        };
        // The numbers before it that a range or a list joins to it take its unit.
        let mut first = i;
        while first > 0 {
            let before = &numbers[first - 1];
            if before.power
                || unit_after(&text[before.end..]).is_some()
                || !is_joiner(&text[before.end..numbers[first].start])
            {
                break;
            }
            first -= 1;
        }
        for joined in &numbers[first..=i] {
            quoted.push(Quoted {
                line: joined.line,
                digits: joined.digits.clone(),
                unit: symbol,
            });
        }
    }
    quoted
}

/// The numbers in `text`: digits with optional thousands commas and decimals, not glued to a
/// word (`u64`, `x86`) or to another number.
fn find_numbers(text: &str, line_at: impl Fn(usize) -> usize) -> Vec<Number> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut numbers = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        let glued = i > 0 && {
            let p = chars[i - 1].1;
            p.is_alphanumeric() || p == '_' || p == '.' || p == '-' || is_superscript(p)
        };
        if !c.is_ascii_digit() || glued {
            i += 1;
            continue;
        }
        let mut j = i;
        let mut digits = String::new();
        loop {
            while j < chars.len() && chars[j].1.is_ascii_digit() {
                digits.push(chars[j].1);
                j += 1;
            }
            // A comma or a point followed by a digit continues the number ("1,000", "2.5").
            let continues = j + 1 < chars.len()
                && (chars[j].1 == ',' || chars[j].1 == '.')
                && chars[j + 1].1.is_ascii_digit()
                && !(chars[j].1 == ',' && digits.contains('.'));
            if !continues {
                break;
            }
            digits.push(chars[j].1);
            j += 1;
        }
        let mut power = false;
        while j < chars.len() && is_superscript(chars[j].1) {
            power = true;
            j += 1;
        }
        let end = chars.get(j).map_or(text.len(), |&(offset, _)| offset);
        // Glued to a word ("2nd"), unless the word is a unit symbol ("200µs").
        let glued_after = chars.get(j).is_some_and(|&(_, c)| c.is_alphabetic())
            && unit_after(&text[end..]).is_none();
        if !glued_after || power {
            numbers.push(Number {
                line: line_at(start),
                start,
                end,
                digits,
                power,
            });
        }
        i = j.max(i + 1);
    }
    numbers
}

fn is_superscript(c: char) -> bool {
    matches!(
        c,
        '⁰' | '¹' | '²' | '³' | '⁴' | '⁵' | '⁶' | '⁷' | '⁸' | '⁹' | '⁻'
    )
}

/// The unit symbol that follows a number (after at most one space), if it is one of
/// [`UNITS`] and stands alone: not the start of a word ("4 seconds"), and for `×` not a
/// product ("2×10⁵").
fn unit_after(rest: &str) -> Option<&'static str> {
    let rest = rest
        .strip_prefix([' ', '\u{a0}', '\u{202f}'])
        .unwrap_or(rest);
    UNITS.iter().find_map(|&(symbol, _, _)| {
        let after = rest.strip_prefix(symbol)?;
        let next = after.chars().next();
        let stands_alone = match symbol {
            "×" => !next.is_some_and(|c| c.is_ascii_digit() || is_superscript(c)),
            _ => !next.is_some_and(|c| c.is_alphanumeric() || c == '_'),
        };
        stands_alone.then_some(symbol)
    })
}

/// Whether the text between two numbers joins them into a range or a list.
fn is_joiner(between: &str) -> bool {
    let words: Vec<&str> = between.split_whitespace().collect();
    matches!(
        words.as_slice(),
        ["to"] | ["and"] | ["or"] | ["against"] | ["–"] | [","] | [",", "and"]
    ) || between == "–"
}

/// The values of the CSV that the chapter may quote (see the module's documentation).
fn values_from_csv(path: &Path) -> Vec<Value> {
    let text =
        fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut lines = text.lines();
    let header: Vec<&str> = lines
        .next()
        .expect("the CSV has a header")
        .split(',')
        .collect();
    let column = |name: &str| {
        header
            .iter()
            .position(|h| *h == name)
            .unwrap_or_else(|| panic!("{} has no column `{name}`", path.display()))
    };
    let (case, n, samples) = (column("case"), column("n"), column("samples"));
    let (fastest, median) = (column("fastest_s"), column("median_s"));
    let (heap, rss) = (column("max_alloc_bytes"), column("peak_rss_bytes"));

    let mut values = Vec::new();
    let mut push = |kind, amount: Option<f64>| {
        if let Some(amount) = amount {
            values.push(Value { kind, amount });
        }
    };
    for row in lines.filter(|l| !l.trim().is_empty()) {
        let fields: Vec<&str> = row.split(',').collect();
        let number = |i: usize| fields.get(i).and_then(|f| f.trim().parse::<f64>().ok());
        let (n, fastest, median) = (number(n), number(fastest), number(median));
        push(Kind::Seconds, median);
        push(Kind::Seconds, fastest);
        if number(samples) == Some(2.0) {
            push(Kind::Seconds, median.zip(fastest).map(|(m, f)| 2.0 * m - f));
        }
        push(Kind::Bytes, number(rss));
        if fields.get(case) == Some(&"trivial") {
            let per_task = |total: Option<f64>| total.zip(n).map(|(t, n)| t / n);
            push(Kind::Seconds, per_task(median));
            push(Kind::Bytes, per_task(number(heap)));
            push(Kind::Bytes, per_task(number(rss)));
        }
    }
    values
}

/// Every number with a unit in the tables (`*.txt`) in `dir`, as written there.
fn values_from_tables(dir: &Path) -> Vec<Value> {
    let mut values = Vec::new();
    let mut tables: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "txt"))
        .collect();
    tables.sort();
    for table in tables {
        let text = fs::read_to_string(&table).unwrap();
        let lines: Vec<(usize, String)> = text
            .lines()
            .enumerate()
            .map(|(i, l)| (i + 1, l.to_string()))
            .collect();
        for quoted in quoted_numbers(&lines) {
            let (kind, scale) = unit(quoted.unit).unwrap();
            let amount: f64 = quoted.digits.replace(',', "").parse().unwrap();
            values.push(Value {
                kind,
                amount: amount * scale,
            });
        }
    }
    values
}
