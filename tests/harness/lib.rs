//! The checks behind `cargo test`, shared by the test files in `tests/` (and their fixtures).
//!
//! - [`expand`]: the book as mdBook expands it (also used by `build.rs` for skeptic).
//! - [`book_check`]: the book builds, and every include, listing and chapter is accounted for.
//! - [`outputs`]: every listing runs and prints exactly the output the book shows.

pub mod book_check;
pub mod expand;
pub mod outputs;

use std::path::{Component, Path, PathBuf};

/// The repository's root: the book, `listings/` and `tests/` are below it.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `path` as it should appear in a message: without `..` steps, and relative to `base` when
/// it is below it.
pub fn shown(path: &Path, base: &Path) -> String {
    let mut clean = PathBuf::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                clean.pop();
            }
            other => clean.push(other),
        }
    }
    clean
        .strip_prefix(base)
        .unwrap_or(&clean)
        .display()
        .to_string()
}
