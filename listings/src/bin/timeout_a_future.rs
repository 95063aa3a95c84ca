// ANCHOR: all
use std::time::Duration;

use tokio::time::timeout;

/// Prints a line if it is dropped before `finished` is set: it shows a future stopped halfway.
struct DropReporter {
    name: &'static str,
    finished: bool,
}

impl Drop for DropReporter {
    fn drop(&mut self) {
        if !self.finished {
            println!("  {} was dropped before it finished", self.name);
        }
    }
}

/// A job that takes `millis` milliseconds, then reports and returns its name.
async fn job(name: &'static str, millis: u64) -> &'static str {
    let mut reporter = DropReporter {
        name,
        finished: false,
    };
    tokio::time::sleep(Duration::from_millis(millis)).await;
    reporter.finished = true;
    println!("  {name} finished");
    name
}

// ANCHOR: main
// Paused time (tokio feature "test-util"): when every task waits, the clock jumps to the
// next timer, so the program runs in an instant and its output never depends on load.
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let limit = Duration::from_millis(50);

    match timeout(limit, job("quick", 20)).await {
        Ok(name) => println!("{name}: in time"),
        Err(elapsed) => println!("quick: {elapsed}"),
    }

    // Past the limit, the future is dropped: the work stops where it was.
    match timeout(limit, job("slow", 100)).await {
        Ok(name) => println!("{name}: in time"),
        Err(elapsed) => println!("slow: {elapsed}"),
    }

    // A JoinHandle is a future too, but dropping it detaches the task: the task goes on.
    let handle = tokio::spawn(job("spawned", 100));
    match timeout(limit, handle).await {
        Ok(joined) => println!("spawned: in time: {joined:?}"),
        Err(elapsed) => println!("spawned: {elapsed}"),
    }
    tokio::time::sleep(Duration::from_millis(100)).await;
    println!("done");
}
// ANCHOR_END: main
// ANCHOR_END: all
