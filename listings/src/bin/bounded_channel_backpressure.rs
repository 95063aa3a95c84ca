// ANCHOR: all
use std::time::Duration;

use tokio::sync::mpsc;

// Paused time (tokio feature "test-util"): when every task waits, the clock jumps to the
// next timer, so the program runs in an instant and its output never depends on load.
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    // Room for two items: a third `send` waits until the consumer takes one.
    let (tx, mut rx) = mpsc::channel(2);

    // A fast producer: it would send all five items at once if it could.
    let producer = tokio::spawn(async move {
        for item in 1..=5 {
            tx.send(item)
                .await
                .expect("the consumer is still receiving");
            println!("sent {item}");
        }
        println!("producer done");
    });

    // A slow consumer: 100 ms per item.
    while let Some(item) = rx.recv().await {
        println!("  handling {item}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    producer.await.expect("the producer does not panic");
}
// ANCHOR_END: all
