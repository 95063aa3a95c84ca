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
    let inputs = [3, 1, 2];
    let mut set = JoinSet::new();
    for (index, value) in inputs.into_iter().enumerate() {
        // Each task returns its position in the input along with its result.
        set.spawn(async move { (index, slow_double(value).await) });
    }

    // The results arrive in completion order; each one goes back to its input's place.
    let mut doubled = vec![0; inputs.len()];
    for (index, result) in set.join_all().await {
        doubled[index] = result;
    }
    println!("results: {doubled:?}");
}
// ANCHOR_END: main
// ANCHOR_END: all
