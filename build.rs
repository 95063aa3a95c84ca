//! Generates one skeptic test per Rust code block of the book, from the chapters as mdBook
//! expands them (includes, anchors and hidden lines as the reader gets them).

use std::fs;
use std::path::{Path, PathBuf};

use book_checks::expand;

fn main() {
    for watched in ["book.toml", "listings/src", "listings/asyncio"] {
        println!("cargo::rerun-if-changed={watched}");
    }
    // Everything under src/ but the script and styles mdbook-quiz copies there each time it
    // renders the book (`cargo xtask build`, `serve`): they are not the book's, and watching
    // them would make the next `cargo test` rebuild every test of this package. (A chapter
    // added to the book changes SUMMARY.md, which is watched.)
    for entry in fs::read_dir("src").into_iter().flatten().flatten() {
        if entry.file_name() != book_checks::quizzes::ASSETS {
            println!("cargo::rerun-if-changed={}", entry.path().display());
        }
    }
    // The target skeptic compiles the snippets for, for the tests of skeptic's checks.
    println!(
        "cargo::rustc-env=BOOK_TARGET={}",
        std::env::var("TARGET").unwrap()
    );
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("expanded-book");
    let chapters = match expand::expand_book(&root) {
        Ok(chapters) => chapters,
        Err(error) => {
            // Don't break the build: tests/book.rs reports the same error as a failing test,
            // with context, while the other tests still run.
            println!("cargo::warning=the book does not load, so skeptic has no snippets: {error}");
            Vec::new()
        }
    };
    fs::create_dir_all(&out_dir).unwrap();
    let files: Vec<PathBuf> = chapters
        .iter()
        .map(|chapter| {
            let path = out_dir.join(chapter.flat_file_name());
            write_if_changed(&path, &chapter.markdown);
            path
        })
        .collect();
    // skeptic writes `$OUT_DIR/skeptic-tests.rs`, which tests/skeptic.rs includes; given no
    // file at all it writes nothing, so leave an empty suite for it to include.
    if files.is_empty() {
        write_if_changed(&out_dir.with_file_name("skeptic-tests.rs"), "");
    }
    skeptic::generate_doc_tests(&files);
}

/// Leaves an unchanged file alone, so that its timestamp does not make cargo rerun this
/// script on the next build.
fn write_if_changed(path: &Path, contents: &str) {
    if fs::read_to_string(path).ok().as_deref() != Some(contents) {
        fs::write(path, contents).unwrap();
    }
}
