// ANCHOR: all
use std::time::Duration;

/// Stands in for real work, such as a network request: waits one second, then reports.
async fn work(value: u32) {
    tokio::time::sleep(Duration::from_secs(1)).await;
    println!(">Task {value} done");
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // Each call is awaited before the next one is made: one sleep at a time, twenty seconds.
    for i in 0..20 {
        work(i).await;
    }
    println!("Done.");
}
// ANCHOR_END: all
