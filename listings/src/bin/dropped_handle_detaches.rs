// ANCHOR: all
use std::time::Duration;

use tokio::sync::oneshot;
use tokio::time::sleep;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let (finished, task_finished) = oneshot::channel();
    let handle = tokio::spawn(async move {
        sleep(Duration::from_millis(100)).await;
        println!("The task finished, though its handle was dropped.");
        // Tell `main`, which can no longer await the handle.
        finished.send(()).unwrap();
    });

    // Dropping a `JoinHandle` detaches the task: it keeps running, we just can no longer
    // wait for it or get its result. (To stop a task, call `handle.abort()`.)
    drop(handle);
    println!("Handle dropped.");

    // Wait for the task's message before returning: when `main` returns, the runtime shuts
    // down and drops every task still running.
    task_finished.await.unwrap();
    println!("main returns.");
}
// ANCHOR_END: all
