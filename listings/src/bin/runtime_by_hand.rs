// ANCHOR: all
use std::time::Duration;

/// Prints a line when it is dropped: it shows when an unfinished task is stopped.
struct Stopped;

impl Drop for Stopped {
    fn drop(&mut self) {
        println!("  the unfinished task was stopped at shutdown");
    }
}

// No `#[tokio::main]`: `main` is a plain function, and does by hand what the attribute
// `#[tokio::main(flavor = "current_thread", start_paused = true)]` would generate.
fn main() {
    // The body of the `async fn main` the attribute would have been put on.
    let body = async {
        tokio::spawn(async {
            let _stopped = Stopped;
            tokio::time::sleep(Duration::from_secs(10)).await;
            println!("  the task finished");
        });
        tokio::time::sleep(Duration::from_millis(10)).await;
        println!("body: done, with a task still sleeping");
    };

    let runtime = tokio::runtime::Builder::new_current_thread()
        // Paused time (tokio feature "test-util"), as `start_paused = true` asks for.
        .start_paused(true)
        // The time and I/O drivers: without them, `sleep` would panic.
        .enable_all()
        .build()
        .expect("Failed building the Runtime");
    // Runs `body` on this thread until it is done, along with the tasks it spawns.
    runtime.block_on(body);
    println!("back in plain main");

    // Dropping the runtime drops every task that is left (the attribute's code drops it too,
    // when `main` returns).
    drop(runtime);
    println!("runtime closed");
}
// ANCHOR_END: all
