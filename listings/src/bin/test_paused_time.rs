// ANCHOR: all
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::time::Duration;

use tokio::runtime::Builder;
use tokio::time::{Instant, sleep, timeout};

// ANCHOR: code
/// A fake service for the tests: it takes 10 ms per call, and fails its first `failures`
/// calls.
struct Flaky {
    failures: u32,
    calls: u32,
}

impl Flaky {
    fn new(failures: u32) -> Flaky {
        Flaky { failures, calls: 0 }
    }

    async fn call(&mut self) -> Result<&'static str, &'static str> {
        self.calls += 1;
        sleep(Duration::from_millis(10)).await;
        if self.calls <= self.failures {
            Err("unavailable")
        } else {
            Ok("hello")
        }
    }
}

/// The code under test: calls the service up to three times, waiting 100 ms after the first
/// failure and 200 ms after the second.
async fn fetch_with_retries(service: &mut Flaky) -> Result<&'static str, &'static str> {
    let mut backoff = Duration::from_millis(100);
    for _ in 1..3 {
        match service.call().await {
            Ok(reply) => return Ok(reply),
            Err(_) => {
                sleep(backoff).await;
                backoff *= 2;
            }
        }
    }
    service.call().await
}
// ANCHOR_END: code

// ANCHOR: shown
// #[tokio::test(start_paused = true)]
async fn retries_until_it_answers() {
    let start = Instant::now();
    let mut service = Flaky::new(2);
    assert_eq!(fetch_with_retries(&mut service).await, Ok("hello"));
    assert_eq!(service.calls, 3);
    // Three calls of 10 ms, and waits of 100 and 200 ms: on a paused clock, exactly.
    assert!(start.elapsed() == Duration::from_millis(330), "not 330 ms");
}

// #[tokio::test(start_paused = true)]
async fn gives_up_after_three_calls() {
    let mut service = Flaky::new(5);
    assert_eq!(fetch_with_retries(&mut service).await, Err("unavailable"));
    assert_eq!(service.calls, 3);
}

// #[tokio::test(start_paused = true)]
async fn times_out_a_reply_that_takes_an_hour() {
    let start = Instant::now();
    let an_hour = sleep(Duration::from_secs(3600));
    // The clock jumps to the timeout's deadline: the test does not wait a second of real time.
    let outcome = timeout(Duration::from_secs(1), an_hour).await;
    assert!(outcome.is_err(), "the timeout did not fire");
    assert_eq!(start.elapsed(), Duration::from_secs(1));
}
// ANCHOR_END: shown

// ANCHOR: shown
/// What `cargo test` does with the three tests above: each runs on a runtime of its own, built
/// as its attribute says.
fn main() {
    let paused = || {
        let mut builder = Builder::new_current_thread();
        builder.start_paused(true);
        builder
    };
    let mut tests = Tests::new(3);
    tests.run(
        "retries_until_it_answers",
        paused(),
        retries_until_it_answers(),
    );
    tests.run(
        "gives_up_after_three_calls",
        paused(),
        gives_up_after_three_calls(),
    );
    tests.run(
        "times_out_a_reply_that_takes_an_hour",
        paused(),
        times_out_a_reply_that_takes_an_hour(),
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
