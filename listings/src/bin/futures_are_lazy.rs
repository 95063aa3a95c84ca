// ANCHOR: all
/// An async function: calling it builds a future, which runs only when awaited.
async fn greet(name: &str) -> String {
    println!("greet({name}) starts running");
    format!("Hello, {name}!")
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // This line runs none of `greet`'s body: it only builds the future.
    let greeting = greet("asyncio");
    println!("The future exists, but greet has not started.");

    // Awaiting the future runs it to completion and hands back its output.
    let text = greeting.await;
    println!("{text}");
}
// ANCHOR_END: all
