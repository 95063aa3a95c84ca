//! The Try-it variants: a bullet of a chapter's "Try it" list that states an outcome is backed
//! by `listings/try-it/LISTING/SLUG.patch`, a unified diff from `listings/src/bin/LISTING.rs`
//! to the changed program, and `SLUG.txt`, what the changed program prints. The listings
//! crate's build script applies the patches and builds the `try-it` program, which runs a
//! variant by name (`try-it LISTING/SLUG`).

use std::path::{Path, PathBuf};

use crate::outputs::Listing;

/// One variant, and where the book shows it.
#[derive(Debug, Clone)]
pub struct Variant {
    /// `LISTING/SLUG`: what the `try-it` program is given to run it.
    pub id: String,
    pub listing: PathBuf,
    pub patch: PathBuf,
    pub expected_output: PathBuf,
    /// The chapter, line and bullet that show it, e.g. `src/tasks.md:40 (Try it: "Drop it")`.
    pub shown_in: String,
}

impl Variant {
    pub fn as_listing(&self) -> Listing {
        Listing {
            name: format!("try-it/{}", self.id),
            source: self.patch.clone(),
            expected_output: self.expected_output.clone(),
        }
    }

    /// The changed program, or why the patch no longer applies (the listing changed since).
    pub fn apply(&self) -> Result<String, String> {
        let read = |path: &Path| {
            std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
        };
        let stale = |e: &dyn std::fmt::Display| {
            format!(
                "the Try-it variant `{}` shown at {} is stale: {} does not apply to {}: {e}. \
                 Make the change again on the listing as it is now, and rewrite the patch \
                 (`diff -u`)",
                self.id,
                self.shown_in,
                self.patch.display(),
                self.listing.display()
            )
        };
        let patch_text = read(&self.patch)?;
        let patch = diffy::Patch::from_str(&patch_text).map_err(|e| stale(&e))?;
        diffy::apply(&read(&self.listing)?, &patch).map_err(|e| stale(&e))
    }
}

/// Finds every variant under `try_it` (`LISTING/SLUG.patch`), each with its expected output
/// (`SLUG.txt`), its listing in `listings`, and the place in the chapters under `src` that
/// shows it. A patch of a listing that does not exist is reported.
pub fn find_variants(
    try_it: &Path,
    listings: &Path,
    src: &Path,
) -> Result<Vec<Variant>, Vec<String>> {
    let chapters = read_chapters(src);
    let mut variants = Vec::new();
    let mut problems = Vec::new();
    for patch in patches_below(try_it) {
        let slug = patch.file_stem().unwrap().to_string_lossy().into_owned();
        let folder = patch.parent().unwrap();
        let listing_name = folder.file_name().unwrap().to_string_lossy().into_owned();
        let id = format!("{listing_name}/{slug}");
        let expected_output = patch.with_extension("txt");
        let listing = listings.join(format!("{listing_name}.rs"));
        let shown_in = shown_in(&chapters, &format!("try-it/{id}.txt"))
            .unwrap_or_else(|| "no chapter".to_owned());
        if !listing.exists() {
            problems.push(format!(
                "{}: the Try-it variant `{id}` changes a listing that does not exist: {}",
                patch.display(),
                listing.display()
            ));
        } else {
            variants.push(Variant {
                id,
                listing,
                patch,
                expected_output,
                shown_in,
            });
        }
    }
    if problems.is_empty() {
        Ok(variants)
    } else {
        Err(problems)
    }
}

fn patches_below(dir: &Path) -> Vec<PathBuf> {
    let mut patches: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|entry| entry.path().is_dir())
        .flat_map(|entry| {
            std::fs::read_dir(entry.path())
                .into_iter()
                .flatten()
                .flatten()
        })
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "patch"))
        .collect();
    patches.sort();
    patches
}

/// Every chapter under `src`: its path as messages show it, and its text.
fn read_chapters(src: &Path) -> Vec<(String, String)> {
    let mut chapters = Vec::new();
    let mut pending = vec![src.to_owned()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|ext| ext == "md") {
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                let shown = crate::shown(&path, src.parent().unwrap_or(src));
                chapters.push((shown, text));
            }
        }
    }
    chapters.sort();
    chapters
}

/// `chapter:line (Try it: "bullet")` for the first chapter line that includes `needle`.
fn shown_in(chapters: &[(String, String)], needle: &str) -> Option<String> {
    chapters.iter().find_map(|(file, text)| {
        let lines: Vec<&str> = text.lines().collect();
        let at = lines.iter().position(|line| line.contains(needle))?;
        let bullet = lines[..at]
            .iter()
            .rev()
            .find_map(|line| line.strip_prefix("- **"))
            .and_then(|rest| rest.split("**").next())
            .unwrap_or("?");
        Some(format!("{file}:{} (Try it: \"{bullet}\")", at + 1))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture() -> PathBuf {
        crate::repo_root().join("tests/fixtures/try-it")
    }

    fn variants_of(book: &str) -> Vec<Variant> {
        let root = fixture().join(book);
        find_variants(&root.join("try-it"), &root.join("bin"), &root.join("src")).unwrap()
    }

    #[test]
    fn a_variant_applies_to_its_listing() {
        let variants = variants_of("fresh");
        assert_eq!(variants.len(), 1);
        let changed = variants[0].apply().unwrap();
        assert!(changed.contains("for value in (0..3).rev()"), "{changed}");
    }

    #[test]
    fn a_stale_variant_names_the_chapter_and_the_bullet() {
        let variants = variants_of("stale");
        let error = variants[0].apply().unwrap_err();
        assert!(
            error.contains("the Try-it variant `hello/reverse`"),
            "{error}"
        );
        assert!(
            error.contains("src/chapter.md:8 (Try it: \"Count down.\")"),
            "{error}"
        );
        assert!(error.contains("is stale"), "{error}");
    }
}
