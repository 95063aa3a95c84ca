//! Every listing runs, side by side, and prints exactly the output the book shows beside it.

use std::path::Path;
use std::time::Duration;

use tokio_concurrently::outputs::{
    Listing, Order, PassRecord, Run, TimedLine, build_binaries, check_arrive_apart,
    check_arrive_together, compare, find_listings, run_all,
};
use tokio_concurrently::repo_root;

/// Listings whose point is that their tasks run concurrently: each task line must arrive
/// within this window of the others. One-second tasks run one after another would spread
/// them over seconds; run concurrently, they wake on the same timer tick.
const CONCURRENT: &[&str] = &[
    "spawn_await_each",
    "join_set",
    "join_set_next",
    "wait_join_all",
    "join_all_futures",
];
const TASK_LINE: &str = ">Task";
const WINDOW: Duration = Duration::from_millis(250);

/// Listings on the multi-thread runtime whose lines come in an order that changes from run to
/// run (the runtime's worker threads pick up tasks as they please): the book says so beside
/// each, and here they are compared as sets of lines, so every line must still be there.
const UNORDERED: &[&str] = &["multi_thread_order_varies"];

/// Listings that run one task after another, to show what concurrency saves: each task line
/// must come at least this long after the one before (the tasks sleep one second each).
const SEQUENTIAL: &[&str] = &["sequential_baseline"];
const SEQUENTIAL_GAP: Duration = Duration::from_millis(900);

/// Listings too slow to run on every `cargo test` (the sequential baseline takes twenty
/// seconds): each runs when it, or its expected output, changed since it last passed (always on
/// a fresh clone, as in CI), and is skipped otherwise.
const SLOW: &[&str] = &["sequential_baseline"];

#[test]
fn every_listing_prints_its_expected_output() {
    let root = repo_root();
    let listings = find_listings(&root.join("listings/src/bin"))
        .unwrap_or_else(|problems| panic!("\n{}", problems.join("\n")));
    let binaries = build_binaries(&root, "listings");
    let binary = |listing: &Listing| binaries[&listing.name].as_path();
    let passes = PassRecord::new(root.join("target/outputs-passed"));
    let (skipped, to_run): (Vec<&Listing>, Vec<&Listing>) = listings.iter().partition(|listing| {
        SLOW.contains(&listing.name.as_str()) && passes.passed_unchanged(listing, binary(listing))
    });
    for listing in &skipped {
        println!(
            "skipped `{}`: it passed before, and neither it nor its output changed",
            listing.name
        );
    }

    let programs: Vec<&Path> = to_run.iter().map(|listing| binary(listing)).collect();
    let runs = run_all(&programs);

    let mut failures = Vec::new();
    for (listing, run) in to_run.iter().zip(&runs) {
        match check_run(listing, run) {
            Ok(()) if SLOW.contains(&listing.name.as_str()) => {
                passes.record_pass(listing, binary(listing))
            }
            Ok(()) => {}
            Err(failure) => failures.push(failure),
        }
    }
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
    let timing = if CONCURRENT.contains(&listing.name.as_str()) {
        check_arrive_together(run, TASK_LINE, WINDOW)
    } else if SEQUENTIAL.contains(&listing.name.as_str()) {
        check_arrive_apart(run, TASK_LINE, SEQUENTIAL_GAP)
    } else {
        Ok(())
    };
    timing.map_err(|e| format!("listing `{}`: {e}", listing.name))
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
fn the_timing_checks_tell_concurrent_from_sequential_runs() {
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

    assert!(check_arrive_apart(&lines_at(&[1, 2, 3]), TASK_LINE, SEQUENTIAL_GAP).is_ok());
    let error = check_arrive_apart(&lines_at(&[1, 2, 2]), TASK_LINE, SEQUENTIAL_GAP).unwrap_err();
    assert!(error.contains("arrived 0ns apart"), "{error}");
}

#[test]
fn a_slow_listing_is_skipped_only_while_it_and_its_output_are_unchanged() {
    let work = tempfile::tempdir().unwrap();
    let listing = Listing {
        name: "slow".into(),
        source: work.path().join("slow.rs"),
        expected_output: work.path().join("slow.txt"),
    };
    let binary = work.path().join("slow-binary");
    std::fs::write(&binary, "program, first build").unwrap();
    std::fs::write(&listing.expected_output, "output\n").unwrap();
    let passes = PassRecord::new(work.path().join("passed"));

    assert!(
        !passes.passed_unchanged(&listing, &binary),
        "never ran, yet skipped"
    );
    passes.record_pass(&listing, &binary);
    assert!(passes.passed_unchanged(&listing, &binary));

    std::fs::write(&listing.expected_output, "other output\n").unwrap();
    assert!(
        !passes.passed_unchanged(&listing, &binary),
        "expected output changed"
    );
    passes.record_pass(&listing, &binary);
    std::fs::write(&binary, "program, second build").unwrap();
    assert!(
        !passes.passed_unchanged(&listing, &binary),
        "program changed"
    );
}
