//! Every program of the book runs, side by side, and prints exactly the output the book shows
//! beside it: the listings, their asyncio counterparts and their Try-it variants.

use std::io::Write as _;
use std::time::Duration;

use book_checks::outputs::{
    Listing, Order, PassRecord, Run, TimedLine, check_arrive_apart, check_arrive_together, compare,
    find_listings, missing_outputs, run_commands,
};
use book_checks::programs::{Expect, Kind, Program, Programs};
use book_checks::repo_root;
use book_checks::shapes::{SEQUENTIAL_GAP, TASK_LINE, WINDOW};

#[test]
fn every_program_prints_its_expected_output() {
    let root = repo_root();
    let programs = Programs::gather(&root, Expect::Outputs)
        .unwrap_or_else(|problems| panic!("\n{}", problems.join("\n")));
    let passes = PassRecord::new(root.join("target/outputs-passed"));
    let (skipped, to_run): (Vec<&Program>, Vec<&Program>) =
        programs.all.iter().partition(|program| {
            programs.is_slow(program)
                && passes.passed_unchanged(&program.listing, &program.executable)
        });
    for program in &skipped {
        println!(
            "skipped `{}`: it passed before, and neither it nor its output changed",
            program.listing.name
        );
    }

    let commands: Vec<_> = to_run
        .iter()
        .map(|program| program.command.clone())
        .collect();
    let runs = run_commands(&commands);

    let mut failures = Vec::new();
    for (program, run) in to_run.iter().zip(&runs) {
        match programs.check(program, run) {
            Ok(()) if programs.is_slow(program) => {
                passes.record_pass(&program.listing, &program.executable)
            }
            Ok(()) => {}
            Err(failure) => failures.push(failure),
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n\n"));
    // Straight to stderr, past the test harness's capture: the count is worth seeing.
    let _ = writeln!(
        std::io::stderr(),
        "outputs: {} listings, {} asyncio programs and {} Try-it variants printed their expected \
         output ({} slow ones skipped, unchanged since they passed)",
        programs.count(Kind::Listing),
        programs.count(Kind::Asyncio),
        programs.count(Kind::Variant),
        skipped.len(),
    );
}

// The harness itself must be able to fail: these tests feed it wrong input on purpose.

fn fixture_listing() -> Listing {
    let bin = repo_root().join("tests/fixtures/listings");
    find_listings(&bin.join("complete")).remove(0)
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

    let shuffled = "Done.\n>Task 1 done\n>Task 0 done\n";
    assert!(compare(&listing, expected, shuffled, Order::Any).is_ok());
    assert!(compare(&listing, expected, shuffled, Order::Exact).is_err());
    let error = compare(&listing, expected, ">Task 0 done\nDone.\n", Order::Any).unwrap_err();
    assert!(error.contains("compared without order"), "{error}");
}

#[test]
fn a_listing_without_expected_output_is_reported_by_name() {
    let bin = repo_root().join("tests/fixtures/listings/no_output");

    let problems = missing_outputs(&find_listings(&bin));

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
fn a_wrong_asyncio_output_is_reported_with_the_program_and_a_line_diff() {
    let fixtures = repo_root().join("tests/fixtures/asyncio");
    let scripts = book_checks::asyncio::find_programs(&fixtures, &fixtures.join("bin"));
    let python = book_checks::asyncio::find_python().unwrap();
    let commands: Vec<_> = scripts
        .iter()
        .map(|script| book_checks::asyncio::command_line(&python, &script.source))
        .collect();

    let runs = run_commands(&commands);

    let expected = std::fs::read_to_string(&scripts[0].expected_output).unwrap();
    let error = compare(&scripts[0], &expected, &runs[0].stdout(), Order::Exact).unwrap_err();
    assert!(error.contains("listing `asyncio/off_by_one`"), "{error}");
    assert!(
        error.contains("fixtures/asyncio/bin/off_by_one.txt"),
        "{error}"
    );
    assert!(error.contains("\n->Task 0 done\n"), "{error}");
    assert!(error.contains("\n+>Task 3 done\n"), "{error}");
}

#[test]
fn a_failing_program_states_its_exit_status_as_its_last_line() {
    let python = book_checks::asyncio::find_python().unwrap();
    let raise = vec![
        python.into_os_string(),
        "-c".into(),
        "print('before'); raise SystemExit(3)".into(),
    ];

    let runs = run_commands(&[raise]);

    assert_eq!(runs[0].stdout(), "before\n[exit status: 3]\n");
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
        failure: None,
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
