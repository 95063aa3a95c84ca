// ANCHOR: all
use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

// ANCHOR: shown
/// Stands in for CPU-heavy work, such as hashing or compressing: it keeps its thread busy
/// for 200 ms and returns a result.
fn crunch() -> u64 {
    std::thread::sleep(Duration::from_millis(200));
    (1..=1000).sum()
}
// ANCHOR_END: shown

/// Counts a beat every 10 ms, for as long as the runtime lets it run.
async fn heartbeat(beats: Arc<AtomicUsize>) {
    loop {
        tokio::time::sleep(Duration::from_millis(10)).await;
        beats.fetch_add(1, Ordering::SeqCst);
    }
}

/// Runs `work` beside a heartbeat task, and says whether the heartbeat beat meanwhile.
async fn heart_beat_during(work: impl Future<Output = u64>) -> bool {
    let beats = Arc::new(AtomicUsize::new(0));
    let heart = tokio::spawn(heartbeat(Arc::clone(&beats)));
    // Let the heartbeat task start before the work does.
    tokio::task::yield_now().await;

    let result = work.await;
    heart.abort();
    println!("  result: {result}");
    beats.load(Ordering::SeqCst) > 0
}

// ANCHOR: shown
#[tokio::main(flavor = "current_thread")]
async fn main() {
    println!("crunching inside the task:");
    let beat = heart_beat_during(async { crunch() }).await;
    println!("  the heartbeat kept beating: {beat}");

    println!("crunching in spawn_blocking:");
    let offloaded = async {
        // `crunch` cannot panic, so neither can awaiting it.
        tokio::task::spawn_blocking(crunch).await.unwrap()
    };
    let beat = heart_beat_during(offloaded).await;
    println!("  the heartbeat kept beating: {beat}");
}
// ANCHOR_END: shown
// ANCHOR_END: all
