// ANCHOR: all
use std::sync::Arc;
use std::sync::atomic::AtomicUsize;
use std::sync::atomic::Ordering::SeqCst;
use std::time::Duration;

use tokio::sync::Semaphore;
use tokio::task::JoinSet;

const JOBS: u32 = 10;
const LIMIT: usize = 3;

// ANCHOR: shown
/// Counts the jobs running right now, and remembers the highest count it has seen.
#[derive(Default)]
struct InFlight {
    running: AtomicUsize,
    most: AtomicUsize,
}

impl InFlight {
    fn start(&self) {
        // SeqCst is the simplest ordering to reason about; speed does not matter here.
        let running = self.running.fetch_add(1, SeqCst) + 1;
        self.most.fetch_max(running, SeqCst);
    }

    fn finish(&self) {
        self.running.fetch_sub(1, SeqCst);
    }

    fn most(&self) -> usize {
        self.most.load(SeqCst)
    }
}

/// One job, such as a request to a server that allows only a few at a time: takes 20 ms.
async fn job(id: u32, in_flight: Arc<InFlight>) -> u32 {
    in_flight.start();
    tokio::time::sleep(Duration::from_millis(20)).await;
    in_flight.finish();
    id
}
// ANCHOR_END: shown

// ANCHOR: shown
// Paused time (tokio feature "test-util"): when every task waits, the clock jumps to the
// next timer, so the program runs in an instant and its output never depends on load.
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let in_flight = Arc::new(InFlight::default());
    let semaphore = Arc::new(Semaphore::new(LIMIT));

    let mut set = JoinSet::new();
    for id in 0..JOBS {
        let semaphore = Arc::clone(&semaphore);
        let in_flight = Arc::clone(&in_flight);
        set.spawn(async move {
            // Wait for one of the permits. It goes back when `_permit` is dropped, at the end.
            let _permit = semaphore
                .acquire()
                .await
                .expect("the semaphore is never closed");
            job(id, in_flight).await
        });
    }
    let finished = set.join_all().await.len();

    println!("jobs finished: {finished}");
    println!("most in flight at once: {}", in_flight.most());
}
// ANCHOR_END: shown
// ANCHOR_END: all
