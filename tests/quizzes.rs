//! The quizzes at the end of the chapters (`quizzes/*.toml`): each parses as mdbook-quiz reads
//! it, each question explains its answer, and each `Tracing` answer is what the program does:
//! the programs that compile are run, side by side, and must print exactly the answer's
//! `stdout`; the others must fail to compile, with the book's edition and dependencies.

use std::io::Write as _;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use book_checks::quizzes::{self, Proven};
use book_checks::repo_root;

/// skeptic's check of a block marked `compile_fail`, as a result: `Ok` if `program` fails to
/// compile with every code in `codes`, else what skeptic said.
fn compile_fail(program: &str, codes: &[&str]) -> Result<(), String> {
    catch_unwind(AssertUnwindSafe(|| {
        skeptic::rt::compile_fail_test(
            env!("CARGO_MANIFEST_DIR"),
            env!("OUT_DIR"),
            env!("BOOK_TARGET"),
            program,
            codes,
        )
    }))
    .map_err(|payload| {
        payload
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default()
    })
}

fn check(dir: &Path) -> Result<Proven, Vec<String>> {
    quizzes::check(&repo_root(), dir, &compile_fail)
}

#[test]
fn every_quiz_answer_is_what_the_program_does() {
    let root = repo_root();

    let proven = check(&root.join(quizzes::FOLDER))
        .unwrap_or_else(|problems| panic!("\n{}", problems.join("\n\n")));

    // Straight to stderr, past the test harness's capture: the count is worth seeing.
    let _ = writeln!(
        std::io::stderr(),
        "quizzes: {} quizzes, {} questions; {} Tracing answers proven by running the program, \
         {} by compiling it (it must not compile)",
        proven.quizzes,
        proven.questions,
        proven.ran,
        proven.refused
    );
}

/// Every chapter of Parts I, II and III ends with its quiz, named after the chapter (the
/// appendix, after the `---` line of `SUMMARY.md`, has none).
#[test]
fn every_chapter_of_parts_one_to_three_has_its_quiz() {
    let root = repo_root();
    let summary = std::fs::read_to_string(root.join("src/SUMMARY.md")).unwrap();
    let appendix = summary.find("\n---").unwrap_or(summary.len());
    let chapters: Vec<&str> = summary[..appendix]
        .lines()
        .filter_map(|line| line.split_once("](")?.1.split_once(".md)"))
        .map(|(stem, _)| stem)
        .collect();
    assert!(chapters.len() >= 24, "{chapters:?}");

    let missing: Vec<String> = chapters
        .iter()
        .filter(|stem| {
            let text = std::fs::read_to_string(root.join(format!("src/{stem}.md"))).unwrap();
            !text.contains(&format!("{{{{#quiz ../{}/{stem}.toml}}}}", quizzes::FOLDER))
        })
        .map(|stem| format!("src/{stem}.md: no `{{{{#quiz ../quizzes/{stem}.toml}}}}`"))
        .collect();
    assert!(missing.is_empty(), "\n{}", missing.join("\n"));
}

/// mdbook-quiz 0.5.0 reads its options from `[preprocessor.quiz]` by their Rust names
/// (`cache_answers`), and ignores any other key without a word, `cache-answers` of its own
/// README included. The book keeps answers in the reader's browser and nothing more.
#[test]
fn the_quiz_options_are_ones_mdbook_quiz_reads() {
    // mdBook's own keys for a preprocessor, and the fields of mdbook-quiz 0.5.0's `QuizConfig`.
    let known = [
        "command",
        "before",
        "after",
        "optional",
        "renderers",
        "fullscreen",
        "cache_answers",
        "default_language",
        "spellcheck",
        "more_words",
        "show_bug_reporter",
        "initial_text",
        "dev_mode",
    ];
    let book: toml::Table =
        toml::from_str(&std::fs::read_to_string(repo_root().join("book.toml")).unwrap()).unwrap();
    let quiz = book["preprocessor"]["quiz"].as_table().unwrap();

    let unknown: Vec<&String> = quiz
        .keys()
        .filter(|key| !known.contains(&key.as_str()))
        .collect();
    assert!(unknown.is_empty(), "mdbook-quiz ignores {unknown:?}");
    assert_eq!(quiz.get("cache_answers"), Some(&toml::Value::Boolean(true)));
    for off in ["fullscreen", "show_bug_reporter", "dev_mode"] {
        assert!(
            !quiz.contains_key(off),
            "book.toml sets preprocessor.quiz.{off}"
        );
    }
}

// The check must be able to fail: the quizzes under tests/fixtures/quizzes/ have wrong answers
// on purpose, and the check must name the file and the question.

#[test]
fn a_wrong_stdout_fails_naming_the_quiz_and_the_question() {
    let fixtures = repo_root().join("tests/fixtures/quizzes");

    let problems = check(&fixtures).unwrap_err();

    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(
        problems[0].starts_with(
            "tests/fixtures/quizzes/wrong_stdout.toml, question 2 (id \"fixture-wrong-stdout\": \
             Tracing, `main` starts `let handle = tokio::spawn(async {`)"
        ),
        "{}",
        problems[0]
    );
    assert!(
        problems[0].contains("the answer's `stdout` is not what the program prints"),
        "{}",
        problems[0]
    );
    assert!(
        problems[0].contains("\n-task ran\n main done\n"),
        "{}",
        problems[0]
    );
}

#[test]
fn a_wrong_does_compile_fails_both_ways() {
    let fixtures = repo_root().join("tests/fixtures/quizzes/not_built");

    let problems = check(&fixtures).unwrap_err();

    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(
        problems[0].starts_with(
            "tests/fixtures/quizzes/not_built/wrong_does_compile.toml, question 1 (id \
             \"fixture-compiles-not\""
        ),
        "{}",
        problems[0]
    );
    assert!(
        problems[0].contains("says `doesCompile = true`, but the program does not compile"),
        "{}",
        problems[0]
    );
    assert!(
        problems[1].starts_with(
            "tests/fixtures/quizzes/not_built/wrong_does_compile.toml, question 2 (id \
             \"fixture-compiles-after-all\""
        ),
        "{}",
        problems[1]
    );
    assert!(
        problems[1].contains("says `doesCompile = false`, but the program compiles"),
        "{}",
        problems[1]
    );
}
