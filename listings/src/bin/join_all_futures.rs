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
    // Twenty futures, not tasks: nothing runs yet, and nothing is handed to the runtime.
    let futures = (0..20).map(work);

    // `join_all` polls all of them, right here in `main`, until every one is done.
    join_all(futures).await;
    // ANCHOR_END: glance
    println!("Done.");
}
// ANCHOR_END: main
// ANCHOR_END: all
