// ANCHOR: all
use std::cell::RefCell;
use std::rc::Rc;

use tokio::task::{LocalSet, spawn_local};

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // `Rc` is not `Send`: `tokio::spawn` would reject a future holding one.
    let log = Rc::new(RefCell::new(Vec::new()));

    // A `LocalSet` runs `!Send` tasks on the thread that drives it.
    let local = LocalSet::new();
    local
        .run_until(async {
            let handles: Vec<_> = (0..3)
                .map(|i| {
                    let log = Rc::clone(&log);
                    spawn_local(async move { log.borrow_mut().push(i) })
                })
                .collect();
            for handle in handles {
                handle.await.expect("the task did not panic");
            }
        })
        .await;

    println!("The local tasks logged {:?}.", log.borrow());
}
// ANCHOR_END: all
