//! Every listing runs, side by side, and prints exactly the output the book shows beside it.

use std::path::Path;
use std::time::Duration;

use tokio_concurrently::outputs::{
    Listing, Order, Run, TimedLine, build_binaries, check_arrive_together, compare, find_listings,
    run_all,
};
use tokio_concurrently::repo_root;

/// Listings whose point is that their tasks run concurrently: each task line must arrive
/// within this window of the others. One-second tasks run one after another would spread
/// them over seconds; run concurrently, they wake on the same timer tick.
const CONCURRENT: &[&str] = &[
    "spawn_await_each",
    "join_set",
    "wait_join_all",
    "join_all_futures",
];
const TASK_LINE: &str = ">Task";
const WINDOW: Duration = Duration::from_millis(250);

/// Listings on the multi-thread runtime whose lines come in an order that changes from run to
/// run (the runtime's worker threads pick up tasks as they please): the book says so beside
/// each, and here they are compared as sets of lines, so every line must still be there.
const UNORDERED: &[&str] = &["multi_thread_order_varies"];

#[test]
fn every_listing_prints_its_expected_output() {
    let root = repo_root();
    let listings = find_listings(&root.join("listings/src/bin"))
        .unwrap_or_else(|problems| panic!("\n{}", problems.join("\n")));
    let binaries = build_binaries(&root, "listings");
    let programs: Vec<&Path> = listings
        .iter()
        .map(|listing| binaries[&listing.name].as_path())
        .collect();
    let runs = run_all(&programs);

    let failures: Vec<String> = listings
        .iter()
        .zip(&runs)
        .filter_map(|(listing, run)| check_run(listing, run).err())
        .collect();
    assert!(failures.is_empty(), "\n{}", failures.join("\n\n"));
}

fn check_run(listing: &Listing, run: &Run) -> Result<(), String> {
    if !run.success {
        return Err(format!(
            "listing `{}` failed:\n{}",
            listing.name, run.stderr
        ));
    }
    let expected = std::fs::read_to_string(&listing.expected_output).unwrap();
    let order = if UNORDERED.contains(&listing.name.as_str()) {
        Order::Any
    } else {
        Order::Exact
    };
    compare(listing, &expected, &run.stdout(), order)?;
    if CONCURRENT.contains(&listing.name.as_str()) {
        check_arrive_together(run, TASK_LINE, WINDOW)
            .map_err(|e| format!("listing `{}`: {e}", listing.name))?;
    }
    Ok(())
}

// The harness itself must be able to fail: these tests feed it wrong input on purpose.

fn fixture_listing() -> Listing {
    let bin = repo_root().join("tests/fixtures/listings");
    find_listings(&bin.join("complete")).unwrap().remove(0)
}

#[test]
fn a_wrong_output_is_reported_with_the_listing_and_a_line_diff() {
    let listing = fixture_listing();
    let expected = std::fs::read_to_string(&listing.expected_output).unwrap();
    let printed = expected.replace(">Task 1 done", ">Task 7 done");

    let error = compare(&listing, &expected, &printed, Order::Exact).unwrap_err();

    assert!(error.contains("listing `hello`"), "{error}");
    assert!(
        error.contains("tests/fixtures/listings/complete/hello.txt"),
        "{error}"
    );
    assert!(
        error.contains("\n->Task 1 done\n+>Task 7 done\n"),
        "{error}"
    );
}

#[test]
fn order_any_accepts_the_same_lines_shuffled_but_not_other_lines() {
    let listing = fixture_listing();
    let expected = ">Task 0 done\n>Task 1 done\nDone.\n";

    assert!(
        compare(
            &listing,
            expected,
            "Done.\n>Task 1 done\n>Task 0 done\n",
            Order::Any
        )
        .is_ok()
    );
    assert!(
        compare(
            &listing,
            expected,
            ">Task 1 done\n>Task 0 done\nDone.\n",
            Order::Exact
        )
        .is_err()
    );
    let error = compare(&listing, expected, ">Task 0 done\nDone.\n", Order::Any).unwrap_err();
    assert!(error.contains("compared without order"), "{error}");
}

#[test]
fn a_listing_without_expected_output_is_reported_by_name() {
    let bin = repo_root().join("tests/fixtures/listings/no_output");

    let problems = find_listings(&bin).unwrap_err();

    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].contains("no_output/lonely.rs"),
        "{}",
        problems[0]
    );
    assert!(
        problems[0].contains("no_output/lonely.txt"),
        "{}",
        problems[0]
    );
}

#[test]
fn tasks_that_ran_one_after_another_fail_the_concurrency_check() {
    let lines_at = |seconds: &[u64]| Run {
        lines: seconds
            .iter()
            .enumerate()
            .map(|(i, &s)| TimedLine {
                at: Duration::from_secs(s),
                text: format!(">Task {i} done"),
            })
            .collect(),
        success: true,
        stderr: String::new(),
    };

    assert!(check_arrive_together(&lines_at(&[1, 1, 1]), TASK_LINE, WINDOW).is_ok());
    let error = check_arrive_together(&lines_at(&[1, 2, 3]), TASK_LINE, WINDOW).unwrap_err();
    assert!(error.contains("arrived over 2s"), "{error}");
}
