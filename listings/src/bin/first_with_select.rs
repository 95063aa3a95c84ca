// ANCHOR: all
use std::time::Duration;

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
    // Each branch runs its future; the first to finish wins, and its handler runs.
    let winner = tokio::select! {
        name = job("slow", 100) => name,
        name = job("fast", 50) => name,
    };
    println!("first: {winner}");

    // Wait longer than the slow job needed: it never finishes, because it no longer exists.
    tokio::time::sleep(Duration::from_millis(100)).await;
    println!("done");
}
// ANCHOR_END: main
// ANCHOR_END: all
