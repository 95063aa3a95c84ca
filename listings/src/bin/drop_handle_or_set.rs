// ANCHOR: all
use std::time::Duration;

use tokio::task::JoinSet;

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
    let handle = tokio::spawn(job("spawned", 100));
    let mut set = JoinSet::new();
    set.spawn(job("in a JoinSet", 100));

    // Let both tasks start.
    tokio::time::sleep(Duration::from_millis(10)).await;

    // Dropping a JoinHandle only lets go of the task: it runs on, detached.
    drop(handle);
    // Dropping a JoinSet aborts every task still in it.
    drop(set);

    tokio::time::sleep(Duration::from_millis(200)).await;
    println!("done");
}
// ANCHOR_END: main
// ANCHOR_END: all
