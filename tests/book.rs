//! The book builds to HTML, and every include, listing, output file and chapter is accounted
//! for. mdBook alone logs a missing include and exits 0: these checks turn it into a failure.

use std::path::PathBuf;

use book_checks::book_check::{BookLayout, check_book};
use book_checks::repo_root;

#[test]
fn the_book_builds_and_accounts_for_every_file() {
    let root = repo_root();
    let listings = [
        "listings/src/bin",
        "listings/asyncio",
        "listings/try-it",
        "quizzes",
    ];
    let layout = BookLayout {
        listings: listings.iter().map(|folder| root.join(folder)).collect(),
        root,
    };

    let problems = check_book(&layout);

    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

// The checks must be able to fail: each fixture under tests/fixtures/books/ is a small book
// with one thing wrong, and the check must name the file (and line) at fault.

fn problems_of(fixture: &str) -> Vec<String> {
    let root: PathBuf = repo_root().join("tests/fixtures/books").join(fixture);
    check_book(&BookLayout {
        listings: vec![root.join("listings")],
        root,
    })
}

#[test]
fn a_missing_include_is_reported_with_chapter_line_and_file() {
    assert_eq!(
        problems_of("missing_include"),
        [
            "src/chapter.md:5: `{{#include ../listings/nowhere.rs}}` was left in the page: \
          listings/nowhere.rs does not exist"
        ]
    );
}

#[test]
fn a_listing_output_or_figure_no_chapter_shows_is_reported() {
    assert_eq!(
        problems_of("orphan_listing"),
        [
            "listings/hello.txt: no chapter includes or links this file",
            "src/unused.svg: no chapter includes or links this file",
        ]
    );
}

#[test]
fn a_chapter_missing_from_the_summary_is_reported() {
    assert_eq!(
        problems_of("unlisted_chapter"),
        ["src/forgotten.md: this chapter is not listed in SUMMARY.md"]
    );
}

#[test]
fn a_link_to_a_missing_chapter_or_figure_is_reported() {
    assert_eq!(
        problems_of("broken_link"),
        [
            "src/chapter.md:3: the link to `later.md` leads nowhere: src/later.md is not a \
             chapter of the book",
            "src/chapter.md:5: the link to `timeline.svg` leads nowhere: src/timeline.svg is not \
             a file",
        ]
    );
}

#[test]
fn a_link_to_a_missing_heading_is_reported() {
    assert_eq!(
        problems_of("broken_fragment"),
        [
            "src/chapter.md:3: the link to `later.md#renamed-heading` leads to no heading: \
             src/later.md has no `#renamed-heading` (was the heading renamed?)",
            "src/chapter.md:8: the link to `#no-such-section` leads to no heading: \
             src/chapter.md has no `#no-such-section` (was the heading renamed?)",
        ]
    );
}

#[test]
fn a_missing_or_broken_quiz_and_a_quiz_link_that_leads_nowhere_are_reported() {
    // The fixture's book.toml asks for mdbook-quiz, which the checks must not need.
    assert_eq!(
        problems_of("broken_quiz"),
        [
            "src/chapter.md:7: `{{#quiz ../listings/missing.toml}}`: listings/missing.toml does \
             not exist",
            "src/chapter.md:9: `{{#quiz ../listings/broken.toml}}`: listings/broken.toml: it is \
             not a quiz mdbook-quiz can read: missing field `answer` for key `questions` at line \
             1 column 1",
            "listings/chapter.toml, question 1 (id \"fixture-links\": Which heading is there?): \
             the link to `chapter.md#a-heading` in its `context` leads nowhere: a quiz is \
             rendered in the browser, where nothing turns `.md` into `.html`: write \
             `chapter.html#a-heading`",
            "listings/chapter.toml, question 1 (id \"fixture-links\": Which heading is there?): \
             the link to `chapter.html#renamed` in its `context` leads nowhere: src/chapter.md \
             has no `#renamed` (was the heading renamed?)",
            "listings/chapter.toml, question 1 (id \"fixture-links\": Which heading is there?): \
             the link to `later.html` in its `context` leads nowhere: src/later.md is not a \
             chapter of the book",
        ]
    );
}

#[test]
fn an_invalid_book_toml_is_reported() {
    let problems = problems_of("invalid_book_toml");

    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].contains("invalid_book_toml/book.toml: the book does not load"),
        "{}",
        problems[0]
    );
}

/// skeptic compiles the blocks as the workspace's edition; the Run button sends book.toml's
/// `[rust] edition` to the playground. They must be the same, or a block tested one way runs
/// another.
#[test]
fn the_blocks_are_tested_as_the_edition_the_reader_runs() {
    let root = repo_root();
    let edition_in = |file: &str, table: &str| {
        let text = std::fs::read_to_string(root.join(file)).unwrap();
        let value: toml::Table = toml::from_str(&text).unwrap();
        let mut at = &value;
        for key in table.split('.') {
            at = at[key]
                .as_table()
                .unwrap_or_else(|| panic!("{file}: no [{table}]"));
        }
        at["edition"].as_str().unwrap().to_owned()
    };

    assert_eq!(
        edition_in("book.toml", "rust"),
        edition_in("Cargo.toml", "workspace.package")
    );
}

/// The repository and edit links, and the address the 404 page loads its styles from, depend
/// on where the book is published: only the publishing workflow knows, and sets them from its
/// own variables. book.toml names none, so a book built anywhere else shows no repository or
/// edit link rather than a wrong one (the browser test checks every built page for them).
#[test]
fn only_the_publishing_workflow_names_the_repository_and_the_site() {
    let root = repo_root();
    let book: toml::Table =
        toml::from_str(&std::fs::read_to_string(root.join("book.toml")).unwrap()).unwrap();
    let html = book["output"]["html"].as_table().unwrap();
    for key in ["git-repository-url", "edit-url-template", "site-url"] {
        assert!(
            !html.contains_key(key),
            "book.toml sets output.html.{key}: leave it to .github/workflows/pages.yml"
        );
    }

    let workflow = std::fs::read_to_string(root.join(".github/workflows/pages.yml")).unwrap();
    let set_from = [
        (
            "MDBOOK_OUTPUT__HTML__GIT_REPOSITORY_URL",
            "${{ github.server_url }}/${{ github.repository }}",
        ),
        (
            "MDBOOK_OUTPUT__HTML__EDIT_URL_TEMPLATE",
            "${{ github.server_url }}/${{ github.repository }}/edit/",
        ),
        (
            "MDBOOK_OUTPUT__HTML__SITE_URL",
            "${{ steps.pages.outputs.base_path }}/",
        ),
    ];
    for (variable, source) in set_from {
        let line = workflow
            .lines()
            .find(|line| line.trim_start().starts_with(&format!("{variable}:")));
        assert!(
            line.is_some_and(|line| line.contains(source)),
            "pages.yml must set {variable} from {source}, found: {line:?}"
        );
    }
}
