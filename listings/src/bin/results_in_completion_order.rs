// ANCHOR: all
use std::time::Duration;

use tokio::task::JoinSet;

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
    // `join_next` hands back each result as soon as its task finishes, like iterating over
    // `asyncio.as_completed`.
    println!("join_next:");
    let mut set = JoinSet::new();
    for value in [3, 1, 2] {
        set.spawn(slow_double(value));
    }
    while let Some(joined) = set.join_next().await {
        // `joined` is an error only if the task panicked or was aborted; none is, here.
        let doubled = joined.unwrap();
        println!("got {doubled}");
    }

    // `join_all` waits for the whole set and collects the results in the same order.
    println!("join_all:");
    let set: JoinSet<u64> = [3, 1, 2].into_iter().map(slow_double).collect();
    let doubled = set.join_all().await;
    println!("results: {doubled:?}");
}
// ANCHOR_END: main
// ANCHOR_END: all
