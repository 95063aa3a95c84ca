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

/// A job that takes `millis` milliseconds, then reports and returns its name.
async fn job(name: &'static str, millis: u64) -> &'static str {
    let mut reporter = DropReporter {
        name,
        finished: false,
    };
    tokio::time::sleep(Duration::from_millis(millis)).await;
    reporter.finished = true;
    println!("  {name} finished");
    name
}

// ANCHOR: main
// Paused time (tokio feature "test-util"): when every task waits, the clock jumps to the
// next timer, so the program runs in an instant and its output never depends on load.
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    // Abort through the JoinHandle itself.
    let download = tokio::spawn(job("download", 200));
    tokio::time::sleep(Duration::from_millis(50)).await;
    download.abort();
    let joined = download.await;
    println!(
        "download cancelled: {}",
        joined.is_err_and(|e| e.is_cancelled())
    );

    // Abort through an AbortHandle, which anyone may hold: here a watchdog task.
    let upload = tokio::spawn(job("upload", 200));
    let abort_upload = upload.abort_handle();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(50)).await;
        abort_upload.abort();
    });
    let joined = upload.await;
    println!(
        "upload cancelled: {}",
        joined.is_err_and(|e| e.is_cancelled())
    );
}
// ANCHOR_END: main
// ANCHOR_END: all
