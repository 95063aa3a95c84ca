//! The quizzes at the end of the chapters. A chapter shows one with
//! `{{#quiz ../quizzes/NAME.toml}}`, which the `mdbook-quiz` preprocessor (0.5.0, installed by
//! `cargo xtask`) turns into an interactive quiz; `cargo test` never needs that preprocessor:
//! the checks load the book without it ([`crate::expand::load_book`]) and check the quiz files
//! themselves, here.
//!
//! A quiz file is mdbook-quiz's TOML: `[[questions]]`, each `MultipleChoice`, `ShortAnswer` or
//! `Tracing`. A `Tracing` question shows a program and asks whether it compiles and what it
//! prints; its answer is `answer.doesCompile` and, if it compiles, `answer.stdout`. Every such
//! answer is proven: the programs that compile are built into one program, `quiz` (the package
//! `tests/quiz-programs/`, one module per program, run as `quiz KEY` with the key of
//! [`program_key`]), run side by side, and what each prints must be its `stdout`; the others
//! must fail to compile (checked by the caller, with skeptic, against the book's edition and
//! dependencies).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub use mdbook_quiz_schema as schema;
use schema::{Question, Quiz};

use crate::outputs::{CommandLine, Run, run_commands};
use crate::shown;

/// The folder, beside `book.toml`, that holds one quiz per chapter, named after the chapter.
pub const FOLDER: &str = "quizzes";

/// The folder under the book's `src/` where mdbook-quiz copies its script and styles each time
/// it runs (it cannot write them into the build folder, which mdBook empties after the
/// preprocessors ran). Generated, not part of the book; `.gitignore` lists it.
pub const ASSETS: &str = "quiz";

/// The package that builds the `quiz` program, and the program itself.
pub const PACKAGE: &str = "quiz-programs";
pub const PROGRAM: &str = "quiz";

/// A quiz file, read and parsed as mdbook-quiz reads it.
pub struct QuizFile {
    pub path: PathBuf,
    pub quiz: Quiz,
}

/// Reads and parses one quiz file with the same TOML parser (toml 0.5) and the same schema
/// (mdbook-quiz-schema 0.5.0) as mdbook-quiz 0.5.0.
pub fn parse(path: &Path) -> Result<Quiz, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read it: {e}"))?;
    toml_0_5::from_str::<Quiz>(&text)
        .map_err(|e| format!("it is not a quiz mdbook-quiz can read: {e}"))
}

/// Every `*.toml` directly in `dir`, parsed, in name order; the files that do not parse are
/// reported, one line each.
pub fn find_quizzes(dir: &Path, base: &Path) -> (Vec<QuizFile>, Vec<String>) {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    paths.sort();
    let mut quizzes = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        match parse(&path) {
            Ok(quiz) => quizzes.push(QuizFile { path, quiz }),
            Err(e) => problems.push(format!("{}: {e}", shown(&path, base))),
        }
    }
    (quizzes, problems)
}

