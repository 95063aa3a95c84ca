//! Checks that mdBook alone would let pass: mdBook logs an include of a missing file and still
//! exits 0, leaving the raw `{{#include}}` on the page.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use mdbook_driver::MDBook;

use crate::expand::{self, ExpandedChapter, QUIZ_PREPROCESSOR};
use crate::{quizzes, shown};

/// Where a book's parts are.
pub struct BookLayout {
    /// The folder holding `book.toml`.
    pub root: PathBuf,
    /// The folders whose files every chapter must account for (our listings, their asyncio
    /// programs and their Try-it variants).
    pub listings: Vec<PathBuf>,
}

/// Every problem found, one line each, starting with the file (and line) it is about.
pub fn check_book(layout: &BookLayout) -> Vec<String> {
    let book = match expand::load_book(&layout.root) {
        Ok(book) => book,
        Err(e) => {
            return vec![format!(
                "{}: the book does not load: {e}",
                layout.root.join("book.toml").display()
            )];
        }
    };
    let src = layout.root.join(&book.config.book.src);
    let chapters: Vec<Chapter> = match expand::expand(&book) {
        Ok(expanded) => expanded
            .into_iter()
            .map(|c| Chapter::read(&src, c))
            .collect(),
        Err(e) => return vec![e],
    };
    let out = tempfile::tempdir().expect("cannot make a temporary folder");
    let mut problems = build_html(book, out.path());
    let built = problems.is_empty();
    // With one renderer, mdBook writes the HTML into the build folder itself; with several, each
    // into a folder of its own.
    let html = match out.path().join("html") {
        html if html.is_dir() => html,
        _ => out.path().to_owned(),
    };
    problems.extend(unlisted_chapters(&src, &chapters, &layout.root));
    problems.extend(unexpanded_directives(&chapters, &layout.root));
    problems.extend(orphan_files(&src, &chapters, layout));
    problems.extend(broken_links(&chapters, &layout.root));
    if built {
        problems.extend(broken_fragments(&src, &html, &chapters, &layout.root));
    }
    problems.extend(broken_quiz_links(
        &src,
        built.then_some(html.as_path()),
        &chapters,
        &layout.root,
    ));
    problems
}

/// A chapter as the checks need it: its file, the markdown the author wrote, and the markdown
/// mdBook made of it.
struct Chapter {
    file: PathBuf,
    raw: String,
    expanded: String,
}

impl Chapter {
    fn read(src: &Path, expanded: ExpandedChapter) -> Self {
        let file = src.join(&expanded.source);
        // mdBook has just loaded this file, so it is there to read.
        let raw = fs::read_to_string(&file).expect("a chapter mdBook loaded is readable");
        Chapter {
            file,
            raw,
            expanded: expanded.markdown,
        }
    }

    /// The folder relative paths in the chapter start from.
    fn dir(&self) -> &Path {
        self.file.parent().unwrap()
    }
}

/// Renders the book to HTML in a temporary folder, as `mdbook build` would.
fn build_html(mut book: MDBook, out: &Path) -> Vec<String> {
    book.config.build.build_dir = out.to_owned();
    match book.build() {
        Ok(()) => Vec::new(),
        Err(e) => vec![format!("the book does not build to HTML: {e:#}")],
    }
}

/// Markdown files under `src/` that `SUMMARY.md` does not list: a reader never reaches them.
fn unlisted_chapters(src: &Path, chapters: &[Chapter], root: &Path) -> Vec<String> {
    let listed: BTreeSet<&PathBuf> = chapters.iter().map(|c| &c.file).collect();
    files_below(src)
        .into_iter()
        .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
        .filter(|path| path.file_name().is_some_and(|name| name != "SUMMARY.md"))
        .filter(|path| !listed.contains(&path))
        .map(|path| {
            format!(
                "{}: this chapter is not listed in SUMMARY.md",
                shown(&path, root)
            )
        })
        .collect()
}

/// `{{#…}}` left in a chapter after preprocessing: mdBook could not expand it. A
/// `{{#quiz …}}` is left on purpose (the checks load the book without mdbook-quiz, see
/// [`expand::load_book`]): its quiz file must exist and be one mdbook-quiz can read.
fn unexpanded_directives(chapters: &[Chapter], root: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    for chapter in chapters {
        for (expanded_line, text) in chapter.expanded.lines().enumerate() {
            for directive in directives(text) {
                // Point at the directive in the file the author edits.
                let line = line_of(&chapter.raw, &directive.text).unwrap_or(expanded_line + 1);
                let target = chapter.dir().join(&directive.path);
                if directive.kind == QUIZ_PREPROCESSOR {
                    let problem = match quizzes::parse(&target) {
                        Ok(_) => continue,
                        Err(_) if !target.exists() => {
                            format!("{} does not exist", shown(&target, root))
                        }
                        Err(e) => format!("{}: {e}", shown(&target, root)),
                    };
                    problems.push(format!(
                        "{}:{line}: `{}`: {problem}",
                        shown(&chapter.file, root),
                        directive.text
                    ));
                    continue;
                }
                let reason = if target.exists() {
                    "mdBook could not expand it".to_owned()
                } else {
                    format!("{} does not exist", shown(&target, root))
                };
                problems.push(format!(
                    "{}:{line}: `{}` was left in the page: {reason}",
                    shown(&chapter.file, root),
                    directive.text
                ));
            }
        }
    }
    problems
}

