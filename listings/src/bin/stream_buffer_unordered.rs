// ANCHOR: all
use std::time::Duration;

use futures::StreamExt;
use futures::stream;
use tokio::time::Instant;

/// Doubles `value`, slowly: the bigger the value, the longer it takes (`value` × 50 ms).
async fn slow_double(value: u64) -> u64 {
    tokio::time::sleep(Duration::from_millis(value * 50)).await;
    println!("  finished {value}");
    value * 2
}

// ANCHOR: main
// Paused time (tokio feature "test-util"): when every task waits, the clock jumps to the
// next timer, so the program runs in an instant and its output never depends on load.
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let start = Instant::now();
    // The inputs, as a stream that says when each one is pulled from it.
    let inputs = stream::iter([4, 1, 2, 3]).inspect(|value| println!("  pulled {value}"));

    // At most two jobs in flight; each result comes out as soon as its job ends.
    let mut doubled = inputs.map(slow_double).buffer_unordered(2);
    while let Some(result) = doubled.next().await {
        println!("got {result}");
    }
    println!("all done after {} ms", start.elapsed().as_millis());
}
// ANCHOR_END: main
// ANCHOR_END: all