/// A short, stable name for a program's text (FNV-1a, 64 bits, in hex): the `quiz` program
/// runs a program by it, and a program whose text changed gets another key, so the `quiz`
/// program never runs a stale copy.
pub fn program_key(program: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in program.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// The fields every question has.
fn common(question: &Question) -> (Option<&str>, Option<&str>) {
    match question {
        Question::ShortAnswer(q) => (q.0.id.as_deref(), q.0.context.as_ref().map(|c| &*c.0)),
        Question::Tracing(q) => (q.0.id.as_deref(), q.0.context.as_ref().map(|c| &*c.0)),
        Question::MultipleChoice(q) => (q.0.id.as_deref(), q.0.context.as_ref().map(|c| &*c.0)),
    }
}

/// The `context` of a question: the explanation a reader sees after answering.
pub fn context(question: &Question) -> Option<&str> {
    common(question).1
}

/// How a message names a question: the file, its number (from 1, as a reader counts them in
/// the quiz), its id and the start of its prompt (for a `Tracing` question, which has no
/// prompt, the first line of its `main`).
pub fn describe(file: &Path, index: usize, question: &Question, base: &Path) -> String {
    let prompt = match question {
        Question::ShortAnswer(q) => q.0.prompt.prompt.0.clone(),
        Question::MultipleChoice(q) => q.0.prompt.prompt.0.clone(),
        Question::Tracing(q) => {
            let program = &q.0.prompt.program;
            let body = program
                .split_once("fn main()")
                .map_or(program.as_str(), |(_, body)| body);
            let first = body
                .lines()
                .map(str::trim)
                .find(|line| !line.is_empty() && *line != "{")
                .unwrap_or("");
            format!("Tracing, `main` starts `{first}`")
        }
    };
    let prompt = prompt.split_whitespace().collect::<Vec<_>>().join(" ");
    let prompt = match prompt.char_indices().nth(70) {
        Some((at, _)) => format!("{}…", &prompt[..at]),
        None => prompt,
    };
    format!(
        "{}, question {} (id \"{}\": {prompt})",
        shown(file, base),
        index + 1,
        common(question).0.unwrap_or("none")
    )
}

/// What every question must have beyond what mdbook-quiz requires. mdbook-quiz itself demands
/// ids that are unique across the book, and writes a random one into a file whose question
/// has none; a `Tracing` answer has a `stdout` exactly when the program compiles. We also
/// want a `context` that explains, in two sentences or more, and for a question that states a
/// fact (multiple choice, short answer), a link to the chapter that proves it.
pub fn lint(quizzes: &[QuizFile], base: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    let mut ids: BTreeMap<&str, String> = BTreeMap::new();
    for file in quizzes {
        if file.quiz.questions.is_empty() {
            problems.push(format!(
                "{}: the quiz has no questions",
                shown(&file.path, base)
            ));
        }
        for (index, question) in file.quiz.questions.iter().enumerate() {
            let name = describe(&file.path, index, question, base);
            let (id, context) = common(question);
            match id {
                None => problems.push(format!(
                    "{name}: no `id` (mdbook-quiz would write a random one into the file)"
                )),
                Some(id) => {
                    if let Some(first) = ids.insert(id, name.clone()) {
                        problems.push(format!("{name}: the id is already used by {first}"));
                    }
                }
            }
            match context {
                None => problems.push(format!("{name}: no `context` to explain the answer")),
                Some(text) if sentences(text) < 2 => problems.push(format!(
                    "{name}: the `context` should explain the answer in two sentences or more"
                )),
                Some(text) => {
                    let states_a_fact = !matches!(question, Question::Tracing(_));
                    if states_a_fact && links(text).is_empty() {
                        problems.push(format!(
                            "{name}: the `context` must link to the section or listing that \
                             proves the answer (`[…](chapter.html#heading)`)"
                        ));
                    }
                }
            }
            if let Question::Tracing(q) = question {
                let program = &q.0.prompt.program;
                if let Some(line) = program.lines().find(|l| l.chars().count() > MAX_LINE) {
                    problems.push(format!(
                        "{name}: a line of the program is longer than {MAX_LINE} characters, too \
                         wide for the page: `{}`",
                        line.trim()
                    ));
                }
                let answer = &q.0.answer;
                match (answer.does_compile, &answer.stdout) {
                    (true, None) => problems.push(format!(
                        "{name}: `doesCompile = true` needs the `stdout` the program prints"
                    )),
                    (false, Some(_)) => problems.push(format!(
                        "{name}: `doesCompile = false` with a `stdout` (mdbook-quiz refuses it)"
                    )),
                    _ => {}
                }
            }
        }
    }
    problems
}

/// The longest line of a `Tracing` program that fits the quiz on a desktop page without
/// scrolling sideways (the browser test checks the page itself).
const MAX_LINE: usize = 80;

/// Roughly how many sentences `text` has: the full stops, question and exclamation marks that
/// end a line or come before a space, maybe after a closing bracket or quote (so
/// `e.is_panic()` and `0.5` are not counted).
fn sentences(text: &str) -> usize {
    let chars: Vec<char> = text.chars().collect();
    chars
        .iter()
        .enumerate()
        .filter(|(at, c)| {
            let mut after = chars[at + 1..]
                .iter()
                .skip_while(|c| matches!(c, ')' | '"'));
            matches!(c, '.' | '?' | '!') && after.next().is_none_or(|next| next.is_whitespace())
        })
        .count()
}

/// The targets of the markdown links in `text` that point into the book: `page.html#heading`,
/// `page.html` or `#heading`. (A quiz's markdown is rendered in the reader's browser, where
/// nothing turns `page.md` into `page.html`: links in a quiz must name the HTML page.)
pub fn links(text: &str) -> Vec<String> {
    text.match_indices("](")
        .filter_map(|(start, _)| {
            let rest = &text[start + 2..];
            let target = rest[..rest.find(')')?].trim();
            let external = target.contains("://") || target.starts_with("mailto:");
            (!external && !target.is_empty()).then(|| target.to_owned())
        })
        .collect()
}

/// The error codes (`E0373`) a `context` names: a program that must not compile must fail with
/// each of them, so that a typo cannot pass for the lesson.
pub fn error_codes(context: &str) -> Vec<String> {
    let bytes = context.as_bytes();
    let mut codes: Vec<String> = (0..bytes.len().saturating_sub(4))
        .filter(|&at| {
            bytes[at] == b'E'
                && bytes[at + 1..at + 5].iter().all(u8::is_ascii_digit)
                && bytes.get(at + 5).is_none_or(|b| !b.is_ascii_alphanumeric())
                && (at == 0 || !bytes[at - 1].is_ascii_alphanumeric())
        })
        .map(|at| context[at..at + 5].to_owned())
        .collect();
    codes.sort();
    codes.dedup();
    codes
}

/// One `Tracing` question, as the checks need it.
pub struct TracingQuestion<'a> {
    /// How messages name it (see [`describe`]).
    pub name: String,
    pub program: &'a str,
    pub does_compile: bool,
    pub stdout: Option<&'a str>,
    pub context: &'a str,
}

