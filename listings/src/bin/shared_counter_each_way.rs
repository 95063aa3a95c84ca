// ANCHOR: all
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};

use tokio::sync::mpsc;
use tokio::task::JoinSet;

const TASKS: u64 = 4;
const ADDS: u64 = 10_000;

/// Spawns `TASKS` tasks made by `make_task`, and waits until all of them are done.
async fn in_tasks<F>(make_task: impl Fn() -> F)
where
    F: Future<Output = ()> + Send + 'static,
{
    let mut set = JoinSet::new();
    for _ in 0..TASKS {
        set.spawn(make_task());
    }
    set.join_all().await;
}

// ANCHOR: main
// The multi-thread runtime: the tasks really run at the same time, on several threads.
#[tokio::main]
async fn main() {
    // 1. An atomic integer: each `fetch_add` is one indivisible step, no lock needed.
    let count = Arc::new(AtomicU64::new(0));
    in_tasks(|| {
        let count = Arc::clone(&count);
        async move {
            for _ in 0..ADDS {
                count.fetch_add(1, Ordering::Relaxed);
            }
        }
    })
    .await;
    println!("AtomicU64:              {}", count.load(Ordering::Relaxed));

    // 2. The standard library's Mutex, locked for one statement, never across an `.await`.
    let count = Arc::new(std::sync::Mutex::new(0));
    in_tasks(|| {
        let count = Arc::clone(&count);
        async move {
            for _ in 0..ADDS {
                *count.lock().unwrap() += 1;
            }
        }
    })
    .await;
    println!("std::sync::Mutex:       {}", *count.lock().unwrap());

    // 3. tokio's Mutex: `lock` is async, and the guard may be held across an `.await`.
    let count = Arc::new(tokio::sync::Mutex::new(0));
    in_tasks(|| {
        let count = Arc::clone(&count);
        async move {
            for _ in 0..ADDS {
                *count.lock().await += 1;
            }
        }
    })
    .await;
    println!("tokio::sync::Mutex:     {}", *count.lock().await);

    // 4. A read-write lock: many readers at once, or one writer. Here every task writes.
    let count = Arc::new(RwLock::new(0));
    in_tasks(|| {
        let count = Arc::clone(&count);
        async move {
            for _ in 0..ADDS {
                *count.write().unwrap() += 1;
            }
        }
    })
    .await;
    println!("std::sync::RwLock:      {}", *count.read().unwrap());

    // 5. No sharing: one task owns the count, the others send it messages.
    let (tx, mut rx) = mpsc::channel(64);
    let owner = tokio::spawn(async move {
        let mut count = 0;
        while let Some(n) = rx.recv().await {
            count += n;
        }
        count
    });
    in_tasks(|| {
        let tx = tx.clone();
        async move {
            for _ in 0..ADDS {
                tx.send(1).await.expect("the owner is receiving");
            }
        }
    })
    .await;
    drop(tx);
    println!("an owner and a channel: {}", owner.await.unwrap());
}
// ANCHOR_END: main
// ANCHOR_END: all
