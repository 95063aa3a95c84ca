// ANCHOR: all
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::time::Duration;

use tokio::runtime::Builder;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

// ANCHOR: code
/// The code under test: a worker that runs jobs from a queue, one at a time, and reports
/// what it does on `events`.
struct Worker {
    jobs: mpsc::UnboundedSender<u32>,
    task: JoinHandle<()>,
}

impl Worker {
    fn start(events: mpsc::UnboundedSender<String>) -> Worker {
        let (jobs, mut queue) = mpsc::unbounded_channel();
        let task = tokio::spawn(async move {
            while let Some(job) = queue.recv().await {
                let _ = events.send(format!("start {job}"));
                // The job's work: 50 ms.
                tokio::time::sleep(Duration::from_millis(50)).await;
                let _ = events.send(format!("finish {job}"));
            }
            let _ = events.send("stopped".to_owned());
        });
        Worker { jobs, task }
    }

    fn submit(&self, job: u32) {
        self.jobs.send(job).expect("the worker is running");
    }

    /// Takes no more jobs, lets the worker finish those it has, and waits until it stops.
    async fn shutdown(self) {
        drop(self.jobs);
        self.task.await.expect("the worker did not panic");
    }
}
// ANCHOR_END: code

// ANCHOR: shown
/// Everything `events` holds right now.
fn received(events: &mut mpsc::UnboundedReceiver<String>) -> Vec<String> {
    std::iter::from_fn(|| events.try_recv().ok()).collect()
}

// #[tokio::test(start_paused = true)]
async fn shutdown_waits_for_the_job_in_progress() {
    let (events_tx, mut events) = mpsc::unbounded_channel();
    let worker = Worker::start(events_tx);
    worker.submit(1);

    // Wait until the worker says the job has started, rather than sleeping and hoping.
    assert_eq!(events.recv().await.as_deref(), Some("start 1"));
    worker.shutdown().await;
    // `shutdown` has returned, so whatever the worker did is in the channel by now.
    assert_eq!(received(&mut events), ["finish 1", "stopped"]);
}

// #[tokio::test(start_paused = true)]
async fn runs_jobs_one_at_a_time_in_order() {
    let (events_tx, mut events) = mpsc::unbounded_channel();
    let worker = Worker::start(events_tx);
    worker.submit(1);
    worker.submit(2);
    worker.shutdown().await;
    let expected = ["start 1", "finish 1", "start 2", "finish 2", "stopped"];
    assert_eq!(received(&mut events), expected);
}
// ANCHOR_END: shown

// ANCHOR: shown
/// What `cargo test` does with the two tests above: each runs on a runtime of its own, built
/// as its attribute says.
fn main() {
    let paused = || {
        let mut builder = Builder::new_current_thread();
        builder.start_paused(true);
        builder
    };
    let mut tests = Tests::new(2);
    tests.run(
        "shutdown_waits_for_the_job_in_progress",
        paused(),
        shutdown_waits_for_the_job_in_progress(),
    );
    tests.run(
        "runs_jobs_one_at_a_time_in_order",
        paused(),
        runs_jobs_one_at_a_time_in_order(),
    );
    tests.finish();
}
// ANCHOR_END: shown

// ANCHOR: harness
/// A small stand-in for `cargo test`, so that the book can run these tests as a program.
struct Tests {
    passed: usize,
    failures: Vec<(String, String)>,
}

impl Tests {
    fn new(count: usize) -> Tests {
        // The harness reports each panic itself, below.
        std::panic::set_hook(Box::new(|_| {}));
        println!("running {count} tests");
        Tests {
            passed: 0,
            failures: Vec::new(),
        }
    }

    // ANCHOR: run
    /// Runs one test as `#[tokio::test]` expands it: a new runtime with every driver enabled,
    /// `block_on` the test's body, and a panic counts as a failure.
    fn run(&mut self, name: &str, mut runtime: Builder, body: impl Future<Output = ()>) {
        let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| {
            runtime
                .enable_all()
                .build()
                .expect("Failed building the Runtime")
                .block_on(body)
        }));
        match outcome {
            Ok(()) => {
                println!("test {name} ... ok");
                self.passed += 1;
            }
            Err(panic) => {
                println!("test {name} ... FAILED");
                let message = panic
                    .downcast_ref::<&str>()
                    .map(|text| text.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                self.failures.push((name.to_owned(), message));
            }
        }
    }
    // ANCHOR_END: run

    /// Prints the failures and the summary; like `cargo test`, exits with status 101 if any
    /// test failed.
    fn finish(self) {
        if !self.failures.is_empty() {
            println!("\nfailures:");
            for (name, message) in &self.failures {
                println!("---- {name} ----\n{message}");
            }
        }
        let failed = self.failures.len();
        let result = if failed == 0 { "ok" } else { "FAILED" };
        println!(
            "\ntest result: {result}. {} passed; {failed} failed",
            self.passed
        );
        if failed > 0 {
            std::process::exit(101);
        }
    }
}
// ANCHOR_END: harness
// ANCHOR_END: all
