//! Every program of the book, gathered from its one home each, built, and checked after a run:
//! the listings (`listings/src/bin/`), their asyncio counterparts (`listings/asyncio/`) and their
//! Try-it variants (`listings/try-it/`). `tests/outputs.rs`, `cargo xtask bless` and
//! `cargo xtask stress` all start here.

use std::path::{Path, PathBuf};

use crate::asyncio;
use crate::outputs::{
    CommandLine, Listing, Run, build_binaries, command_line, compare, find_listings,
    missing_outputs,
};
use crate::shapes::Shapes;
use crate::variants::find_variants;

/// Whether every program must already have its expected output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    Outputs,
    Anything,
}

/// What kind of program it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Listing,
    Asyncio,
    Variant,
}

/// A program, how to run it, and what its run must show.
#[derive(Debug, Clone)]
pub struct Program {
    pub listing: Listing,
    pub kind: Kind,
    pub command: CommandLine,
    /// The file a run depends on: the built binary, or the script.
    pub executable: PathBuf,
    /// The listing whose shape it is held to (none for a variant: it changes what is timed).
    pub shape_of: Option<String>,
}

/// Every program of the book at `root`, with the shapes they are held to.
pub struct Programs {
    pub all: Vec<Program>,
    pub shapes: Shapes,
    pub shapes_file: PathBuf,
}

impl Programs {
    /// Finds every program and builds the Rust ones. Everything found wrong on the way (a
    /// program without expected output, a stale variant, an undeclared shape, no Python) is
    /// returned together, one line each. `Expect::Anything` lets programs without an expected
    /// output through, for `cargo xtask bless` to write it.
    pub fn gather(root: &Path, expect: Expect) -> Result<Programs, Vec<String>> {
        let listings_dir = root.join("listings");
        let bin = listings_dir.join("src/bin");
        let shapes_file = listings_dir.join("shapes.toml");
        let mut problems = Vec::new();
        let listings = find_listings(&bin);
        let scripts = asyncio::find_programs(&listings_dir.join("asyncio"), &bin);
        let variants = keep(
            find_variants(&listings_dir.join("try-it"), &bin, &root.join("src")),
            &mut problems,
        );
        if expect == Expect::Outputs {
            let variant_listings: Vec<Listing> = variants.iter().map(|v| v.as_listing()).collect();
            problems.extend(missing_outputs(
                listings.iter().chain(&scripts).chain(&variant_listings),
            ));
        }
        let shapes = Shapes::load(&shapes_file).unwrap_or_else(|problem| {
            problems.push(problem);
            Shapes::default()
        });
        let python = if scripts.is_empty() {
            None
        } else {
            asyncio::find_python()
                .map_err(|problem| problems.push(problem))
                .ok()
        };
        for variant in &variants {
            if let Err(problem) = variant.apply() {
                problems.push(problem);
            }
        }
        for listing in listings.iter().chain(&scripts) {
            let name = asyncio::mirrored(&listing.name);
            let expected = std::fs::read_to_string(&listing.expected_output).unwrap_or_default();
            if let Err(problem) = shapes.check_declared(name, &expected, &shapes_file) {
                problems.push(problem);
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }

        let binaries = build_binaries(root, "listings");
        let rust = listings.into_iter().map(|listing| {
            let executable = binaries[&listing.name].clone();
            Program {
                command: command_line(&executable),
                shape_of: Some(listing.name.clone()),
                kind: Kind::Listing,
                executable,
                listing,
            }
        });
        let python_programs = scripts.into_iter().map(|listing| Program {
            command: asyncio::command_line(python.as_deref().unwrap(), &listing.source),
            shape_of: Some(asyncio::mirrored(&listing.name).to_owned()),
            kind: Kind::Asyncio,
            executable: listing.source.clone(),
            listing,
        });
        let variant_programs = variants.iter().map(|variant| {
            let try_it = binaries["try-it"].clone();
            let mut command = command_line(&try_it);
            command.push(variant.id.clone().into());
            Program {
                listing: variant.as_listing(),
                kind: Kind::Variant,
                command,
                executable: try_it,
                shape_of: None,
            }
        });
        Ok(Programs {
            all: rust
                .chain(python_programs)
                .chain(variant_programs)
                .collect(),
            shapes,
            shapes_file,
        })
    }

    /// Whether a warm run may skip `program` (see [`crate::outputs::PassRecord`]).
    pub fn is_slow(&self, program: &Program) -> bool {
        program
            .shape_of
            .as_deref()
            .is_some_and(|name| self.shapes.is_slow(name))
    }

    /// Checks one run of `program`: its output, line for line (or as a set, for an unordered
    /// shape), then the timing its shape demands.
    pub fn check(&self, program: &Program, run: &Run) -> Result<(), String> {
        let listing = &program.listing;
        let expected = std::fs::read_to_string(&listing.expected_output)
            .map_err(|e| format!("{}: {e}", listing.expected_output.display()))?;
        let order = match &program.shape_of {
            Some(name) => self.shapes.order(name),
            None => crate::outputs::Order::Exact,
        };
        compare(listing, &expected, &run.stdout(), order).map_err(|diff| {
            if run.success() || run.stderr.trim().is_empty() {
                diff
            } else {
                format!("{diff}\nits stderr:\n{}", run.stderr)
            }
        })?;
        match &program.shape_of {
            Some(name) => self
                .shapes
                .check_timing(name, run)
                .map_err(|e| format!("`{}`: {e}", listing.name)),
            None => Ok(()),
        }
    }

    /// How many programs there are of `kind`.
    pub fn count(&self, kind: Kind) -> usize {
        self.all
            .iter()
            .filter(|program| program.kind == kind)
            .count()
    }
}

/// What was found, with its problems moved to `problems`.
fn keep<T>(found: Result<Vec<T>, Vec<String>>, problems: &mut Vec<String>) -> Vec<T> {
    found.unwrap_or_else(|mut found_problems| {
        problems.append(&mut found_problems);
        Vec::new()
    })
}
