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
    let mut set = JoinSet::new();
    set.spawn(job("slow", 200));
    set.spawn(job("fast", 50));
    set.spawn(job("medium", 100));

    // The first task to finish. Its panic or abort would be an error; there is none here.
    let first = set
        .join_next()
        .await
        .expect("the set is not empty")
        .unwrap();
    println!("first: {first}; still in the set: {}", set.len());

    // The other tasks keep running while no one waits for them: "medium" finishes now.
    tokio::time::sleep(Duration::from_millis(100)).await;

    // Dropping the set aborts what is still running: "slow" never finishes.
    drop(set);
    tokio::time::sleep(Duration::from_millis(100)).await;
    println!("done");
}
// ANCHOR_END: main
// ANCHOR_END: all
