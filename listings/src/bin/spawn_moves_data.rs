// ANCHOR: all
use std::sync::Arc;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // Shared, read-only data: `Arc` lets every task own a handle to it.
    let names = Arc::new(vec!["ada", "grace", "guido"]);

    let handles: Vec<_> = (0..names.len())
        .map(|i| {
            let names = Arc::clone(&names);
            // `async move` moves the clone of the `Arc` (and `i`) into the task, so the
            // task owns everything it uses: the future is `'static`.
            tokio::spawn(async move { format!("task {i} greets {}", names[i]) })
        })
        .collect();

    for handle in handles {
        println!("{}", handle.await.expect("the task did not panic"));
    }
}
// ANCHOR_END: all
