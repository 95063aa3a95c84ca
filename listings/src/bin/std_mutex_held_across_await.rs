// ANCHOR: all
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

// `main`'s future is not spawned, so it need not be `Send`, and holding a std `MutexGuard`
// across an `.await` compiles here. Clippy warns about it (`await_holding_lock`); this listing
// shows why.
#[allow(clippy::await_holding_lock)]
// Paused time (tokio feature "test-util"): when every task waits, the clock jumps to the
// next timer, so the program's output never depends on load.
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    // A watchdog on a plain thread: once the runtime's only thread is stuck, its own timers
    // cannot fire, so something outside it must end the program.
    let (about_to_lock, watchdog_start) = mpsc::channel::<()>();
    std::thread::spawn(move || {
        watchdog_start.recv().unwrap();
        std::thread::sleep(Duration::from_secs(1));
        println!("watchdog: 1 s later, the runtime's thread is still stuck");
        std::process::exit(0);
    });

    let counter = Arc::new(Mutex::new(0));
    let task = {
        let counter = Arc::clone(&counter);
        tokio::spawn(async move {
            println!("task: waiting for the lock");
            about_to_lock.send(()).unwrap();
            // This blocks the thread, not just the task, until the lock is free.
            *counter.lock().unwrap() += 1;
            println!("task: done");
        })
    };

    let mut guard = counter.lock().unwrap();
    println!("main: holding the lock across an .await");
    // While `main` waits here, the runtime runs the task, which blocks the only thread in
    // `lock()`. So the sleep never ends, and the guard is never dropped.
    tokio::time::sleep(Duration::from_millis(10)).await;
    *guard += 1;
    drop(guard);

    task.await.unwrap();
    println!("main: done");
}
// ANCHOR_END: all
