//! What `cargo xtask bless [NAME…]` does: runs the book's programs and writes what they print as their
//! expected outputs: the listings' `.txt`, the asyncio programs' own `.txt`, the Try-it
//! variants' `.txt`. Each program runs twice, side by side with the others; a program that
//! prints something else the second time is refused, not written: its output is not one the
//! book can show.

use std::fs;
use std::path::Path;

use crate::asyncio;
use crate::outputs::run_commands;
use crate::programs::{Expect, Kind, Program, Programs};

/// Blesses the programs of the book at `root` named in `names` (all, if none), saying on stderr
/// what it wrote.
pub fn bless(root: &Path, names: &[String]) -> Result<(), String> {
    let programs = Programs::gather(root, Expect::Anything).map_err(|p| p.join("\n"))?;
    let chosen: Vec<&Program> = programs
        .all
        .iter()
        .filter(|program| names.is_empty() || names.iter().any(|name| is_named(program, name)))
        .collect();
    if chosen.is_empty() {
        return Err(format!("no program is named {names:?}"));
    }
    eprintln!("bless: running {} programs, twice", chosen.len());
    let commands: Vec<_> = chosen
        .iter()
        .map(|program| program.command.clone())
        .collect();
    let first = run_commands(&commands);
    let second = run_commands(&commands);

    let mut refused = Vec::new();
    for ((program, first), second) in chosen.iter().zip(&first).zip(&second) {
        let (output, again) = (first.stdout(), second.stdout());
        let name = &program.listing.name;
        if output != again {
            refused.push(format!(
                "`{name}` printed something else on its second run: not written. First run:\n\
                 {output}Second run:\n{again}"
            ));
            continue;
        }
        let target = &program.listing.expected_output;
        if program.kind == Kind::Asyncio && !is_own_output(program) {
            // It shares its tokio listing's output: bless that listing, not from Python.
            if fs::read_to_string(target).ok().as_deref() != Some(output.as_str()) {
                let own = program.listing.source.with_extension("txt");
                fs::write(&own, &output).map_err(|e| format!("{}: {e}", own.display()))?;
                eprintln!(
                    "bless: `{name}` prints something else than its tokio listing: wrote its own \
                     {} (say in the chapter why they differ)",
                    own.display()
                );
            }
            continue;
        }
        if fs::read_to_string(target).ok().as_deref() != Some(output.as_str()) {
            fs::write(target, &output).map_err(|e| format!("{}: {e}", target.display()))?;
            eprintln!("bless: wrote {}", target.display());
        }
    }
    if refused.is_empty() {
        Ok(())
    } else {
        Err(refused.join("\n"))
    }
}

/// `NAME` names a listing together with its asyncio program and its Try-it variants; the full
/// names (`asyncio/NAME`, `try-it/NAME/SLUG`) name one program.
fn is_named(program: &Program, name: &str) -> bool {
    let full = program.listing.name.as_str();
    full == name || asyncio::mirrored(full) == name || full.starts_with(&format!("try-it/{name}/"))
}

/// Whether an asyncio program has an expected output of its own, beside it.
fn is_own_output(program: &Program) -> bool {
    program.listing.expected_output == program.listing.source.with_extension("txt")
}
