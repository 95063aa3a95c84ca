//! The checks behind `cargo test`, which prove that what the book shows is what runs; used by
//! the test files in `tests/`, by `build.rs` (for skeptic) and by `cargo xtask`.
//!
//! - [`expand`]: the book as mdBook expands it (also used by `build.rs` for skeptic).
//! - [`book_check`]: the book builds, and every include, listing and chapter is accounted for.
//! - [`outputs`]: every program runs and prints exactly the output the book shows: the
//!   listings, their asyncio counterparts ([`asyncio`]) and their Try-it variants
//!   ([`variants`]), each held to its shape ([`shapes`]).
//! - [`programs`]: every program of the book, gathered, built and ready to run.
//! - [`quizzes`]: the quizzes at the end of the chapters, and the proof of their `Tracing`
//!   answers.
//! - [`bless`]: writes the programs' expected outputs (`cargo xtask bless`).
//! - [`workspace`]: where things are, and the cargo that builds them.

pub mod asyncio;
pub mod bless;
pub mod book_check;
pub mod expand;
pub mod outputs;
pub mod programs;
pub mod quizzes;
pub mod shapes;
pub mod variants;
pub mod workspace;

use std::path::{Component, Path, PathBuf};

pub use workspace::repo_root;

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
