// ANCHOR: all
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // Another task, always ready to run: it counts its turns and gives the thread back.
    let turns = Arc::new(AtomicU64::new(0));
    let counter = tokio::spawn({
        let turns = Arc::clone(&turns);
        async move {
            loop {
                turns.fetch_add(1, Ordering::Relaxed);
                tokio::task::yield_now().await;
            }
        }
    });

    let before = turns.load(Ordering::Relaxed);
    for _ in 0..100 {
        tokio::task::yield_now().await;
    }
    let ran = turns.load(Ordering::Relaxed) - before;
    println!("100 yield_now(): the other task ran {ran} times");

    let start = Instant::now();
    for _ in 0..100 {
        tokio::time::sleep(Duration::ZERO).await;
    }
    // Each zero sleep waits for the timer's next millisecond tick.
    let slow = start.elapsed() >= Duration::from_millis(90);
    println!("100 sleep(Duration::ZERO): took 90 ms or more: {slow}");

    counter.abort();
}
// ANCHOR_END: all