/// Every `Tracing` question of `quizzes`, in file and question order.
pub fn tracing_questions<'a>(quizzes: &'a [QuizFile], base: &Path) -> Vec<TracingQuestion<'a>> {
    quizzes
        .iter()
        .flat_map(|file| {
            file.quiz
                .questions
                .iter()
                .enumerate()
                .filter_map(move |(index, question)| match question {
                    Question::Tracing(q) => Some(TracingQuestion {
                        name: describe(&file.path, index, question, base),
                        program: &q.0.prompt.program,
                        does_compile: q.0.answer.does_compile,
                        stdout: q.0.answer.stdout.as_deref(),
                        context: q.0.context.as_ref().map_or("", |c| &c.0),
                    }),
                    _ => None,
                })
        })
        .collect()
}

/// The folders whose quizzes' compiling programs the `quiz` program holds: the book's, and the
/// fixtures that prove the checks fail (`tests/fixtures/quizzes/*.toml`; a fixture whose
/// program must not be built, because it does not compile, lives in a folder below).
pub fn program_folders(root: &Path) -> [PathBuf; 2] {
    [root.join(FOLDER), root.join("tests/fixtures/quizzes")]
}

/// Builds the `quiz` program with the cargo that runs us, and returns its path. On failure,
/// what cargo printed (rustc's errors name the program's module, `q_KEY`).
pub fn build_program(root: &Path) -> Result<PathBuf, String> {
    let output = crate::workspace::cargo()
        .current_dir(root)
        .args([
            "build",
            "--quiet",
            "--message-format=json-render-diagnostics",
        ])
        .args(["--package", PACKAGE, "--bin", PROGRAM])
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !output.status.success() {
        return Err(String::from_utf8_lossy(&output.stderr).into_owned());
    }
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .find_map(|message| {
            (message["target"]["name"] == PROGRAM)
                .then(|| message["executable"].as_str().map(PathBuf::from))
                .flatten()
        })
        .ok_or_else(|| format!("cargo built no `{PROGRAM}` program"))
}

/// The keys of the programs `quiz` holds.
pub fn programs_in(quiz: &Path) -> Result<BTreeSet<String>, String> {
    let output = Command::new(quiz)
        .arg("--list")
        .output()
        .map_err(|e| format!("cannot run {}: {e}", quiz.display()))?;
    Ok(String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(str::to_owned)
        .collect())
}

/// What printing `printed` says about the answer `expected`: nothing if they are the same (a
/// `stdout` written on one line may leave out the final newline, as the reader does), else
/// the difference, as a line diff.
pub fn compare_stdout(expected: &str, printed: &str) -> Result<(), String> {
    if printed == expected || printed.strip_suffix('\n') == Some(expected) {
        return Ok(());
    }
    let expected = if expected.ends_with('\n') {
        expected.to_owned()
    } else {
        format!("{expected}\n")
    };
    Err(similar::TextDiff::from_lines(&expected, printed)
        .unified_diff()
        .context_radius(3)
        .header("answer.stdout", "what the program printed")
        .to_string())
}

