// ANCHOR: all
use std::time::Duration;

use tokio::sync::oneshot::error::RecvError;
use tokio::sync::{mpsc, oneshot};
use tokio::time::timeout;

/// A request: a number to square, and where to send the answer.
type Request = (u64, oneshot::Sender<u64>);

/// Answers requests until the channel closes. It takes `n` × 100 ms to square `n`, and
/// refuses to square 0.
async fn squarer(mut requests: mpsc::Receiver<Request>) {
    while let Some((n, reply)) = requests.recv().await {
        if n == 0 {
            // Dropping `reply` unanswered tells the asker that no answer will come.
            continue;
        }
        tokio::time::sleep(Duration::from_millis(n * 100)).await;
        // `send` hands the value back if nobody waits for it any more.
        if reply.send(n * n).is_err() {
            println!("  squarer: nobody waits for the square of {n}");
        }
    }
}

/// Sends a request with a fresh oneshot channel, and waits for its answer.
async fn ask(requests: &mpsc::Sender<Request>, n: u64) -> Result<u64, RecvError> {
    let (reply, answer) = oneshot::channel();
    requests.send((n, reply)).await.expect("the squarer runs");
    // The Receiver is a future: `Ok(value)` once sent, `Err` if the Sender is dropped first.
    answer.await
}

// Paused time (tokio feature "test-util"): when every task waits, the clock jumps to the
// next timer, so the program runs in an instant and its output never depends on load.
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let (requests, rx) = mpsc::channel(8);
    let squarer = tokio::spawn(squarer(rx));

    let square = ask(&requests, 4).await.expect("4 gets an answer");
    println!("4 squared is {square}");
    match ask(&requests, 0).await {
        Ok(square) => println!("0 squared is {square}"),
        Err(_) => println!("no square of 0: the squarer gave no answer"),
    }
    // Squaring 9 takes 900 ms: give up after 50 ms, which drops the oneshot Receiver.
    if timeout(Duration::from_millis(50), ask(&requests, 9))
        .await
        .is_err()
    {
        println!("gave up on 9");
    }

    drop(requests);
    squarer.await.expect("the squarer does not panic");
}
// ANCHOR_END: all
