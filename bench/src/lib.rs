//! The ways of the book to run N tasks concurrently, as one table the benchmark walks through
//! (`benches/ways.rs`, measured with divan), the peak-memory probe (`src/bin/peak.rs`) and the
//! smoke test below. `cargo xtask bench` runs them all and writes the chapter's data.

use std::future::Future;
use std::hint::black_box;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use futures::StreamExt;
use futures::future::join_all;
use futures::stream::FuturesUnordered;
use tokio::runtime::{Builder, Runtime};
use tokio::task::JoinSet;
use tokio_util::task::TaskTracker;

// ANCHOR: work
/// What each of the N tasks does. Two kinds, so that the trivial case measures the cost of a
/// task itself and the sleeping case what happens when N timers are pending at once.
pub trait Work: 'static {
    /// The future of task number `i`; it returns `i`, so the sum proves every task ran.
    fn task(i: u64) -> impl Future<Output = u64> + Send + 'static;
}

/// A task that does nothing but return: all that is measured is the way's own cost.
pub struct Trivial;

impl Work for Trivial {
    // black_box keeps the compiler from folding the whole run into a constant.
    async fn task(i: u64) -> u64 {
        black_box(i)
    }
}
// ANCHOR_END: work

/// A task that sleeps `MILLIS` milliseconds with tokio's timer, the book's `work` function.
pub struct Sleep<const MILLIS: u64>;

impl<const MILLIS: u64> Work for Sleep<MILLIS> {
    async fn task(i: u64) -> u64 {
        tokio::time::sleep(Duration::from_millis(MILLIS)).await;
        i
    }
}

/// A run of one way over `n` tasks, boxed so that every way fits in one table.
pub type Run = Pin<Box<dyn Future<Output = u64> + Send>>;

/// One way of the book, with the asyncio way it stands next to in the chapter's tables.
#[derive(Clone, Copy)]
pub struct Way {
    pub name: &'static str,
    pub asyncio: &'static str,
    pub run: fn(u64) -> Run,
}

// ANCHOR: ways
/// The book's ways, in the order of its chapters. The `asyncio` names are the ways of
/// `bench/asyncio_bench.py`.
pub fn ways<W: Work>() -> [Way; 8] {
    [
        way("spawn_await_each", "create_task_await_each", |n| {
            Box::pin(spawn_await_each::<W>(n))
        }),
        way("join_set_join_next", "task_group", |n| {
            Box::pin(join_set_join_next::<W>(n))
        }),
        way("join_set_join_all", "task_group", |n| {
            Box::pin(join_set_join_all::<W>(n))
        }),
        way("join_all_handles", "wait", |n| {
            Box::pin(join_all_handles::<W>(n))
        }),
        way("unordered_handles", "wait", |n| {
            Box::pin(unordered_handles::<W>(n))
        }),
        way("join_all_futures", "gather", |n| {
            Box::pin(join_all_futures::<W>(n))
        }),
        way("unordered_futures", "gather", |n| {
            Box::pin(unordered_futures::<W>(n))
        }),
        way("task_tracker", "task_group", |n| {
            Box::pin(task_tracker::<W>(n))
        }),
    ]
}
// ANCHOR_END: ways

fn way(name: &'static str, asyncio: &'static str, run: fn(u64) -> Run) -> Way {
    Way { name, asyncio, run }
}

/// The way named `name`, if there is one.
pub fn find_way<W: Work>(name: &str) -> Option<Way> {
    ways::<W>().into_iter().find(|way| way.name == name)
}

/// What every run must return: the sum of the task numbers 0..n.
pub fn expected_sum(n: u64) -> u64 {
    n * n.saturating_sub(1) / 2
}

// ANCHOR: spawn_await_each
/// Create tasks, then await each handle in turn (`create_task`, then `await` each).
async fn spawn_await_each<W: Work>(n: u64) -> u64 {
    let handles: Vec<_> = (0..n).map(|i| tokio::spawn(W::task(i))).collect();
    let mut sum = 0;
    for handle in handles {
        sum += handle.await.unwrap();
    }
    sum
}
// ANCHOR_END: spawn_await_each

/// A `JoinSet`, emptied one task at a time as they end (`asyncio.TaskGroup`).
async fn join_set_join_next<W: Work>(n: u64) -> u64 {
    let mut set = JoinSet::new();
    for i in 0..n {
        set.spawn(W::task(i));
    }
    let mut sum = 0;
    while let Some(result) = set.join_next().await {
        sum += result.unwrap();
    }
    sum
}

/// A `JoinSet`, awaited whole with `join_all` (`asyncio.TaskGroup`).
async fn join_set_join_all<W: Work>(n: u64) -> u64 {
    let set: JoinSet<u64> = (0..n).map(W::task).collect();
    set.join_all().await.into_iter().sum()
}

