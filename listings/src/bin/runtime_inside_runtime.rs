// ANCHOR: all
use std::any::Any;

/// A synchronous function that runs async code on a runtime of its own, the way the
/// "blocking" API of some async libraries works.
fn double_blocking(n: u64) -> u64 {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime can be built");
    runtime.block_on(async move {
        tokio::task::yield_now().await;
        n * 2
    })
}

/// The first sentence of a panic's message.
fn first_sentence(payload: &(dyn Any + Send)) -> &str {
    let message = match payload.downcast_ref::<&str>() {
        Some(message) => message,
        None => payload.downcast_ref::<String>().map_or("?", String::as_str),
    };
    message.split_inclusive('.').next().unwrap_or(message)
}

fn main() {
    // From synchronous code: it starts its runtime, runs it, and drops it. Fine.
    println!("from plain main: {}", double_blocking(21));

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime can be built");
    runtime.block_on(async {
        // From async code: the thread that runs this task would block on a second runtime
        // inside the first. tokio panics instead. (`catch_unwind` catches the panic, so the
        // program can print its message and go on.)
        match std::panic::catch_unwind(|| double_blocking(21)) {
            Ok(doubled) => println!("from async code: {doubled}"),
            Err(payload) => println!("from async code: panic: {}", first_sentence(&*payload)),
        }

        // The fix: run it on a thread of the blocking pool, and await that.
        let doubled = tokio::task::spawn_blocking(|| double_blocking(21))
            .await
            .expect("double_blocking does not panic there");
        println!("from spawn_blocking: {doubled}");
    });
}
// ANCHOR_END: all
