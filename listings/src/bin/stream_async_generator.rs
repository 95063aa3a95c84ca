// ANCHOR: all
use std::pin::pin;
use std::time::Duration;

use futures::stream::{self, Stream, StreamExt};

/// Counts down from `from` to 1, one number every 100 ms: Python's async generator, written
/// with `stream::unfold`. The closure gets the state (here the next number) and returns the
/// next item with the state that follows it, or `None` to end the stream.
fn countdown(from: u32) -> impl Stream<Item = u32> {
    stream::unfold(from, |n| async move {
        if n == 0 {
            return None;
        }
        println!("  making {n}");
        tokio::time::sleep(Duration::from_millis(100)).await;
        Some((n, n - 1))
    })
}

// Paused time (tokio feature "test-util"): when every task waits, the clock jumps to the
// next timer, so the program runs in an instant and its output never depends on load.
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    // Like calling an async generator function: this makes the stream and runs none of it.
    let numbers = countdown(3);
    println!("the stream exists; nothing made yet");

    // `next` needs a stream that stays put in memory while it waits: `pin!` fixes it in place.
    let mut numbers = pin!(numbers);
    // The counterpart of `async for n in countdown(3):`.
    while let Some(n) = numbers.next().await {
        println!("got {n}");
    }

    // Adapters such as `map` make a new stream; `collect` drives it to the end.
    let tens: Vec<u32> = countdown(2).map(|n| n * 10).collect().await;
    println!("collected {tens:?}");
}
// ANCHOR_END: all
