// ANCHOR: all
use std::time::Duration;

use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

// ANCHOR: shown
/// Works in small steps until `token` is cancelled, then saves its work and stops.
async fn worker(id: u64, token: CancellationToken) {
    loop {
        tokio::select! {
            // At a step's end both branches can be ready at once; `biased` checks them in the
            // order written (by default `select!` starts at a random branch), so a cancelled
            // worker never begins another step.
            biased;
            () = token.cancelled() => break,
            () = tokio::time::sleep(Duration::from_millis(20)) => {
                // One step of work would go here.
            }
        }
    }
    // Saving takes a while (id × 30 ms), so the workers stop in a known order.
    tokio::time::sleep(Duration::from_millis(id * 30)).await;
    println!("  worker {id} saved its work");
}
// ANCHOR_END: shown

// ANCHOR: shown
// Paused time (tokio feature "test-util"): when every task waits, the clock jumps to the
// next timer, so the program runs in an instant and its output never depends on load.
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let token = CancellationToken::new();
    let tracker = TaskTracker::new();
    for id in [3, 1, 2] {
        tracker.spawn(worker(id, token.clone()));
    }

    // The program's life: in a server, this is where it waits for Ctrl-C.
    tokio::time::sleep(Duration::from_millis(100)).await;

    println!("shutting down {} workers", tracker.len());
    token.cancel();
    // No more tasks will be added: without `close`, `wait` would never return.
    tracker.close();
    tracker.wait().await;
    println!("all stopped; workers left: {}", tracker.len());
}
// ANCHOR_END: shown
// ANCHOR_END: all