/// `futures::future::join_all` over the handles of spawned tasks (`asyncio.wait`).
async fn join_all_handles<W: Work>(n: u64) -> u64 {
    let handles = (0..n).map(|i| tokio::spawn(W::task(i)));
    join_all(handles)
        .await
        .into_iter()
        .map(Result::unwrap)
        .sum()
}

/// A `FuturesUnordered` of the handles of spawned tasks (`asyncio.wait`, `as_completed`).
async fn unordered_handles<W: Work>(n: u64) -> u64 {
    let handles: FuturesUnordered<_> = (0..n).map(|i| tokio::spawn(W::task(i))).collect();
    handles.map(Result::unwrap).fold(0, sum).await
}

// ANCHOR: join_all_futures
/// `join_all` over plain futures: no task per future, all of them inside the future that
/// awaits them, here the one `block_on` runs (`asyncio.gather`, which does make a task of each
/// coroutine).
async fn join_all_futures<W: Work>(n: u64) -> u64 {
    join_all((0..n).map(W::task)).await.into_iter().sum()
}
// ANCHOR_END: join_all_futures

/// A `FuturesUnordered` of plain futures, inside the future that awaits it (`asyncio.gather`).
async fn unordered_futures<W: Work>(n: u64) -> u64 {
    let futures: FuturesUnordered<_> = (0..n).map(W::task).collect();
    futures.fold(0, sum).await
}

/// tokio-util's `TaskTracker`: spawn, close, wait (`asyncio.TaskGroup` without results).
async fn task_tracker<W: Work>(n: u64) -> u64 {
    // A tracker keeps no results; each task adds its own to a shared total, so that this way
    // is checked like the others. The atomic add costs a few nanoseconds per task.
    let total = Arc::new(AtomicU64::new(0));
    let tracker = TaskTracker::new();
    for i in 0..n {
        let total = Arc::clone(&total);
        tracker.spawn(async move { total.fetch_add(W::task(i).await, Ordering::Relaxed) });
    }
    tracker.close();
    tracker.wait().await;
    total.load(Ordering::Relaxed)
}

async fn sum(total: u64, value: u64) -> u64 {
    total + value
}

/// The two runtimes of the book, as `#[tokio::main]` builds them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flavor {
    CurrentThread,
    MultiThread,
}

impl Flavor {
    pub const ALL: [Flavor; 2] = [Flavor::CurrentThread, Flavor::MultiThread];

    pub fn name(self) -> &'static str {
        match self {
            Flavor::CurrentThread => "current_thread",
            Flavor::MultiThread => "multi_thread",
        }
    }

    pub fn from_name(name: &str) -> Option<Flavor> {
        Flavor::ALL.into_iter().find(|flavor| flavor.name() == name)
    }

    /// A runtime like `#[tokio::main(flavor = ...)]` makes: every driver on, and on the
    /// multi-thread runtime one worker per core.
    pub fn runtime(self) -> Runtime {
        let mut builder = match self {
            Flavor::CurrentThread => Builder::new_current_thread(),
            Flavor::MultiThread => Builder::new_multi_thread(),
        };
        builder
            .enable_all()
            .build()
            .expect("cannot build a tokio runtime")
    }
}

/// Runs `way` over `n` tasks on `runtime`, from outside it, as `#[tokio::main]` runs `main`.
pub fn run_on(runtime: &Runtime, way: &Way, n: u64) -> u64 {
    runtime.block_on((way.run)(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every way completes every task on both runtimes: the benchmark cannot rot unnoticed.
    /// `expected` is what the `n` tasks of `W` add up to.
    fn every_way_completes<W: Work>(n: u64, expected: u64) {
        for flavor in Flavor::ALL {
            let runtime = flavor.runtime();
            for way in ways::<W>() {
                assert_eq!(
                    run_on(&runtime, &way, n),
                    expected,
                    "{} on {}",
                    way.name,
                    flavor.name()
                );
            }
        }
    }

    /// Task `i` returns `i + 1`: with the benchmark's tasks (task `i` returns `i`), a way that
    /// skipped task 0 would still add up right.
    struct Counted;

    impl Work for Counted {
        async fn task(i: u64) -> u64 {
            tokio::task::yield_now().await;
            i + 1
        }
    }

    #[test]
    fn every_way_completes_a_hundred_trivial_tasks() {
        every_way_completes::<Trivial>(100, expected_sum(100));
    }

    #[test]
    fn every_way_runs_every_task_once() {
        every_way_completes::<Counted>(100, expected_sum(101));
    }

    #[test]
    fn every_way_completes_a_hundred_sleeping_tasks() {
        every_way_completes::<Sleep<10>>(100, expected_sum(100));
    }

    #[test]
    fn ways_are_found_by_name() {
        for way in ways::<Trivial>() {
            assert_eq!(find_way::<Trivial>(way.name).unwrap().name, way.name);
        }
        assert!(find_way::<Trivial>("nowhere").is_none());
    }
}
