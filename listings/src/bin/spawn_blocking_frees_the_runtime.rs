// ANCHOR: all
use std::sync::mpsc;
use std::time::{Duration, Instant};

// ANCHOR: shown
/// Stands in for work that holds its thread, such as a long computation. So that the output
/// is the same on every run, it does not run for a fixed time: it blocks until it has heard
/// three heartbeats, and gives up after one second.
fn crunch(heartbeats: mpsc::Receiver<()>) -> usize {
    let give_up_at = Instant::now() + Duration::from_secs(1);
    let mut heard = 0;
    while heard < 3 {
        let left = give_up_at.saturating_duration_since(Instant::now());
        if heartbeats.recv_timeout(left).is_err() {
            break;
        }
        heard += 1;
    }
    heard
}
// ANCHOR_END: shown

/// Beats every 10 ms, for as long as someone listens.
async fn heartbeat(listener: mpsc::Sender<()>) {
    loop {
        tokio::time::sleep(Duration::from_millis(10)).await;
        if listener.send(()).is_err() {
            return;
        }
    }
}

// ANCHOR: shown
#[tokio::main(flavor = "current_thread")]
async fn main() {
    println!("crunch on the runtime's thread:");
    let (beat, heartbeats) = mpsc::channel();
    tokio::spawn(heartbeat(beat));
    let heard = crunch(heartbeats);
    println!("  heartbeats heard: {heard}");

    println!("crunch in spawn_blocking:");
    let (beat, heartbeats) = mpsc::channel();
    tokio::spawn(heartbeat(beat));
    let offloaded = tokio::task::spawn_blocking(move || crunch(heartbeats));
    // `crunch` cannot panic, so neither can awaiting it.
    let heard = offloaded.await.unwrap();
    println!("  heartbeats heard: {heard}");
}
// ANCHOR_END: shown
// ANCHOR_END: all
