// ANCHOR: all
use std::time::Duration;

use tokio::sync::mpsc;

/// Produces three jobs, one every 10 ms, and sends each into the channel.
async fn produce(jobs: mpsc::Sender<u32>) {
    for job in 1..=3 {
        tokio::time::sleep(Duration::from_millis(10)).await;
        println!("produced job {job}");
        // `send` waits only while the channel is full; it fails only if the receiver is gone.
        jobs.send(job)
            .await
            .expect("the consumer is still receiving");
    }
    println!("producer done");
    // `jobs`, the only Sender, is dropped here: that closes the channel.
}

// Paused time (tokio feature "test-util"): when every task waits, the clock jumps to the
// next timer, so the program runs in an instant and its output never depends on load.
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    // A channel that buffers up to 8 jobs: the Sender goes to the producer, the Receiver stays.
    let (tx, mut rx) = mpsc::channel(8);
    tokio::spawn(produce(tx));

    // `recv` returns `None` once every Sender is dropped and the buffer is empty.
    while let Some(job) = rx.recv().await {
        println!("consumed job {job}");
    }
    println!("no more jobs");
}
// ANCHOR_END: all
