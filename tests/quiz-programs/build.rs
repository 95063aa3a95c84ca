//! Builds the Tracing programs of the quizzes that compile (`answer.doesCompile = true`) into
//! this one program: each becomes a module, run by `quiz KEY`, KEY being the key of its text
//! (`book_checks::quizzes::program_key`). One build for all of them, as the Try-it variants
//! are built into `try-it`. A program that does not compile breaks this build: the book's
//! tests then name its quiz and question. Quizzes that do not parse are left out here; the
//! tests report them.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use book_checks::quizzes::{self, QuizFile};

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    // Each program once, even if two questions show the same one.
    let mut programs: BTreeMap<String, (String, String)> = BTreeMap::new();
    for folder in quizzes::program_folders(&root) {
        println!("cargo::rerun-if-changed={}", folder.display());
        let (found, _) = quizzes::find_quizzes(&folder, &root);
        for QuizFile { path, quiz } in &found {
            for (index, question) in quiz.questions.iter().enumerate() {
                let quizzes::schema::Question::Tracing(tracing) = question else {
                    continue;
                };
                if !tracing.0.answer.does_compile {
                    continue;
                }
                let program = &tracing.0.prompt.program;
                let origin = format!(
                    "{}, question {}",
                    book_checks::shown(path, &root),
                    index + 1
                );
                programs
                    .entry(quizzes::program_key(program))
                    .or_insert_with(|| (origin, program.clone()));
            }
        }
    }
    let mut modules = String::new();
    let mut table = String::from("const PROGRAMS: &[(&str, fn())] = &[\n");
    for (key, (origin, program)) in &programs {
        let file = out_dir.join(format!("q_{key}.rs"));
        write_if_changed(&file, &make_main_public(program));
        // A quiz program is written for the reader to trace: what it leaves unused is expected.
        writeln!(
            modules,
            "/// {origin}\n#[allow(warnings, clippy::all)]\nmod q_{key} {{ include!({file:?}); }}"
        )
        .unwrap();
        writeln!(table, "    (\"{key}\", q_{key}::main),").unwrap();
    }
    table.push_str("];\n");
    write_if_changed(&out_dir.join("programs.rs"), &format!("{modules}\n{table}"));
}

/// The program's `main` is called from this program's, outside its module.
fn make_main_public(source: &str) -> String {
    let source = format!("\n{source}");
    source
        .replace("\nasync fn main()", "\npub async fn main()")
        .replace("\nfn main()", "\npub fn main()")
}

/// Leaves an unchanged file alone, so that its timestamp does not make cargo rebuild.
fn write_if_changed(path: &Path, contents: &str) {
    if fs::read_to_string(path).ok().as_deref() != Some(contents) {
        fs::write(path, contents).unwrap();
    }
}
