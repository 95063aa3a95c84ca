// ANCHOR: all
use std::time::Duration;

use tokio::sync::watch;

// Paused time (tokio feature "test-util"): when every task waits, the clock jumps to the
// next timer, so the program runs in an instant and its output never depends on load.
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    // A watch channel holds one value, the latest; every receiver can look at it.
    let (tx, mut rx) = watch::channel("starting");

    let listener = tokio::spawn(async move {
        // `changed` waits for a value this receiver has not seen yet; it fails once the
        // Sender is gone and the last value has been seen.
        while rx.changed().await.is_ok() {
            println!("  listener sees {}", *rx.borrow_and_update());
        }
        println!("  listener: the sender is gone");
    });

    tx.send("loading").expect("a receiver is alive");
    println!("published loading");
    // Give the listener time to look (on the paused clock, this takes no real time).
    tokio::time::sleep(Duration::from_millis(100)).await;

    // Two changes before the listener gets to run: it will see only the second.
    tx.send("parsing").expect("a receiver is alive");
    println!("published parsing");
    tx.send("checking").expect("a receiver is alive");
    println!("published checking");
    tokio::time::sleep(Duration::from_millis(100)).await;

    tx.send("ready").expect("a receiver is alive");
    println!("published ready");
    tokio::time::sleep(Duration::from_millis(100)).await;

    // A receiver made now starts with the latest value, so waiting for "ready" returns at
    // once, the way `await event.wait()` does on an Event that is already set.
    let mut late = tx.subscribe();
    late.wait_for(|state| *state == "ready")
        .await
        .expect("the value is already ready");
    println!("a late listener: ready, without waiting");

    drop(tx);
    listener.await.expect("the listener does not panic");
}
// ANCHOR_END: all
