// ANCHOR: all
use std::time::Duration;

use tokio::task::JoinSet;

async fn work(value: u32) {
    tokio::time::sleep(Duration::from_millis(50)).await;
    println!(">Task {value} done");
}

// ANCHOR: main
// No flavor: the multi-thread runtime, one worker thread per core.
#[tokio::main]
async fn main() {
    let mut set = JoinSet::new();
    for i in 0..8 {
        set.spawn(work(i));
    }
    set.join_all().await;
    println!("Done.");
}
// ANCHOR_END: main
// ANCHOR_END: all
