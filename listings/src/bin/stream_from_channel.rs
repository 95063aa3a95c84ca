// ANCHOR: all
use std::time::Duration;

use futures::StreamExt;
use tokio::sync::mpsc;
use tokio_stream::wrappers::ReceiverStream;

/// The same countdown as a task that sends each number into a channel: the body reads like
/// the Python generator, with `tx.send(n).await` where Python has `yield n`.
async fn countdown(from: u32, tx: mpsc::Sender<u32>) {
    for n in (1..=from).rev() {
        println!("  making {n}");
        tokio::time::sleep(Duration::from_millis(100)).await;
        // Waits while the channel is full; fails only if the receiver is gone.
        if tx.send(n).await.is_err() {
            return;
        }
    }
    // Returning drops `tx`, the last sender: that ends the stream.
}

// Paused time (tokio feature "test-util"): when every task waits, the clock jumps to the
// next timer, so the program runs in an instant and its output never depends on load.
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    // Room for one number: the task can make one number ahead of the reader, no more.
    let (tx, rx) = mpsc::channel(1);
    tokio::spawn(countdown(3, tx));

    // `ReceiverStream` (tokio-stream) turns the receiving end into a `Stream`. It is `Unpin`,
    // so `next` works without `pin!`.
    let mut numbers = ReceiverStream::new(rx);
    while let Some(n) = numbers.next().await {
        println!("got {n}");
        // The reader takes its time over each number; meanwhile the task works ahead.
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    println!("the channel is closed");
}
// ANCHOR_END: all
