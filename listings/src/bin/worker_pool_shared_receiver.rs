// ANCHOR: all
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{Mutex, mpsc};
use tokio::task::JoinSet;

/// Takes jobs from the shared receiver until the channel is closed and empty, runs each (a job
/// is a number of milliseconds to work), and returns its id and how many jobs it ran.
async fn worker(id: u32, jobs: Arc<Mutex<mpsc::Receiver<u64>>>) -> (u32, usize) {
    let mut done = 0;
    loop {
        // The guard `lock()` returns is a temporary of this statement: it is dropped at the
        // `;`, so the lock is held only while waiting for a job, not while running it.
        let next = jobs.lock().await.recv().await;
        let Some(millis) = next else { break };
        tokio::time::sleep(Duration::from_millis(millis)).await;
        println!("worker {id} finished a {millis} ms job");
        done += 1;
    }
    (id, done)
}

// Paused time (tokio feature "test-util"): when every task waits, the clock jumps to the
// next timer, so the program runs in an instant and its output never depends on load.
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let (tx, rx) = mpsc::channel(16);
    // One Receiver, shared: each worker locks it to take the next job.
    let rx = Arc::new(Mutex::new(rx));

    let mut workers = JoinSet::new();
    for id in 1..=2 {
        workers.spawn(worker(id, Arc::clone(&rx)));
    }

    for millis in [2000, 100, 200, 300] {
        tx.send(millis)
            .await
            .expect("the workers are still receiving");
    }
    // The only Sender goes: once the four jobs are taken, every `recv` returns `None`.
    drop(tx);

    let mut per_worker = workers.join_all().await;
    per_worker.sort();
    let counts: Vec<usize> = per_worker.iter().map(|&(_, done)| done).collect();
    println!("jobs per worker: {counts:?}");
}
// ANCHOR_END: all
