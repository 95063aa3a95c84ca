//! Time and bytes allocated per run of each way, measured by divan. Run by `cargo xtask bench`,
//! which passes the sample counts and reads the report; `BENCH_SMOKE=1` makes every case tiny.
//!
//! Two benchmarks: `trivial` (N tasks that only return, N = 10^3 to 10^6) and `sleeping`
//! (10^5 tasks that each sleep one second with tokio's timer).

use std::fmt;

use bench::{Flavor, Sleep, Trivial, Way, Work, run_on, ways};
use divan::{AllocProfiler, Bencher};

// Counts the bytes and allocations of every run (on the thread that runs `block_on`, which is
// where tasks and combinators allocate: divan does not see the multi-thread runtime's workers).
#[global_allocator]
static ALLOC: AllocProfiler = AllocProfiler::system();

fn main() {
    divan::main();
}

/// One line of divan's report: a way, on a runtime, over `n` tasks.
#[derive(Clone, Copy)]
struct Case {
    way: Way,
    flavor: Flavor,
    n: u64,
}

// The name divan prints for the case, which `cargo xtask bench` splits back into its parts.
impl fmt::Display for Case {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}/{}", self.way.name, self.flavor.name(), self.n)
    }
}

/// Every way on every runtime at every size in `sizes`.
fn cases<W: Work>(sizes: &[u64]) -> Vec<Case> {
    let mut cases = Vec::new();
    for &n in sizes {
        for flavor in Flavor::ALL {
            cases.extend(ways::<W>().map(|way| Case { way, flavor, n }));
        }
    }
    cases
}

/// A smoke run (CI) measures a hundred tasks and sleeps 10 ms instead of a second.
fn smoke() -> bool {
    std::env::var_os("BENCH_SMOKE").is_some()
}

fn trivial_cases() -> Vec<Case> {
    if smoke() {
        cases::<Trivial>(&[100])
    } else {
        cases::<Trivial>(&[1_000, 10_000, 100_000, 1_000_000])
    }
}

fn sleeping_cases() -> Vec<Case> {
    if smoke() {
        cases::<Sleep<10>>(&[100])
    } else {
        cases::<Sleep<1000>>(&[100_000])
    }
}

#[divan::bench(args = trivial_cases())]
fn trivial(bencher: Bencher, case: &Case) {
    measure(bencher, case);
}

#[divan::bench(args = sleeping_cases())]
fn sleeping(bencher: Bencher, case: &Case) {
    measure(bencher, case);
}

// ANCHOR: measure
/// Times whole runs of the case. The runtime is built once, outside the timed part, as a
/// program builds it once in `main`.
fn measure(bencher: Bencher, case: &Case) {
    let runtime = case.flavor.runtime();
    bencher.bench_local(|| run_on(&runtime, &case.way, case.n));
}
// ANCHOR_END: measure
