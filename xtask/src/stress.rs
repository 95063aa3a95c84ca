//! `cargo xtask stress [ROUNDS]`: runs every program of the book ROUNDS times (default 20)
//! while busy loops load every core, and reports each output that differs from the expected
//! one. The book promises the same output on a busy machine: this is the busy machine.
//! The slow listings (the twenty-second sequential baseline) are left out.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::Instant;

use book_checks::outputs::run_commands;
use book_checks::programs::{Expect, Program, Programs};

use crate::repo_root;

pub fn run(args: &[String]) -> Result<(), String> {
    let rounds: usize = match args {
        [] => 20,
        [rounds] => rounds
            .parse()
            .map_err(|_| format!("ROUNDS must be a number, got `{rounds}`"))?,
        _ => return Err(format!("usage: cargo xtask stress [ROUNDS], got {args:?}")),
    };
    let programs = Programs::gather(&repo_root(), Expect::Outputs).map_err(|p| p.join("\n"))?;
    let chosen: Vec<&Program> = programs
        .all
        .iter()
        .filter(|program| !programs.is_slow(program))
        .collect();
    let commands: Vec<_> = chosen
        .iter()
        .map(|program| program.command.clone())
        .collect();
    let cores = thread::available_parallelism().map_or(2, |n| n.get());
    eprintln!(
        "xtask: {rounds} rounds of {} programs, side by side, under {cores} busy loops",
        chosen.len()
    );

    let busy = BusyLoops::start(cores);
    let started = Instant::now();
    // For each program that failed: how many rounds it failed, and its first failure.
    let mut failures: BTreeMap<&str, (usize, String)> = BTreeMap::new();
    for round in 1..=rounds {
        let runs = run_commands(&commands);
        for (program, run) in chosen.iter().zip(&runs) {
            if let Err(failure) = programs.check(program, run) {
                failures
                    .entry(&program.listing.name)
                    .or_insert((0, failure))
                    .0 += 1;
            }
        }
        eprintln!(
            "xtask: round {round}/{rounds} done, {} programs failed so far ({:.0?})",
            failures.len(),
            started.elapsed()
        );
    }
    drop(busy);

    if failures.is_empty() {
        eprintln!(
            "xtask: stress clean: {} runs, every output as expected",
            rounds * chosen.len()
        );
        return Ok(());
    }
    let report: Vec<String> = failures
        .iter()
        .map(|(name, (count, first))| {
            format!("`{name}` failed {count} of {rounds} rounds; first:\n{first}")
        })
        .collect();
    Err(report.join("\n\n"))
}

/// Threads that spin until dropped, one per core.
struct BusyLoops {
    stop: Arc<AtomicBool>,
    threads: Vec<thread::JoinHandle<()>>,
}

impl BusyLoops {
    fn start(count: usize) -> BusyLoops {
        let stop = Arc::new(AtomicBool::new(false));
        let threads = (0..count)
            .map(|_| {
                let stop = Arc::clone(&stop);
                thread::spawn(move || {
                    let mut spins = 0u64;
                    while !stop.load(Ordering::Relaxed) {
                        spins = std::hint::black_box(spins.wrapping_add(1));
                    }
                })
            })
            .collect();
        BusyLoops { stop, threads }
    }
}

impl Drop for BusyLoops {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        for thread in self.threads.drain(..) {
            let _ = thread.join();
        }
    }
}
