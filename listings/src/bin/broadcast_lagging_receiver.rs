// ANCHOR: all
use std::time::Duration;

use tokio::sync::broadcast::{self, error::RecvError};

/// Receives every value it can, and says what it missed, until the channel closes.
async fn listen(name: &str, mut rx: broadcast::Receiver<u32>) {
    loop {
        match rx.recv().await {
            Ok(value) => println!("  {name} got {value}"),
            Err(RecvError::Lagged(missed)) => println!("  {name} lagged: missed {missed}"),
            Err(RecvError::Closed) => break,
        }
    }
}

// Paused time (tokio feature "test-util"): when every task waits, the clock jumps to the
// next timer, so the program runs in an instant and its output never depends on load.
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    // Every receiver gets every value, as long as it keeps up: the channel holds 2 values.
    let (tx, fast_rx) = broadcast::channel(2);
    let slow_rx = tx.subscribe();

    let fast = tokio::spawn(listen("fast", fast_rx));

    for value in 1..=5 {
        tokio::time::sleep(Duration::from_millis(10)).await;
        // `send` never waits: it returns how many receivers there are.
        tx.send(value).expect("a receiver is alive");
        println!("sent {value}");
    }
    drop(tx);
    fast.await.expect("the fast listener does not panic");

    // The slow receiver was subscribed from the start, but starts receiving only now.
    listen("slow", slow_rx).await;

    // With no receiver at all, `send` fails and hands the value back.
    let (tx, rx) = broadcast::channel::<u32>(2);
    drop(rx);
    if let Err(error) = tx.send(6) {
        println!("nobody listens: 6 came back ({error})");
    }
}
// ANCHOR_END: all
