// ANCHOR: all
use std::time::Duration;

use tokio::time::sleep;

async fn fetch_user() -> &'static str {
    sleep(Duration::from_millis(300)).await;
    "ada"
}

async fn fetch_orders() -> u32 {
    sleep(Duration::from_millis(100)).await;
    3
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // A fixed handful of futures of different types: `join!` polls them together and
    // returns a tuple, in the order written, once all are done (after 300 ms, not 400).
    let (user, orders) = tokio::join!(fetch_user(), fetch_orders());
    println!("{user} has {orders} orders");
}
// ANCHOR_END: all
