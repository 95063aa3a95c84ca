// ANCHOR: all
use std::time::Duration;

use tokio::time::sleep;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let handle = tokio::spawn(async {
        sleep(Duration::from_millis(100)).await;
        println!("The task finished, though its handle was dropped.");
    });

    // Dropping a `JoinHandle` detaches the task: it keeps running, we just can no longer
    // wait for it or get its result. (To stop a task, call `handle.abort()`.)
    drop(handle);
    println!("Handle dropped.");

    // Keep the runtime alive long enough for the task to finish: when `main` returns, the
    // runtime shuts down and drops every task still running.
    sleep(Duration::from_millis(200)).await;
    println!("main returns.");
}
// ANCHOR_END: all
