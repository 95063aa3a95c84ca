// ANCHOR: all
use std::time::Duration;

use tokio::task::{JoinError, JoinHandle};

/// Checks one part of a system: after `millis` milliseconds, reports it fine or failing.
async fn check(part: &'static str, millis: u64, fails: bool) -> Result<&'static str, String> {
    tokio::time::sleep(Duration::from_millis(millis)).await;
    if fails {
        return Err(format!("{part} is down"));
    }
    Ok(part)
}

/// A check with a bug: it panics.
async fn buggy_check() -> Result<&'static str, String> {
    tokio::time::sleep(Duration::from_millis(10)).await;
    panic!("attempt to divide by zero");
}

// ANCHOR: shown
/// Puts one task's outcome into words: its value, its error, or its panic.
fn describe(outcome: Result<Result<&str, String>, JoinError>) -> String {
    match outcome {
        Ok(Ok(part)) => format!("ok: {part}"),
        Ok(Err(error)) => format!("error: {error}"),
        Err(error) if error.is_panic() => "panicked".to_string(),
        Err(_) => "cancelled".to_string(),
    }
}
// ANCHOR_END: shown

// ANCHOR: shown
// Paused time (tokio feature "test-util"): when every task waits, the clock jumps to the
// next timer, so the program runs in an instant and its output never depends on load.
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let handles: Vec<JoinHandle<Result<&'static str, String>>> = vec![
        tokio::spawn(check("disk", 50, false)),
        tokio::spawn(check("network", 20, true)),
        tokio::spawn(buggy_check()),
        tokio::spawn(check("memory", 100, false)),
    ];

    // Like `gather(..., return_exceptions=True)`: every outcome, in input order, whatever it is.
    let outcomes = futures::future::join_all(handles).await;
    for outcome in outcomes {
        println!("{}", describe(outcome));
    }
}
// ANCHOR_END: shown
// ANCHOR_END: all
