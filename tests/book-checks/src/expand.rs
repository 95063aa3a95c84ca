//! The book as mdBook expands it: `{{#include}}` and anchors resolved by mdBook's own
//! preprocessors, so what we test is byte for byte what the reader sees.
//!
//! `build.rs` uses this file too (through `#[path]`), to hand skeptic the expanded chapters.

use std::path::{Path, PathBuf};

use mdbook_driver::MDBook;
use mdbook_driver::book::BookItem;
use mdbook_driver::builtin_renderers::MarkdownRenderer;
use mdbook_driver::config::Config;

/// One chapter after preprocessing.
pub struct ExpandedChapter {
    /// The chapter's file, relative to the book's `src/` folder.
    pub source: PathBuf,
    /// Its markdown with every include expanded.
    pub markdown: String,
}

/// Loads the book at `root` and runs mdBook's preprocessors over it.
pub fn expand_book(root: &Path) -> Result<Vec<ExpandedChapter>, String> {
    let book = load_book(root).map_err(|e| format!("{}: {e}", root.display()))?;
    expand(&book)
}

/// Loads the book at `root` as `MDBook::load` does (`book.toml`, then the `MDBOOK_…`
/// environment variables), but without the quiz preprocessor: `cargo test` must not need the
/// `mdbook-quiz` program, which `cargo xtask` installs only for the commands that render the
/// book for readers. Its `{{#quiz …}}` lines stay in the chapters, and the checks check the
/// quiz files themselves (see [`crate::quizzes`]).
pub fn load_book(root: &Path) -> Result<MDBook, String> {
    let file = root.join("book.toml");
    let text = std::fs::read_to_string(&file).map_err(|e| format!("{e}"))?;
    let mut table: toml::Table = text.parse().map_err(|e| format!("{e}"))?;
    if let Some(toml::Value::Table(preprocessors)) = table.get_mut("preprocessor") {
        preprocessors.remove(QUIZ_PREPROCESSOR);
    }
    let mut config: Config = toml::to_string(&table)
        .map_err(|e| format!("{e}"))?
        .parse()
        .map_err(|e| format!("{e:#}"))?;
    config.update_from_env().map_err(|e| format!("{e:#}"))?;
    MDBook::load_with_config(root, config).map_err(|e| format!("{e:#}"))
}

/// The name of mdbook-quiz's preprocessor: `[preprocessor.quiz]` in `book.toml`.
pub const QUIZ_PREPROCESSOR: &str = "quiz";

/// Runs mdBook's preprocessors over a loaded book.
pub fn expand(book: &MDBook) -> Result<Vec<ExpandedChapter>, String> {
    let (book, _) = book
        .preprocess_book(&MarkdownRenderer::new())
        .map_err(|e| format!("{}: preprocessing failed: {e:#}", book.root.display()))?;
    Ok(book
        .iter()
        .filter_map(|item| match item {
            BookItem::Chapter(chapter) => Some(ExpandedChapter {
                source: chapter.source_path.clone()?,
                markdown: chapter.content.clone(),
            }),
            _ => None,
        })
        .collect())
}

impl ExpandedChapter {
    /// A file name for the expanded copy that no other chapter shares: skeptic names its
    /// tests after the file stem, so `a/intro.md` and `b/intro.md` must not both be `intro`.
    pub fn flat_file_name(&self) -> String {
        self.source
            .with_extension("")
            .to_string_lossy()
            .replace(['/', '\\'], "__")
            + ".md"
    }
}
