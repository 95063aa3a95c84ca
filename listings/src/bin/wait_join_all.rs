// ANCHOR: all
use std::time::Duration;

use futures::future::join_all;

/// Stands in for real work, such as a network request: waits one second, then reports.
async fn work(value: u32) {
    tokio::time::sleep(Duration::from_secs(1)).await;
    println!(">Task {value} done");
}

// ANCHOR: main
#[tokio::main(flavor = "current_thread")]
async fn main() {
    // ANCHOR: glance
    // Spawn the tasks first, as with `asyncio.create_task`.
    let handles: Vec<_> = (0..20).map(|i| tokio::spawn(work(i))).collect();

    // Then wait for the whole group at once, as with `asyncio.wait(tasks)`.
    let results = join_all(handles).await;
    // ANCHOR_END: glance

    // One `Result` per task, in the order the handles were given.
    assert!(results.iter().all(Result::is_ok));
    println!("Done.");
}
// ANCHOR_END: main
// ANCHOR_END: all
