// ANCHOR: all
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

// ANCHOR: job
/// A job made of `steps` steps of 25 ms each. It reports when it finishes.
async fn job(name: &'static str, steps: u32) -> &'static str {
    for _ in 0..steps {
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    println!("  {name} finished");
    name
}

/// `select_all` needs futures it can move after polling them (`Unpin`): a boxed, pinned
/// future is one, whatever the future inside.
type BoxedJob = Pin<Box<dyn Future<Output = &'static str>>>;
// ANCHOR_END: job

// ANCHOR: main
// Paused time (tokio feature "test-util"): when every task waits, the clock jumps to the
// next timer, so the program runs in an instant and its output never depends on load.
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let jobs: Vec<BoxedJob> = vec![
        Box::pin(job("slow", 6)),
        Box::pin(job("fast", 2)),
        Box::pin(job("medium", 4)),
    ];
    let (first, index, rest) = futures::future::select_all(jobs).await;
    println!(
        "first: {first} (input {index}); {} returned unfinished",
        rest.len()
    );

    // Wait longer than every job needs. No one polls the other two, so they make no progress.
    tokio::time::sleep(Duration::from_millis(200)).await;
    println!("waited 200 ms");

    // Awaited again, they go on from where they stopped.
    futures::future::join_all(rest).await;
    println!("done");
}
// ANCHOR_END: main
// ANCHOR_END: all
