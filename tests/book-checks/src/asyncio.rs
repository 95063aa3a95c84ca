//! The asyncio programs the book shows beside the tokio listings: `listings/asyncio/NAME.py`.
//!
//! Each prints what the tokio listing of the same name prints (`listings/src/bin/NAME.txt`),
//! unless it differs on purpose: then it has its own `listings/asyncio/NAME.txt`, and the
//! chapter says why.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::outputs::{CommandLine, Listing};

/// The oldest Python the programs are written for (`asyncio.TaskGroup`, `asyncio.timeout`).
pub const MINIMUM: (u32, u32) = (3, 11);

/// Finds the asyncio programs in `dir`, each with the output it must print: its own `.txt` if it
/// has one, else the tokio listing's of the same name, else (missing) its own.
pub fn find_programs(dir: &Path, listings: &Path) -> Vec<Listing> {
    let mut scripts: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "py"))
        .collect();
    scripts.sort();
    scripts
        .into_iter()
        .map(|script| {
            let name = script.file_stem().unwrap().to_string_lossy().into_owned();
            let own = script.with_extension("txt");
            let shared = listings.join(format!("{name}.txt"));
            Listing {
                name: format!("asyncio/{name}"),
                expected_output: if own.exists() || !shared.exists() {
                    own
                } else {
                    shared
                },
                source: script,
            }
        })
        .collect()
}

/// The tokio listing an asyncio program mirrors: `asyncio/NAME` -> `NAME`.
pub fn mirrored(name: &str) -> &str {
    name.strip_prefix("asyncio/").unwrap_or(name)
}

/// The command that runs `script`: unbuffered, so each line is timed when it is printed.
pub fn command_line(python: &Path, script: &Path) -> CommandLine {
    vec![
        python.as_os_str().to_owned(),
        "-u".into(),
        script.as_os_str().to_owned(),
    ]
}

/// The `python3` to run the programs with, or one line saying what is missing.
pub fn find_python() -> Result<PathBuf, String> {
    let python = PathBuf::from("python3");
    let output = Command::new(&python)
        .args(["-c", "import sys; print('%d.%d' % sys.version_info[:2])"])
        .output()
        .map_err(|_| {
            format!(
                "no `python3` on PATH: the asyncio programs in listings/asyncio/ need Python \
                 {}.{} or newer (on Debian: apt-get install python3)",
                MINIMUM.0, MINIMUM.1
            )
        })?;
    let version = String::from_utf8_lossy(&output.stdout).trim().to_owned();
    let parsed = version
        .split_once('.')
        .and_then(|(major, minor)| Some((major.parse().ok()?, minor.parse().ok()?)));
    match parsed {
        Some(found) if found >= MINIMUM => Ok(python),
        _ => Err(format!(
            "`python3` is {}: the asyncio programs in listings/asyncio/ need Python {}.{} or newer",
            if version.is_empty() {
                "unusable"
            } else {
                &version
            },
            MINIMUM.0,
            MINIMUM.1
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_program_takes_its_own_output_or_its_listings() {
        let work = tempfile::tempdir().unwrap();
        let (py, bin) = (work.path().join("asyncio"), work.path().join("bin"));
        std::fs::create_dir_all(&py).unwrap();
        std::fs::create_dir_all(&bin).unwrap();
        for file in [
            "asyncio/same.py",
            "bin/same.txt",
            "asyncio/own.py",
            "asyncio/own.txt",
        ] {
            std::fs::write(work.path().join(file), "").unwrap();
        }
        std::fs::write(py.join("lonely.py"), "").unwrap();

        let programs = find_programs(&py, &bin);

        let outputs: Vec<_> = programs.iter().map(|p| &p.expected_output).collect();
        assert_eq!(
            outputs,
            [
                &py.join("lonely.txt"),
                &py.join("own.txt"),
                &bin.join("same.txt")
            ]
        );
        assert_eq!(programs[2].name, "asyncio/same");
        let problems = crate::outputs::missing_outputs(&programs);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("`asyncio/lonely` has no expected output"));
    }
}
