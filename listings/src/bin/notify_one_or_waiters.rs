// ANCHOR: all
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Notify;
use tokio::task::JoinSet;
use tokio::time::timeout;

// Paused time (tokio feature "test-util"): when every task waits, the clock jumps to the
// next timer, so the program runs in an instant and its output never depends on load.
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let notify = Arc::new(Notify::new());

    // 1. `notify_one` with nobody waiting stores a permit, but only one.
    notify.notify_one();
    notify.notify_one();
    notify.notified().await;
    println!("first wait: done at once, it took the stored permit");
    if timeout(Duration::from_millis(100), notify.notified())
        .await
        .is_err()
    {
        println!("second wait: still waiting after 100 ms, no permit left");
    }

    // 2. `notify_waiters` wakes every task that waits right now, and stores nothing.
    let mut listeners = JoinSet::new();
    for id in 1..=3 {
        let notify = Arc::clone(&notify);
        listeners.spawn(async move {
            notify.notified().await;
            id
        });
    }
    // Let the three listeners start waiting (on the paused clock, this takes no real time).
    tokio::time::sleep(Duration::from_millis(10)).await;
    notify.notify_waiters();
    let mut woken = listeners.join_all().await;
    woken.sort();
    println!("listeners woken: {woken:?}");

    if timeout(Duration::from_millis(100), notify.notified())
        .await
        .is_err()
    {
        println!("a late listener: still waiting after 100 ms, it missed the call");
    }
}
// ANCHOR_END: all
