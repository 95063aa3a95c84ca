// ANCHOR: all
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    // `main`'s future runs on the thread that called `block_on`, not on a worker, so the
    // parent is a spawned task: it runs on one of the two workers.
    let parent = tokio::spawn(async {
        let parent_thread = thread::current().id();
        let (report, reports) = mpsc::channel();
        let children: Vec<_> = (0..4)
            .map(|child| {
                let report = report.clone();
                tokio::spawn(async move {
                    let on_parent_thread = thread::current().id() == parent_thread;
                    report.send((child, on_parent_thread)).unwrap();
                })
            })
            .collect();
        println!("parent: spawned children 0 to 3, now blocks its worker");

        // Block this worker's thread, with no `.await`, until three children have reported.
        let mut ran = Vec::new();
        while ran.len() < 3 {
            match reports.recv_timeout(Duration::from_secs(10)) {
                Ok(child_report) => ran.push(child_report),
                Err(_) => {
                    println!("parent: gave up after 10 s with {} reports", ran.len());
                    break;
                }
            }
        }
        // The reports come in whatever order the other worker ran the children.
        ran.sort();
        for (child, on_parent_thread) in ran {
            let place = if on_parent_thread {
                "the parent's worker"
            } else {
                "the other worker"
            };
            println!("child {child} ran while the parent blocked, on {place}");
        }
        let early = reports.try_recv().is_ok();
        println!("parent: stops blocking; child 3 has run: {early}");

        // Awaiting the children gives the worker back to the runtime.
        for child in children {
            child.await.unwrap();
        }
        if let Ok((child, on_parent_thread)) = reports.try_recv() {
            println!("child {child} ran after that, on the parent's worker: {on_parent_thread}");
        }
    });
    parent.await.unwrap();
}
// ANCHOR_END: all
