//! `coop_probe [N...]`: why N sleeping futures in one `join_all` end late on the
//! current-thread runtime. It runs `join_all` over N futures that each sleep one second, with
//! and without tokio's cooperative budget (`tokio::task::unconstrained`), on the current-thread
//! runtime and, for the largest N, on the multi-thread runtime, and prints the wall time, how
//! often the future holding the `join_all` was polled, and how often the N futures were polled
//! in all. `cargo xtask bench` saves its output for the chapter.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use futures::future::join_all;
use tokio::task::unconstrained;

/// Polls of the N child futures, and of the future of the task that holds them.
static CHILD_POLLS: AtomicU64 = AtomicU64::new(0);
static TASK_POLLS: AtomicU64 = AtomicU64::new(0);

/// Counts the polls of the future it wraps.
struct Counted<F> {
    inner: Pin<Box<F>>,
    counter: &'static AtomicU64,
}

impl<F: Future> Future for Counted<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        self.counter.fetch_add(1, Ordering::Relaxed);
        self.inner.as_mut().poll(cx)
    }
}

fn counted<F: Future>(inner: F, counter: &'static AtomicU64) -> Counted<F> {
    Counted {
        inner: Box::pin(inner),
        counter,
    }
}

/// N futures that sleep one second each, in one `join_all`, every poll counted.
async fn join_all_sleepers(n: u64) {
    let sleepers =
        (0..n).map(|_| counted(tokio::time::sleep(Duration::from_secs(1)), &CHILD_POLLS));
    join_all(sleepers).await;
}

/// Where the `join_all` runs.
#[derive(Clone, Copy)]
enum Place {
    /// `block_on` of a current-thread runtime: `#[tokio::main(flavor = "current_thread")]`.
    CurrentThread,
    /// `block_on` of a multi-thread runtime (`#[tokio::main]`): the main thread, which is not
    /// one of the runtime's workers.
    MultiThreadMain,
    /// A task spawned on the multi-thread runtime: it runs on a worker.
    MultiThreadTask,
}

impl Place {
    fn name(self) -> &'static str {
        match self {
            Place::CurrentThread => "current-thread, main",
            Place::MultiThreadMain => "multi-thread, main",
            Place::MultiThreadTask => "multi-thread, a task",
        }
    }

    fn run(self, future: impl Future<Output = ()> + Send + 'static) {
        let runtime = match self {
            Place::CurrentThread => tokio::runtime::Builder::new_current_thread(),
            _ => tokio::runtime::Builder::new_multi_thread(),
        }
        .enable_all()
        .build()
        .expect("cannot build a tokio runtime");
        match self {
            Place::MultiThreadTask => {
                runtime.block_on(async { tokio::spawn(future).await.unwrap() })
            }
            _ => runtime.block_on(future),
        }
    }
}

/// Runs `join_all_sleepers(n)` at `place`, with or without the cooperative budget, and prints
/// one line: where, budget, N, seconds, polls of the task's future, polls of the children.
fn probe(place: Place, budgeted: bool, n: u64) {
    TASK_POLLS.store(0, Ordering::Relaxed);
    CHILD_POLLS.store(0, Ordering::Relaxed);
    let start = Instant::now();
    if budgeted {
        place.run(counted(join_all_sleepers(n), &TASK_POLLS));
    } else {
        place.run(counted(unconstrained(join_all_sleepers(n)), &TASK_POLLS));
    }
    println!(
        "{:<21} {:<14} {n:>7} {:>8.2} s {:>11} {:>13}",
        place.name(),
        if budgeted {
            "budget (128)"
        } else {
            "unconstrained"
        },
        start.elapsed().as_secs_f64(),
        TASK_POLLS.load(Ordering::Relaxed),
        CHILD_POLLS.load(Ordering::Relaxed),
    );
}

/// `coop_probe N...`: every N on the current-thread runtime, with and without the budget;
/// then the largest N on the multi-thread runtime, in `main` and in a spawned task.
fn main() {
    let mut sizes: Vec<u64> = std::env::args()
        .skip(1)
        .map(|arg| arg.parse().expect("N must be a number"))
        .collect();
    if sizes.is_empty() {
        sizes = vec![25_000, 50_000, 100_000];
    }
    println!(
        "{:<21} {:<14} {:>7} {:>10} {:>11} {:>13}",
        "where", "budget", "N", "wall time", "task polls", "future polls"
    );
    for budgeted in [true, false] {
        for &n in &sizes {
            probe(Place::CurrentThread, budgeted, n);
        }
    }
    let largest = *sizes.iter().max().unwrap();
    probe(Place::MultiThreadMain, true, largest);
    probe(Place::MultiThreadTask, true, largest);
}
