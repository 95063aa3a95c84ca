//! The shape of each program's output, from its one home: `listings/shapes.toml`.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

use serde::Deserialize;

use crate::outputs::{Order, Run, check_arrive_apart, check_arrive_together};

/// The lines the timing checks are about.
pub const TASK_LINE: &str = ">Task";
/// Concurrent task lines arrive within this window of each other.
pub const WINDOW: Duration = Duration::from_millis(250);
/// Sequential task lines arrive at least this far apart (the tasks sleep one second each).
pub const SEQUENTIAL_GAP: Duration = Duration::from_millis(900);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Shape {
    Concurrent,
    Sequential,
    Unordered,
    Exact,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub shape: Shape,
    /// The title of its timeline figure, if `cargo xtask timelines` draws one.
    pub timeline: Option<String>,
    /// Why an `exact` listing's task lines are not timed.
    pub why: Option<String>,
}

/// Every declared shape, by listing name.
#[derive(Debug, Clone, Default)]
pub struct Shapes(pub BTreeMap<String, Entry>);

impl Shapes {
    /// Reads the table; a malformed file is an error naming it.
    pub fn load(path: &Path) -> Result<Shapes, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
        toml::from_str(&text)
            .map(Shapes)
            .map_err(|e| format!("{}: {e}", path.display()))
    }

    pub fn get(&self, listing: &str) -> Option<&Entry> {
        self.0.get(listing)
    }

    /// Whether `listing` is slow enough that a warm run may skip it.
    pub fn is_slow(&self, listing: &str) -> bool {
        self.shape(listing) == Some(Shape::Sequential)
    }

    pub fn shape(&self, listing: &str) -> Option<Shape> {
        self.get(listing).map(|entry| entry.shape)
    }

    pub fn order(&self, listing: &str) -> Order {
        match self.shape(listing) {
            Some(Shape::Unordered) => Order::Any,
            _ => Order::Exact,
        }
    }

    /// The timing check of `listing`'s shape, on a run of it.
    pub fn check_timing(&self, listing: &str, run: &Run) -> Result<(), String> {
        match self.shape(listing) {
            Some(Shape::Concurrent) => check_arrive_together(run, TASK_LINE, WINDOW),
            Some(Shape::Sequential) => check_arrive_apart(run, TASK_LINE, SEQUENTIAL_GAP),
            _ => Ok(()),
        }
    }

    /// A listing whose expected output has task lines must declare its shape: otherwise a new
    /// concurrency listing would go untimed without anyone deciding so.
    pub fn check_declared(
        &self,
        listing: &str,
        expected_output: &str,
        table: &Path,
    ) -> Result<(), String> {
        let prints_tasks = expected_output
            .lines()
            .any(|line| line.starts_with(TASK_LINE));
        if prints_tasks && self.get(listing).is_none() {
            Err(format!(
                "listing `{listing}` prints `{TASK_LINE}` lines, but {} declares no shape for \
                 it: add `[{listing}]` with `shape = \"concurrent\"` (or another shape the file \
                 describes)",
                table.display()
            ))
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_listing_with_task_lines_and_no_shape_is_refused() {
        let shapes: Shapes =
            Shapes(toml::from_str("[declared]\nshape = \"concurrent\"\n").unwrap());
        let table = Path::new("listings/shapes.toml");

        assert!(
            shapes
                .check_declared("declared", ">Task 0 done\n", table)
                .is_ok()
        );
        assert!(shapes.check_declared("no_tasks", "Done.\n", table).is_ok());
        let error = shapes
            .check_declared("forgotten", ">Task 0 done\nDone.\n", table)
            .unwrap_err();
        assert!(
            error.contains("listing `forgotten` prints `>Task` lines"),
            "{error}"
        );
        assert!(error.contains("listings/shapes.toml"), "{error}");
    }

    #[test]
    fn an_unknown_shape_or_key_is_refused() {
        let work = tempfile::tempdir().unwrap();
        let table = work.path().join("shapes.toml");
        std::fs::write(&table, "[x]\nshape = \"parallel\"\n").unwrap();
        assert!(Shapes::load(&table).unwrap_err().contains("shapes.toml"));
        std::fs::write(&table, "[x]\nshape = \"exact\"\ntimline = \"typo\"\n").unwrap();
        assert!(Shapes::load(&table).is_err());
    }
}
