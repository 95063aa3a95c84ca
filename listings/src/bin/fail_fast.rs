// ANCHOR: all
use std::time::Duration;

use tokio::task::JoinSet;

/// Checks one part of a system: after `millis` milliseconds, reports it fine or failing.
async fn check(part: &'static str, millis: u64, fails: bool) -> Result<&'static str, String> {
    tokio::time::sleep(Duration::from_millis(millis)).await;
    if fails {
        return Err(format!("{part} is down"));
    }
    println!("  {part} is fine");
    Ok(part)
}

// ANCHOR: shown
/// Waits for every check, like `asyncio.TaskGroup`, but stops at the first error: it aborts
/// the checks still running, waits until they have stopped, and returns that error.
async fn all_or_first_error(
    mut set: JoinSet<Result<&'static str, String>>,
) -> Result<Vec<&'static str>, String> {
    let mut fine = Vec::new();
    while let Some(joined) = set.join_next().await {
        // No check panics and nothing else aborts them, so joining cannot fail here.
        match joined.unwrap() {
            Ok(part) => fine.push(part),
            Err(error) => {
                set.abort_all();
                let stopped = count_aborted(set).await;
                println!("  aborted {stopped} checks still running");
                return Err(error);
            }
        }
    }
    Ok(fine)
}

/// Drains a set whose tasks were aborted, counting those that stopped before their end.
async fn count_aborted<T: 'static>(mut set: JoinSet<T>) -> usize {
    let mut aborted = 0;
    while let Some(joined) = set.join_next().await {
        if joined.is_err_and(|error| error.is_cancelled()) {
            aborted += 1;
        }
    }
    aborted
}
// ANCHOR_END: shown

// ANCHOR: shown
// Paused time (tokio feature "test-util"): when every task waits, the clock jumps to the
// next timer, so the program runs in an instant and its output never depends on load.
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let mut set = JoinSet::new();
    set.spawn(check("disk", 50, false));
    set.spawn(check("network", 100, true));
    set.spawn(check("memory", 150, false));
    set.spawn(check("database", 200, false));

    match all_or_first_error(set).await {
        Ok(fine) => println!("all fine: {fine:?}"),
        Err(error) => println!("failed: {error}"),
    }
}
// ANCHOR_END: shown
// ANCHOR_END: all
