// ANCHOR: all
use std::time::Duration;

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
    // `join_all` takes any number of futures of one type, like `asyncio.gather(*coros)`.
    println!("join_all:");
    let doubled = futures::future::join_all([3, 1, 2].map(slow_double)).await;
    println!("results: {doubled:?}");

    // `join!` takes a fixed few futures, of any types, and returns their outputs as a tuple.
    println!("join!:");
    let (a, b, c) = tokio::join!(slow_double(3), slow_double(1), slow_double(2));
    println!("results: ({a}, {b}, {c})");
}
// ANCHOR_END: main
// ANCHOR_END: all
