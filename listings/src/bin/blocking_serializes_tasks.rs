// ANCHOR: all
use std::time::Duration;

const STEP: Duration = Duration::from_millis(20);

// ANCHOR: steps
/// Three steps, each waiting with tokio's sleep: the task gives the thread back while it waits.
async fn steps_that_await(name: &'static str) {
    for step in 1..=3 {
        tokio::time::sleep(STEP).await;
        println!("  {name} step {step}");
    }
}

/// Three steps, each waiting with the standard library's sleep: the task keeps the thread.
async fn steps_that_block(name: &'static str) {
    for step in 1..=3 {
        std::thread::sleep(STEP);
        println!("  {name} step {step}");
    }
}
// ANCHOR_END: steps

// ANCHOR: main
#[tokio::main(flavor = "current_thread")]
async fn main() {
    println!("awaiting:");
    let a = tokio::spawn(steps_that_await("a"));
    let b = tokio::spawn(steps_that_await("b"));
    // The steps cannot panic, so neither can awaiting them.
    a.await.unwrap();
    b.await.unwrap();

    println!("blocking:");
    let a = tokio::spawn(steps_that_block("a"));
    let b = tokio::spawn(steps_that_block("b"));
    a.await.unwrap();
    b.await.unwrap();
}
// ANCHOR_END: main
// ANCHOR_END: all
