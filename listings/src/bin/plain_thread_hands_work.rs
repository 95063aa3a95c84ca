// ANCHOR: all
use std::time::Duration;

use tokio::runtime::Handle;
use tokio::sync::mpsc;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // A `Handle` lets code outside the runtime reach it; it can be cloned and sent anywhere.
    let handle = Handle::current();
    let (tx, mut rx) = mpsc::channel(8);

    // A plain thread, as a GUI toolkit or a C library's callback would give you.
    let thread = std::thread::spawn(move || {
        // 1. Send values in: `blocking_send` waits like `send(...).await`, but by blocking
        //    this thread, which is not the runtime's.
        for n in 1..=3 {
            tx.blocking_send(n).expect("the runtime is receiving");
        }
        drop(tx);

        // 2. Run a future on the runtime and wait for its result, like
        //    `asyncio.run_coroutine_threadsafe(coro, loop).result()`.
        let task = handle.spawn(async {
            tokio::time::sleep(Duration::from_millis(10)).await;
            6 * 7
        });
        handle.block_on(task).expect("the task does not panic")
    });

    while let Some(n) = rx.recv().await {
        println!("runtime: got {n} from the thread");
    }
    // Wait for the thread without blocking the runtime's thread, which must run the task
    // the thread spawned.
    let answer = tokio::task::spawn_blocking(move || thread.join())
        .await
        .expect("the blocking task does not panic")
        .expect("the thread does not panic");
    println!("runtime: the thread is done; the runtime computed {answer} for it");
}
// ANCHOR_END: all