/// Files that no chapter shows: a listing or expected output in the listings folder that no
/// chapter includes, or a figure or data file under `src/` that no chapter includes or links.
fn orphan_files(src: &Path, chapters: &[Chapter], layout: &BookLayout) -> Vec<String> {
    let referenced: BTreeSet<PathBuf> = chapters
        .iter()
        .flat_map(|chapter| {
            let included = directives(&chapter.raw).into_iter().map(|d| d.path);
            let linked = chapter.raw.lines().flat_map(relative_link_targets);
            included
                .chain(linked)
                .filter_map(|target| chapter.dir().join(target).canonicalize().ok())
                .collect::<Vec<_>>()
        })
        .collect();
    let generated = src.join(quizzes::ASSETS);
    let assets = files_below(src)
        .into_iter()
        .filter(|path| path.extension().is_none_or(|ext| ext != "md"))
        .filter(|path| !path.starts_with(&generated));
    layout
        .listings
        .iter()
        .flat_map(|folder| files_below(folder))
        .chain(assets)
        .filter(|path| !referenced.contains(&path.canonicalize().unwrap()))
        .map(|path| {
            format!(
                "{}: no chapter includes or links this file",
                shown(&path, &layout.root)
            )
        })
        .collect()
}

/// Relative links and images whose target is missing: a link to a page that is not a chapter
/// (mdBook renders only the chapters in SUMMARY.md), or a figure that does not exist.
fn broken_links(chapters: &[Chapter], root: &Path) -> Vec<String> {
    let pages: BTreeSet<&PathBuf> = chapters.iter().map(|c| &c.file).collect();
    let mut problems = Vec::new();
    for chapter in chapters {
        for (index, line) in chapter.raw.lines().enumerate() {
            for target in relative_link_targets(line) {
                let path = chapter.dir().join(&target);
                let missing = if target.ends_with(".md") {
                    !pages.contains(&path)
                } else {
                    !path.exists()
                };
                if missing {
                    problems.push(format!(
                        "{}:{}: the link to `{target}` leads nowhere: {} is not {}",
                        shown(&chapter.file, root),
                        index + 1,
                        shown(&path, root),
                        if target.ends_with(".md") {
                            "a chapter of the book"
                        } else {
                            "a file"
                        },
                    ));
                }
            }
        }
    }
    problems
}

/// The targets of the markdown links and images `[text](target)` in `line` that point into
/// the book itself: no scheme, no bare `#fragment`, and the `#fragment` cut off.
fn relative_link_targets(line: &str) -> Vec<String> {
    internal_links(line)
        .into_iter()
        .filter_map(|(page, _)| (!page.is_empty()).then_some(page))
        .collect()
}

/// The links of `line` that point into the book, as (page, fragment): the page is empty for a
/// link within the same page (`#fragment`).
fn internal_links(line: &str) -> Vec<(String, Option<String>)> {
    line.match_indices("](")
        .filter_map(|(start, _)| {
            let rest = &line[start + 2..];
            let target = rest[..rest.find(')')?].trim();
            let external = target.contains("://") || target.starts_with("mailto:");
            if external || target.is_empty() {
                return None;
            }
            let (page, fragment) = match target.split_once('#') {
                Some((page, fragment)) => (page, Some(fragment.to_owned())),
                None => (target, None),
            };
            Some((page.to_owned(), fragment))
        })
        .collect()
}

/// Links to a heading (`page.md#heading`, `#heading`) whose page has no element with that id:
/// the heading was renamed, or never was. Checked against the rendered HTML, where mdBook
/// gives each heading its id.
fn broken_fragments(src: &Path, html: &Path, chapters: &[Chapter], root: &Path) -> Vec<String> {
    let ids_of = |chapter: &Path| ids_in_page(src, html, chapter);
    let mut problems = Vec::new();
    for chapter in chapters {
        for (index, line) in chapter.raw.lines().enumerate() {
            for (page, fragment) in internal_links(line) {
                let Some(fragment) = fragment else { continue };
                let target = if page.is_empty() {
                    chapter.file.clone()
                } else {
                    chapter.dir().join(&page)
                };
                // A link to a page that is not a chapter is reported by `broken_links`.
                if !chapters.iter().any(|c| c.file == target) {
                    continue;
                }
                if !ids_of(&target).contains(&fragment) {
                    problems.push(format!(
                        "{}:{}: the link to `{page}#{fragment}` leads to no heading: {} has no \
                         `#{fragment}` (was the heading renamed?)",
                        shown(&chapter.file, root),
                        index + 1,
                        shown(&target, root),
                    ));
                }
            }
        }
    }
    problems
}