/// How a program that must not compile is checked: `Ok` if it fails to compile with every
/// error code given, else why not. (The caller compiles it with skeptic, as the book's blocks.)
pub type CompileFail<'a> = &'a (dyn Fn(&str, &[&str]) -> Result<(), String> + Sync);

/// What [`check`] proved.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Proven {
    pub quizzes: usize,
    pub questions: usize,
    /// `Tracing` answers checked by running the program.
    pub ran: usize,
    /// `Tracing` answers `doesCompile = false`, checked by compiling the program.
    pub refused: usize,
}

/// Checks every quiz in `dir`: it parses, passes [`lint`], and each `Tracing` answer is what
/// the program does. Every problem is returned, one message each, naming the file and the
/// question.
pub fn check(root: &Path, dir: &Path, compile_fail: CompileFail) -> Result<Proven, Vec<String>> {
    let (quizzes, mut problems) = find_quizzes(dir, root);
    problems.extend(lint(&quizzes, root));
    let tracing = tracing_questions(&quizzes, root);

    // One build per process: the checks of the book and of the fixtures share it.
    static BUILT: std::sync::OnceLock<Result<PathBuf, String>> = std::sync::OnceLock::new();
    let built = BUILT
        .get_or_init(|| build_program(root))
        .clone()
        .and_then(|quiz| Ok((programs_in(&quiz)?, quiz)));
    let (compiled, quiz) = match built {
        Ok(built) => built,
        Err(cargo_said) => {
            // Most likely a `doesCompile = true` program that does not compile: compiling each
            // one on its own, below, names it.
            problems.push(format!(
                "the `{PROGRAM}` program, which holds every Tracing program that compiles, does \
                 not build:\n{cargo_said}"
            ));
            (BTreeSet::new(), PathBuf::new())
        }
    };

    // Programs that are not in `quiz`: those that must not compile, and those that should
    // compile but did not make it in.
    let outside: Vec<&TracingQuestion> = tracing
        .iter()
        .filter(|q| !q.does_compile || !compiled.contains(&program_key(q.program)))
        .collect();
    let refusals = Refusals::new(root, &quiz);
    let compile_problems: Vec<Option<String>> = std::thread::scope(|scope| {
        let checks: Vec<_> = outside
            .iter()
            .map(|q| scope.spawn(|| compile_check(q, compile_fail, refusals.as_ref())))
            .collect();
        checks.into_iter().map(|c| c.join().unwrap()).collect()
    });
    problems.extend(compile_problems.into_iter().flatten());

    let to_run: Vec<&TracingQuestion> = tracing
        .iter()
        .filter(|q| q.does_compile && compiled.contains(&program_key(q.program)))
        .collect();
    let commands: Vec<CommandLine> = to_run
        .iter()
        .map(|q| vec![quiz.clone().into_os_string(), program_key(q.program).into()])
        .collect();
    let runs = run_commands(&commands);
    for (question, run) in to_run.iter().zip(&runs) {
        if let Err(problem) = check_run(question, run) {
            problems.push(problem);
        }
    }

    if problems.is_empty() {
        Ok(Proven {
            quizzes: quizzes.len(),
            questions: quizzes.iter().map(|f| f.quiz.questions.len()).sum(),
            ran: to_run.len(),
            refused: tracing.iter().filter(|q| !q.does_compile).count(),
        })
    } else {
        Err(problems)
    }
}

