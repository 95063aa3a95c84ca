//! CONTRIBUTING.md's recipe, "Add a chapter with a listing", walked step by step on a scratch
//! copy of the book: its files written, its commands run, and the book green at the end. A
//! recipe that no longer works fails here, naming the step.

use std::fs;
use std::path::{Path, PathBuf};

use book_checks::book_check::{BookLayout, check_book};
use book_checks::outputs::run_commands;
use book_checks::programs::{Expect, Programs};
use book_checks::repo_root;

const SECTION: &str = "## Add a chapter with a listing";
const MOST_STEPS: usize = 6;

/// One thing a step asks for.
#[derive(Debug)]
enum Action {
    Write { path: String, text: String },
    Append { path: String, text: String },
    Run(String),
}

#[test]
fn the_contributors_recipe_ends_green() {
    let root = repo_root();
    let recipe = fs::read_to_string(root.join("CONTRIBUTING.md")).unwrap();
    let steps = steps_of(&recipe);
    assert!(
        (1..=MOST_STEPS).contains(&steps.len()),
        "CONTRIBUTING.md: the recipe has {} steps; keep it to {MOST_STEPS} or fewer",
        steps.len()
    );

    let scratch = scratch_book(&root);
    for (title, actions) in &steps {
        for action in actions {
            walk(&scratch, action)
                .unwrap_or_else(|e| panic!("CONTRIBUTING.md, step `{title}`: {e}"));
        }
    }
}

/// The recipe's steps (`### ` headings) and what each asks for, in order.
fn steps_of(text: &str) -> Vec<(String, Vec<Action>)> {
    let start = text
        .find(SECTION)
        .expect("CONTRIBUTING.md has no recipe section");
    let body = &text[start + SECTION.len()..];
    let body = &body[..body.find("\n## ").unwrap_or(body.len())];
    let mut steps: Vec<(String, Vec<Action>)> = Vec::new();
    let mut lines = body.lines();
    while let Some(line) = lines.next() {
        if let Some(title) = line.strip_prefix("### ") {
            steps.push((title.to_owned(), Vec::new()));
            continue;
        }
        let fence_len = line.chars().take_while(|&c| c == '`').count();
        if fence_len < 3 {
            continue;
        }
        let fence = &line[..fence_len];
        let info: Vec<&str> = line[fence_len..].split_whitespace().collect();
        let block: Vec<&str> = lines
            .by_ref()
            .take_while(|l| l.trim_end() != fence)
            .collect();
        let text = block.iter().map(|l| format!("{l}\n")).collect::<String>();
        let target = |key: &str| {
            info.iter()
                .find_map(|word| word.strip_prefix(key))
                .map(str::to_owned)
        };
        let action = if let Some(path) = target("file=") {
            Action::Write { path, text }
        } else if let Some(path) = target("append=") {
            Action::Append { path, text }
        } else if info.first() == Some(&"sh") {
            Action::Run(text.trim().to_owned())
        } else {
            continue;
        };
        steps
            .last_mut()
            .expect("a block before the first step")
            .1
            .push(action);
    }
    steps
}

fn walk(scratch: &Path, action: &Action) -> Result<(), String> {
    match action {
        Action::Write { path, text } => {
            let file = scratch.join(path);
            fs::create_dir_all(file.parent().unwrap()).unwrap();
            fs::write(file, text).map_err(|e| e.to_string())
        }
        Action::Append { path, text } => {
            let file = scratch.join(path);
            let before = fs::read_to_string(&file).map_err(|e| format!("{path}: {e}"))?;
            fs::write(file, before + text).map_err(|e| e.to_string())
        }
        Action::Run(command) => match command.split_whitespace().collect::<Vec<_>>()[..] {
            ["cargo", "xtask", "bless", ref names @ ..] => {
                let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
                book_checks::bless::bless(scratch, &names)
            }
            ["cargo", "test"] => every_check(scratch),
            _ => Err(format!("the test cannot walk the command `{command}`")),
        },
    }
}

/// What `cargo test` checks, on the scratch book: its programs' outputs, and the book itself.
fn every_check(scratch: &Path) -> Result<(), String> {
    let programs = Programs::gather(scratch, Expect::Outputs).map_err(|p| p.join("\n"))?;
    let commands: Vec<_> = programs.all.iter().map(|p| p.command.clone()).collect();
    let mut problems: Vec<String> = programs
        .all
        .iter()
        .zip(run_commands(&commands))
        .filter_map(|(program, run)| programs.check(program, &run).err())
        .collect();
    let listings = ["listings/src/bin", "listings/asyncio", "listings/try-it"];
    problems.extend(check_book(&BookLayout {
        listings: listings.iter().map(|folder| scratch.join(folder)).collect(),
        root: scratch.to_owned(),
    }));
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n"))
    }
}

/// A copy of the book with no chapter and no listing yet: the book's configuration and theme,
/// the listings crate's manifest and build script, and a workspace around it that builds with
/// the repository's lock file, dependencies and profile (into the repository's target folder,
/// so nothing is compiled twice).
fn scratch_book(root: &Path) -> PathBuf {
    let scratch = root.join("target/recipe-scratch");
    let _ = fs::remove_dir_all(&scratch);
    for file in [
        "book.toml",
        "Cargo.lock",
        "listings/Cargo.toml",
        "listings/build.rs",
        "listings/shapes.toml",
        "listings/src/try_it/main.rs",
    ] {
        copy(&root.join(file), &scratch.join(file));
    }
    // The scratch crate builds into the repository's target folder. Cargo tells two path
    // packages apart there by name, version and path relative to their workspace, which are the
    // book's: give the scratch one a version of its own, or its build script's output (a
    // `try-it` with no variants) takes the place of the book's. Binaries land under their own
    // names, so its `try-it` gets another name too.
    let manifest = scratch.join("listings/Cargo.toml");
    let renamed = fs::read_to_string(&manifest)
        .unwrap()
        .replacen("version = \"0.1.0\"", "version = \"0.1.0-recipe\"", 1)
        .replace("name = \"try-it\"", "name = \"recipe-try-it\"");
    fs::write(&manifest, renamed).unwrap();
    for entry in fs::read_dir(root.join("theme")).unwrap().flatten() {
        copy(
            &entry.path(),
            &scratch.join("theme").join(entry.file_name()),
        );
    }
    fs::create_dir_all(scratch.join("listings/src/bin")).unwrap();
    fs::create_dir_all(scratch.join("src")).unwrap();
    fs::write(scratch.join("src/SUMMARY.md"), "# Summary\n\n").unwrap();

    let mut manifest: toml::Table =
        toml::from_str(&fs::read_to_string(root.join("Cargo.toml")).unwrap()).unwrap();
    manifest.retain(|key, _| key == "workspace" || key == "profile");
    let workspace = manifest["workspace"].as_table_mut().unwrap();
    workspace.retain(|key, _| matches!(key, "package" | "dependencies" | "resolver"));
    workspace.insert(
        "members".into(),
        toml::Value::Array(vec!["listings".into()]),
    );
    let dependencies = workspace["dependencies"].as_table_mut().unwrap();
    dependencies.retain(|_, spec| spec.get("path").is_none());
    fs::write(scratch.join("Cargo.toml"), manifest.to_string()).unwrap();
    scratch
}

fn copy(from: &Path, to: &Path) {
    fs::create_dir_all(to.parent().unwrap()).unwrap();
    fs::copy(from, to).unwrap_or_else(|e| panic!("{}: {e}", from.display()));
}
