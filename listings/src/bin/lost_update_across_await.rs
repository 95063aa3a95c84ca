// ANCHOR: all
use std::sync::Arc;

use tokio::task::JoinSet;

const TASKS: u64 = 4;
const ROUNDS: u64 = 1000;

/// Adds one, `ROUNDS` times, but reads and writes under two separate locks, with an `.await`
/// in between: other tasks can run there, and their updates get overwritten.
async fn add_racy(counter: Arc<std::sync::Mutex<u64>>) {
    for _ in 0..ROUNDS {
        let value = *counter.lock().unwrap();
        // Stands in for any `.await` between the read and the write (a request, a query).
        tokio::task::yield_now().await;
        *counter.lock().unwrap() = value + 1;
    }
}

/// The same, with one lock held from the read to the write, across the `.await`: tokio's
/// `Mutex`, whose guard may be held across an `.await`.
async fn add_locked(counter: Arc<tokio::sync::Mutex<u64>>) {
    for _ in 0..ROUNDS {
        let mut value = counter.lock().await;
        tokio::task::yield_now().await;
        *value += 1;
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let counter = Arc::new(std::sync::Mutex::new(0));
    let mut tasks = JoinSet::new();
    for _ in 0..TASKS {
        tasks.spawn(add_racy(Arc::clone(&counter)));
    }
    tasks.join_all().await;
    println!("read, await, write: {}", *counter.lock().unwrap());

    let counter = Arc::new(tokio::sync::Mutex::new(0));
    let mut tasks = JoinSet::new();
    for _ in 0..TASKS {
        tasks.spawn(add_locked(Arc::clone(&counter)));
    }
    tasks.join_all().await;
    println!("lock held across the await: {}", *counter.lock().await);
    println!("expected: {}", TASKS * ROUNDS);
}
// ANCHOR_END: all