/// Compiles a program the `quiz` program does not hold: one that must not compile must fail,
/// with the error codes its `context` names; one that should compile is reported either way.
fn compile_check(
    question: &TracingQuestion,
    compile_fail: CompileFail,
    refusals: Option<&Refusals>,
) -> Option<String> {
    let name = &question.name;
    if question.does_compile {
        return Some(match compile_fail(question.program, &[]) {
            Ok(()) => format!(
                "{name}: the answer says `doesCompile = true`, but the program does not \
                 compile (with the book's edition and dependencies)"
            ),
            Err(_) => format!(
                "{name}: the program compiles, but the `{PROGRAM}` program does not hold it: is \
                 its quiz in {FOLDER}/?"
            ),
        });
    }
    let codes = error_codes(question.context);
    let codes: Vec<&str> = codes.iter().map(String::as_str).collect();
    if refusals.is_some_and(|r| r.proven(question.program, &codes)) {
        return None;
    }
    let result = compile_fail(question.program, &codes);
    if let (Ok(()), Some(refusals)) = (&result, refusals) {
        refusals.record(question.program, &codes);
    }
    result.err().map(|why| {
        if why.contains("but it compiles") {
            format!("{name}: the answer says `doesCompile = false`, but the program compiles")
        } else {
            format!(
                "{name}: the program does not compile, but not with the error codes its \
                 `context` names: {why}"
            )
        }
    })
}

/// Remembers the programs proven not to compile, so that a warm run does not compile them again
/// while neither they nor what they were compiled against changed. The `quiz` program stands
/// for the latter: cargo builds it again whenever the toolchain, the edition or the dependencies
/// change (and whenever a quiz does), so a record holds only for the build it was made with.
struct Refusals {
    dir: PathBuf,
    stamp: String,
}

impl Refusals {
    fn new(root: &Path, quiz: &Path) -> Option<Refusals> {
        let built = std::fs::metadata(quiz).ok()?;
        let lock = std::fs::read_to_string(root.join("Cargo.lock")).ok()?;
        let stamp = format!(
            "{:?} {} {}",
            built.modified().ok()?,
            built.len(),
            program_key(&lock)
        );
        Some(Refusals {
            dir: root.join("target/quizzes-refused"),
            stamp,
        })
    }

    fn record_of(&self, program: &str, codes: &[&str]) -> PathBuf {
        self.dir
            .join(program_key(&format!("{program}\0{}", codes.join(","))))
    }

    fn proven(&self, program: &str, codes: &[&str]) -> bool {
        std::fs::read_to_string(self.record_of(program, codes)).ok() == Some(self.stamp.clone())
    }

    fn record(&self, program: &str, codes: &[&str]) {
        let _ = std::fs::create_dir_all(&self.dir);
        let _ = std::fs::write(self.record_of(program, codes), &self.stamp);
    }
}

/// Checks one run of a program against its question's answer.
fn check_run(question: &TracingQuestion, run: &Run) -> Result<(), String> {
    let name = &question.name;
    if let Some(failure) = &run.failure {
        return Err(format!(
            "{name}: the program ends with {failure} (mdbook-quiz wants a Tracing program to \
             succeed); its stderr:\n{}",
            run.stderr
        ));
    }
    let printed: String = run.lines.iter().map(|l| format!("{}\n", l.text)).collect();
    compare_stdout(question.stdout.unwrap_or_default(), &printed).map_err(|diff| {
        format!("{name}: the answer's `stdout` is not what the program prints:\n{diff}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_names_the_text_of_a_program() {
        assert_eq!(program_key("fn main() {}\n"), program_key("fn main() {}\n"));
        assert_ne!(
            program_key("fn main() {}\n"),
            program_key("fn main() { }\n")
        );
        assert_eq!(program_key("").len(), 16);
    }

    #[test]
    fn a_stdout_may_leave_out_the_final_newline_and_nothing_else() {
        assert!(compare_stdout("a\nb\n", "a\nb\n").is_ok());
        assert!(compare_stdout("a\nb", "a\nb\n").is_ok());
        assert!(compare_stdout("a\nb\n\n", "a\nb\n").is_err());
        let diff = compare_stdout("a\nc\n", "a\nb\n").unwrap_err();
        assert!(diff.contains("\n-c\n+b\n"), "{diff}");
    }

    #[test]
    fn error_codes_are_found_in_a_context() {
        assert_eq!(
            error_codes("It fails with E0373 (see E0373), not XE0001 or E12345."),
            ["E0373"]
        );
        assert_eq!(error_codes("E0728: `await` outside `async`"), ["E0728"]);
    }

    #[test]
    fn sentences_are_counted_without_method_calls() {
        assert_eq!(sentences("`e.is_panic()` is true. It was 0.5 s!"), 2);
        assert_eq!(sentences("One. (Two.) \"Three.\""), 3);
        assert_eq!(sentences("One sentence"), 0);
    }
}
