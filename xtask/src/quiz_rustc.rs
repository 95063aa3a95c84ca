//! How mdbook-quiz gets to check the quizzes' `Tracing` answers.
//!
//! While it renders a chapter, mdbook-quiz 0.5.0 checks every `Tracing` answer itself: it
//! writes the program to `main.rs` in a temporary folder, runs a bare `rustc main.rs` (no
//! dependencies, edition 2015), and if that succeeds runs `./main` and compares what it prints
//! with the answer; if it fails, the answer must be `doesCompile = false`. A wrong answer stops
//! the build. The book's programs need tokio, so a bare `rustc` would reject every one of them.
//!
//! So the commands that render the book put a stand-in first on mdBook's `PATH`, named `rustc`,
//! which runs `cargo xtask quiz-rustc`. For a program that compiles, it writes a `main` that
//! runs that very program as `cargo test` built and checked it: the `quiz` program of
//! `tests/quiz-programs/`, which holds every compiling program of the quizzes, built with the
//! book's edition and dependencies. For a program that must not compile, it fails, as
//! `cargo test` proved rustc does. mdbook-quiz then compares the real output with the answer,
//! as it would for a program without dependencies. No program is compiled twice, and a build
//! of the book costs one run of each program.

use std::os::unix::fs::PermissionsExt as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use book_checks::quizzes::{self, QuizFile};

/// The environment variable that tells the stand-in where the `quiz` program is.
const QUIZ_PROGRAM: &str = "XTASK_QUIZ_PROGRAM";

/// Readies `mdbook` to render the quizzes: builds the `quiz` program, writes the stand-in, and
/// puts it and the pinned tools (`tools_bin`) first on the command's `PATH`.
pub fn prepare(root: &Path, mdbook: &mut Command, tools_bin: &Path) -> Result<(), String> {
    let quiz = quizzes::build_program(root).map_err(|cargo_said| {
        format!(
            "the programs of the quizzes do not build (`cargo test --test quizzes` names the \
             question):\n{cargo_said}"
        )
    })?;
    let shim_dir = root.join("target/quiz-rustc");
    std::fs::create_dir_all(&shim_dir).map_err(|e| format!("{}: {e}", shim_dir.display()))?;
    let xtask = std::env::current_exe().map_err(|e| format!("where is xtask? {e}"))?;
    write_script(
        &shim_dir.join("rustc"),
        &format!(
            "# Written by `cargo xtask` (xtask/src/quiz_rustc.rs): mdbook-quiz's `rustc`.\n\
             exec {} quiz-rustc \"$@\"",
            quoted(&xtask)
        ),
    )?;
    let path = std::env::var_os("PATH").unwrap_or_default();
    // cargo, which the stand-in runs when a quiz changed under `cargo xtask serve`, must find
    // the real rustc, not the stand-in first on the `PATH`.
    if std::env::var_os("RUSTC").is_none() {
        let rustc = std::env::split_paths(&path)
            .map(|dir| dir.join("rustc"))
            .find(|rustc| rustc.is_file())
            .ok_or("no rustc on the PATH")?;
        mdbook.env("RUSTC", rustc);
    }
    let dirs = [shim_dir, tools_bin.to_owned()]
        .into_iter()
        .chain(std::env::split_paths(&path));
    let path = std::env::join_paths(dirs).map_err(|e| format!("PATH: {e}"))?;
    mdbook.env("PATH", path).env(QUIZ_PROGRAM, quiz);
    Ok(())
}

/// `cargo xtask quiz-rustc FILE.rs …`: the stand-in for `rustc` (see the module's comment).
/// Succeeds, having written `main` beside `FILE.rs`, if the program compiles; fails if not.
pub fn run(args: &[String]) -> Result<(), String> {
    let source = args
        .iter()
        .map(PathBuf::from)
        .find(|arg| arg.extension().is_some_and(|ext| ext == "rs"))
        .ok_or("quiz-rustc: no .rs file to compile")?;
    let program = std::fs::read_to_string(&source)
        .map_err(|e| format!("quiz-rustc: {}: {e}", source.display()))?;
    let key = quizzes::program_key(&program);
    let mut quiz = PathBuf::from(
        std::env::var_os(QUIZ_PROGRAM).ok_or("quiz-rustc: run by `cargo xtask` only")?,
    );
    if !quizzes::programs_in(&quiz)?.contains(&key) {
        let root = crate::repo_root();
        if let Some(name) = refused_program(&root, &program) {
            return Err(format!(
                "{name}: this program does not compile (`cargo test --test quizzes` proves it \
                 with rustc, the book's edition and its dependencies)"
            ));
        }
        // Changed since the `quiz` program was built (a quiz edited under `cargo xtask
        // serve`): build it again.
        quiz = rebuild_once(&root)?;
        if !quizzes::programs_in(&quiz)?.contains(&key) {
            return Err("quiz-rustc: no quiz in quizzes/ shows this program".to_owned());
        }
    }
    write_script(
        &source.with_file_name("main"),
        &format!("exec {} {key}", quoted(&quiz)),
    )
}

/// How messages name the quiz question that shows `program` and says it does not compile.
fn refused_program(root: &Path, program: &str) -> Option<String> {
    let (found, _) = quizzes::find_quizzes(&root.join(quizzes::FOLDER), root);
    quizzes::tracing_questions(&found, root)
        .into_iter()
        .find(|q| !q.does_compile && q.program == program)
        .map(|q| q.name)
}

/// Builds the `quiz` program again, unless the same quizzes failed to build before: mdbook-quiz
/// calls `rustc` once per program, and one broken program should cost one failed build, not one
/// per program.
fn rebuild_once(root: &Path) -> Result<PathBuf, String> {
    let (found, _) = quizzes::find_quizzes(&root.join(quizzes::FOLDER), root);
    let all: String = found
        .iter()
        .map(|QuizFile { path, .. }| std::fs::read_to_string(path).unwrap_or_default())
        .collect();
    let digest = quizzes::program_key(&all);
    let failed = root.join("target/quiz-rustc/failed-build");
    if std::fs::read_to_string(&failed).ok().as_deref() == Some(&digest) {
        return Err("the programs of the quizzes do not build (see above)".to_owned());
    }
    eprintln!("quiz-rustc: a quiz changed: building its programs again");
    match quizzes::build_program(root) {
        Ok(quiz) => {
            let _ = std::fs::remove_file(&failed);
            Ok(quiz)
        }
        Err(cargo_said) => {
            let _ = std::fs::write(&failed, &digest);
            Err(format!(
                "the programs of the quizzes do not build:\n{cargo_said}"
            ))
        }
    }
}

/// Writes an executable shell script.
fn write_script(path: &Path, body: &str) -> Result<(), String> {
    let failed = |e: std::io::Error| format!("{}: {e}", path.display());
    let script = format!("#!/bin/sh\n{body}\n");
    // Another `cargo xtask serve` may be running this very script: leave it alone if unchanged.
    if std::fs::read_to_string(path).ok() != Some(script.clone()) {
        std::fs::write(path, script).map_err(failed)?;
    }
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).map_err(failed)
}

/// `path` as one word of a shell command.
fn quoted(path: &Path) -> String {
    format!("'{}'", path.display().to_string().replace('\'', r"'\''"))
}
