// ANCHOR: all
use std::time::Duration;

/// A job that takes `millis` milliseconds and then reports.
async fn steady(name: &'static str, millis: u64) -> &'static str {
    tokio::time::sleep(Duration::from_millis(millis)).await;
    println!("  {name} finished");
    name
}

/// A job with a bug: it panics halfway through.
async fn buggy() -> &'static str {
    tokio::time::sleep(Duration::from_millis(50)).await;
    panic!("index out of bounds");
}

// ANCHOR: main
// Paused time (tokio feature "test-util"): when every task waits, the clock jumps to the
// next timer, so the program runs in an instant and its output never depends on load.
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let first = tokio::spawn(steady("first", 100));
    let broken = tokio::spawn(buggy());
    let second = tokio::spawn(steady("second", 150));

    // The panic ends its own task only. Awaiting that task gives an error, not a panic.
    match broken.await {
        Ok(name) => println!("{name} returned"),
        Err(error) if error.is_panic() => {
            let payload = error.into_panic();
            // A panic's message is a `&str` or a `String`, inside a `Box<dyn Any>`.
            let message = payload.downcast_ref::<&str>().copied().unwrap_or("?");
            println!("the buggy task panicked: {message}");
        }
        Err(error) => println!("the buggy task was cancelled: {error}"),
    }

    // The other tasks were never disturbed.
    println!("first: {:?}", first.await);
    println!("second: {:?}", second.await);
}
// ANCHOR_END: main
// ANCHOR_END: all