/// The ids of the elements of `chapter`'s page in the rendered book at `html`: the targets a
/// `#fragment` can reach (mdBook gives each heading one).
fn ids_in_page(src: &Path, html: &Path, chapter: &Path) -> BTreeSet<String> {
    let page = html.join(chapter.strip_prefix(src).unwrap().with_extension("html"));
    let text = fs::read_to_string(page).unwrap_or_default();
    text.match_indices(" id=\"")
        .filter_map(|(at, found)| {
            let rest = &text[at + found.len()..];
            Some(rest[..rest.find('"')?].to_owned())
        })
        .collect()
}

/// Links in the explanations (`context`) of the quizzes a chapter shows, which lead nowhere: to
/// a page that is not a chapter, or (once the book is rendered, `html`) to a heading the page
/// does not have. A quiz is rendered in the reader's browser, inside the chapter's page, so its
/// links are relative to that page and must name the HTML page (`tasks.html#heading`): nothing
/// turns a `.md` link into `.html` there.
fn broken_quiz_links(
    src: &Path,
    html: Option<&Path>,
    chapters: &[Chapter],
    root: &Path,
) -> Vec<String> {
    let mut problems = Vec::new();
    for chapter in chapters {
        let shown_quizzes = directives(&chapter.raw)
            .into_iter()
            .filter(|d| d.kind == QUIZ_PREPROCESSOR);
        for directive in shown_quizzes {
            let file = chapter.dir().join(&directive.path);
            // A quiz that does not parse is reported by `unexpanded_directives`.
            let Ok(quiz) = quizzes::parse(&file) else {
                continue;
            };
            for (index, question) in quiz.questions.iter().enumerate() {
                let context = quizzes::context(question).unwrap_or_default();
                for target in quizzes::links(context) {
                    let (page, fragment) = match target.split_once('#') {
                        Some((page, fragment)) => (page, Some(fragment)),
                        None => (target.as_str(), None),
                    };
                    let page_file = if page.is_empty() {
                        chapter.file.clone()
                    } else {
                        chapter.dir().join(page).with_extension("md")
                    };
                    let problem = if page.ends_with(".md") {
                        format!(
                            "a quiz is rendered in the browser, where nothing turns `.md` into \
                             `.html`: write `{}`",
                            target.replacen(".md", ".html", 1)
                        )
                    } else if !page.is_empty() && !page.ends_with(".html") {
                        "a link in a quiz leads to a chapter's page, `page.html#heading`".to_owned()
                    } else if !chapters.iter().any(|c| c.file == page_file) {
                        format!("{} is not a chapter of the book", shown(&page_file, root))
                    } else if let (Some(html), Some(fragment)) = (html, fragment)
                        && !ids_in_page(src, html, &page_file).contains(fragment)
                    {
                        format!(
                            "{} has no `#{fragment}` (was the heading renamed?)",
                            shown(&page_file, root)
                        )
                    } else {
                        continue;
                    };
                    problems.push(format!(
                        "{}: the link to `{target}` in its `context` leads nowhere: {problem}",
                        quizzes::describe(&file, index, question, root)
                    ));
                }
            }
        }
    }
    problems
}

/// An mdBook `{{#name path[:anchor]}}` directive as written in a chapter.
struct Directive {
    text: String,
    /// `include`, `rustdoc_include`, `quiz`, …
    kind: String,
    path: String,
}

/// The directives in `text`. Only their path is read here, to name the file in a message:
/// expanding them is left to mdBook.
fn directives(text: &str) -> Vec<Directive> {
    text.match_indices("{{#")
        .filter_map(|(start, _)| {
            let end = start + text[start..].find("}}")? + 2;
            let directive = &text[start..end];
            let mut words = directive[3..directive.len() - 2].split_whitespace();
            let kind = words.next()?.to_owned();
            let path = words.next()?.split(':').next()?.to_owned();
            Some(Directive {
                text: directive.to_owned(),
                kind,
                path,
            })
        })
        .collect()
}

fn line_of(text: &str, needle: &str) -> Option<usize> {
    text.lines()
        .position(|line| line.contains(needle))
        .map(|i| i + 1)
}

fn files_below(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_owned()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                // Python's byte-code cache, left by running an asyncio program: not the book's.
                if entry.file_name() != "__pycache__" {
                    pending.push(path);
                }
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}
