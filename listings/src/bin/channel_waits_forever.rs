// ANCHOR: all
use std::time::Duration;

use tokio::sync::mpsc;
use tokio::time::timeout;

// Paused time (tokio feature "test-util"): when every task waits, the clock jumps to the
// next timer, so the program runs in an instant and its output never depends on load.
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    // 1. A task sends more than the buffer holds, and the receiver is its own: nobody takes
    //    an item out, so the third `send` waits forever.
    let (tx, mut rx) = mpsc::channel(2);
    let fill = async {
        for item in 1..=3 {
            tx.send(item).await.expect("the receiver is alive");
            println!("sent {item}");
        }
    };
    if timeout(Duration::from_millis(500), fill).await.is_err() {
        println!("stuck: the buffer is full and nobody receives");
    }
    drop(tx);
    while let Some(item) = rx.recv().await {
        println!("received {item}");
    }

    // 2. The consumer waits for the channel to close, but `main` keeps a Sender.
    let (tx, mut rx) = mpsc::channel::<u32>(8);
    let mut consumer = tokio::spawn(async move {
        let mut count = 0;
        while rx.recv().await.is_some() {
            count += 1;
        }
        count
    });
    // A producer with a clone of the Sender sends one item, then drops its clone.
    let producer = tx.clone();
    tokio::spawn(async move { producer.send(7).await.expect("the receiver is alive") });

    // The producer is done, but the channel stays open: `tx` is still alive in `main`.
    // (`&mut consumer` lets `timeout` wait on the handle without taking it.)
    if timeout(Duration::from_millis(500), &mut consumer)
        .await
        .is_err()
    {
        println!("stuck: the consumer still waits for the end of the work");
    }
    drop(tx);
    let count = consumer.await.expect("the consumer does not panic");
    println!("once told, the consumer stops: it received {count} item");
}
// ANCHOR_END: all
