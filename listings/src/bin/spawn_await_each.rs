// ANCHOR: all
use std::time::Duration;

// ANCHOR: work
/// Stands in for real work, such as a network request: waits one second, then reports.
async fn work(value: u32) {
    tokio::time::sleep(Duration::from_secs(1)).await;
    println!(">Task {value} done");
}
// ANCHOR_END: work

// ANCHOR: main
// One thread runs every task, like asyncio's event loop.
#[tokio::main(flavor = "current_thread")]
async fn main() {
    // ANCHOR: glance
    // Spawning hands each task to the runtime, which will run it without an `.await`.
    let handles: Vec<_> = (0..20).map(|i| tokio::spawn(work(i))).collect();

    // Wait for each task in turn. While we wait for the first, all twenty make progress.
    for handle in handles {
        // `Err` here would mean the task panicked or was aborted; neither happens here.
        handle.await.unwrap();
    }
    // ANCHOR_END: glance
    println!("Done.");
}
// ANCHOR_END: main
// ANCHOR_END: all
