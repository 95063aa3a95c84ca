//! The results: one row per measured case, kept in `results.csv`, and found by what was
//! measured.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

/// The runtimes of the rows: tokio's two, and asyncio's event loop.
pub const CT: &str = "current_thread";
pub const MT: &str = "multi_thread";
pub const LOOP: &str = "event_loop";

/// One measured case: a way, on a runtime (or asyncio's event loop), over `n` tasks. The
/// field names are the CSV's column names; an empty cell is `None`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Row {
    /// `trivial` or `sleeping`.
    pub case: String,
    /// `tokio` or `asyncio`.
    pub implementation: String,
    pub way: String,
    /// [`CT`], [`MT`] or [`LOOP`].
    pub runtime: String,
    pub n: u64,
    pub samples: u32,
    /// Seconds per run (all n tasks).
    pub fastest_s: f64,
    pub median_s: f64,
    /// Bytes allocated per run, and the most bytes allocated at once (divan; tokio only).
    pub alloc_bytes: Option<f64>,
    pub max_alloc_bytes: Option<f64>,
    /// Growth of the process's peak resident memory (VmHWM) over one run.
    pub peak_rss_bytes: Option<u64>,
}

pub fn write_csv(path: &Path, rows: &[Row]) -> Result<(), String> {
    let error = |e: csv::Error| format!("{}: {e}", path.display());
    let mut writer = csv::Writer::from_path(path).map_err(error)?;
    rows.iter()
        .try_for_each(|row| writer.serialize(row))
        .map_err(error)?;
    writer
        .flush()
        .map_err(|e| format!("{}: {e}", path.display()))
}

pub fn read_csv(path: &Path) -> Result<Vec<Row>, String> {
    let error = |e: csv::Error| format!("{}: {e}", path.display());
    let mut reader = csv::Reader::from_path(path).map_err(error)?;
    reader
        .deserialize()
        .collect::<Result<_, _>>()
        .map_err(error)
}

/// The rows, found by (case, way, runtime, n).
pub struct Results(BTreeMap<(String, String, String, u64), Row>);

impl Results {
    pub fn new(rows: &[Row]) -> Results {
        let key = |r: &Row| (r.case.clone(), r.way.clone(), r.runtime.clone(), r.n);
        Results(rows.iter().map(|r| (key(r), r.clone())).collect())
    }

    pub fn get(&self, case: &str, way: &str, runtime: &str, n: u64) -> Option<&Row> {
        self.0
            .get(&(case.to_owned(), way.to_owned(), runtime.to_owned(), n))
    }

    /// The values of N measured for `case`, smallest first.
    pub fn sizes(&self, case: &str) -> Vec<u64> {
        let mut sizes: Vec<u64> = self.0.keys().filter(|k| k.0 == case).map(|k| k.3).collect();
        sizes.sort_unstable();
        sizes.dedup();
        sizes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(implementation: &str, alloc_bytes: Option<f64>, peak: Option<u64>) -> Row {
        Row {
            case: "trivial".into(),
            implementation: implementation.into(),
            way: "gather".into(),
            runtime: LOOP.into(),
            n: 1_000_000,
            samples: 1,
            fastest_s: 8.1e-3,
            median_s: 1.3100000000000002e-3,
            alloc_bytes,
            max_alloc_bytes: alloc_bytes.map(|b| b / 3.0),
            peak_rss_bytes: peak,
        }
    }

    #[test]
    fn rows_survive_the_csv() {
        let rows = vec![
            row("tokio", Some(96_290.0), Some(118_784)),
            row("asyncio", None, Some(111_816_704)),
            row("asyncio", None, None),
        ];
        let path = std::env::temp_dir().join(format!("xtask-results-{}.csv", std::process::id()));

        write_csv(&path, &rows).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        let back = read_csv(&path);
        std::fs::remove_file(&path).unwrap();

        assert_eq!(back.unwrap(), rows);
        assert!(
            text.starts_with(
                "case,implementation,way,runtime,n,samples,fastest_s,median_s,\
                 alloc_bytes,max_alloc_bytes,peak_rss_bytes\n"
            ),
            "{text}"
        );
    }

    #[test]
    fn the_committed_results_are_read() {
        let rows = read_csv(&crate::repo_root().join("src/bench/results.csv")).unwrap();
        let results = Results::new(&rows);

        assert_eq!(
            results.sizes("trivial"),
            [1_000, 10_000, 100_000, 1_000_000]
        );
        let gather = results.get("trivial", "gather", LOOP, 1_000).unwrap();
        assert_eq!(
            (gather.implementation.as_str(), gather.alloc_bytes),
            ("asyncio", None)
        );
        assert!(gather.peak_rss_bytes.is_some());
    }
}
