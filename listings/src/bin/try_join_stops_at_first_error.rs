// ANCHOR: all
use std::time::Duration;

/// Prints a line if it is dropped before `finished` is set: it shows a future stopped halfway.
struct DropReporter {
    name: &'static str,
    finished: bool,
}

impl Drop for DropReporter {
    fn drop(&mut self) {
        if !self.finished {
            println!("  {} was dropped before it finished", self.name);
        }
    }
}

/// Checks one part of a system: after `millis` milliseconds, reports it fine or failing.
async fn check(part: &'static str, millis: u64, fails: bool) -> Result<&'static str, String> {
    let mut reporter = DropReporter {
        name: part,
        finished: false,
    };
    tokio::time::sleep(Duration::from_millis(millis)).await;
    reporter.finished = true;
    if fails {
        return Err(format!("{part} is down"));
    }
    println!("  {part} is fine");
    Ok(part)
}

// ANCHOR: main
// Paused time (tokio feature "test-util"): when every task waits, the clock jumps to the
// next timer, so the program runs in an instant and its output never depends on load.
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    println!("try_join_all:");
    let checks = vec![
        check("disk", 50, false),
        check("network", 100, true),
        check("memory", 150, false),
    ];
    match futures::future::try_join_all(checks).await {
        Ok(fine) => println!("all fine: {fine:?}"),
        Err(error) => println!("failed: {error}"),
    }

    println!("try_join!:");
    let all = tokio::try_join!(
        check("disk", 50, false),
        check("network", 100, true),
        check("memory", 150, false),
    );
    match all {
        Ok((disk, network, memory)) => println!("all fine: {disk}, {network}, {memory}"),
        Err(error) => println!("failed: {error}"),
    }
}
// ANCHOR_END: main
// ANCHOR_END: all
