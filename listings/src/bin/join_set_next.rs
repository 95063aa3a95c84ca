// ANCHOR: all
use std::time::Duration;

use tokio::task::JoinSet;

/// Stands in for real work, such as a network request: waits one second, then reports.
async fn work(value: u32) {
    tokio::time::sleep(Duration::from_secs(1)).await;
    println!(">Task {value} done");
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let mut tasks = JoinSet::new();
    for i in 0..20 {
        tasks.spawn(work(i));
    }

    // ANCHOR: join_next
    // Take each task's result as soon as it finishes; `None` means the set is empty.
    while let Some(result) = tasks.join_next().await {
        // `Err` would mean the task panicked or was aborted; here we stop the program.
        result.unwrap();
    }
    // ANCHOR_END: join_next
    println!("Done.");
}
// ANCHOR_END: all
