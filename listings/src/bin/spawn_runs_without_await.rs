// ANCHOR: all
#[tokio::main(flavor = "current_thread")]
async fn main() {
    let handle = tokio::spawn(async {
        println!("The task runs, though nobody has awaited its handle.");
        42
    });

    // On this one-thread runtime the task gets the thread only when `main` yields it, just
    // as an asyncio task runs only once the coroutine that created it suspends at an `await`.
    tokio::task::yield_now().await;
    println!("Back in main.");

    // The handle gives us the task's return value; awaiting it is optional.
    let answer = handle
        .await
        .expect("the task neither panicked nor was aborted");
    println!("The task returned {answer}.");
}
// ANCHOR_END: all
