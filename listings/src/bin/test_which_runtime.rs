// ANCHOR: all
use std::future::Future;
use std::panic::AssertUnwindSafe;

use tokio::runtime::{Builder, Handle, RuntimeFlavor};

// ANCHOR: shown
// #[tokio::test]
async fn runs_on_the_current_thread_runtime() {
    let flavor = Handle::current().runtime_flavor();
    assert_eq!(flavor, RuntimeFlavor::CurrentThread);
}

// #[tokio::test]
async fn blocks_in_place() {
    // Runs a blocking closure on this thread, after handing a worker's other tasks to a new
    // thread: only the multi-thread runtime can do that.
    let answer = tokio::task::block_in_place(|| 6 * 7);
    assert_eq!(answer, 42);
}

// #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn blocks_in_place_on_two_threads() {
    let answer = tokio::task::block_in_place(|| 6 * 7);
    assert_eq!(answer, 42);
}
// ANCHOR_END: shown

// ANCHOR: shown
/// What `cargo test` does with the three tests above: each runs on a runtime of its own, built
/// as its attribute says.
fn main() {
    let mut tests = Tests::new(3);
    tests.run(
        "runs_on_the_current_thread_runtime",
        Builder::new_current_thread(),
        runs_on_the_current_thread_runtime(),
    );
    tests.run(
        "blocks_in_place",
        Builder::new_current_thread(),
        blocks_in_place(),
    );
    let mut two_threads = Builder::new_multi_thread();
    two_threads.worker_threads(2);
    tests.run(
        "blocks_in_place_on_two_threads",
        two_threads,
        blocks_in_place_on_two_threads(),
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
