// ANCHOR: all
use std::time::Duration;

use futures::StreamExt;
use futures::stream::FuturesUnordered;

/// Doubles `value`, slowly: the bigger the value, the longer it takes (`value` × 50 ms), so
/// the jobs finish in a different order from the one they were started in.
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
    // Three tasks, and their handles in a `FuturesUnordered`: a stream that yields each
    // handle's output as soon as it is ready, like `asyncio.as_completed`.
    let mut doubled: FuturesUnordered<_> = [3, 1, 2]
        .into_iter()
        .map(|value| tokio::spawn(slow_double(value)))
        .collect();
    while let Some(joined) = doubled.next().await {
        // `joined` is an error only if the task panicked or was aborted; none is, here.
        println!("got {}", joined.unwrap());
    }

    // Plain futures this time, no tasks. As a stream, the results take adapters:
    // `take(2)` ends the stream after the first two results.
    let first_two: Vec<u64> = [3, 1, 2]
        .into_iter()
        .map(slow_double)
        .collect::<FuturesUnordered<_>>()
        .take(2)
        .collect()
        .await;
    println!("first two: {first_two:?}");

    // The third future was dropped with the stream, unfinished: it never prints.
    tokio::time::sleep(Duration::from_millis(200)).await;
    println!("done");
}
// ANCHOR_END: main
// ANCHOR_END: all
