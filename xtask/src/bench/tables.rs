//! The chapter's tables, as markdown, from the results: time per task, memory per task, and
//! the sleeping case.

use std::fmt::Write as _;

use bench::{Trivial, ways};

use super::results::{CT, LOOP, MT, Results, Row};

/// Time per task of the trivial case: both runtimes, the asyncio counterpart, their ratio.
pub fn time(results: &Results) -> String {
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
pub fn memory(results: &Results) -> String {
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
pub fn sleeping(results: &Results, floor_s: f64) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_written_with_thousands_separators() {
        assert_eq!(count(100), "100");
        assert_eq!(count(1_000), "1,000");
        assert_eq!(count(1_000_000), "1,000,000");
    }
}
