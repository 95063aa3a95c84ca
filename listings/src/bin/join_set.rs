// ANCHOR: all
use std::time::Duration;

use tokio::task::JoinSet;

/// Stands in for real work, such as a network request: waits one second, then reports.
async fn work(value: u32) {
    tokio::time::sleep(Duration::from_secs(1)).await;
    println!(">Task {value} done");
}

// ANCHOR: main
#[tokio::main(flavor = "current_thread")]
async fn main() {
    // ANCHOR: glance
    // The set owns its tasks: it can wait for them, and dropping it aborts them.
    let mut tasks = JoinSet::new();
    for i in 0..20 {
        tasks.spawn(work(i));
    }

    // Wait until every task in the set has finished (and panic if one of them did).
    tasks.join_all().await;
    // ANCHOR_END: glance
    println!("Done.");
}
// ANCHOR_END: main
// ANCHOR_END: all
