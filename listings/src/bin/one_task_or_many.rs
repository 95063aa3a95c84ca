// ANCHOR: all
use std::collections::HashSet;

use futures::future::join_all;
use tokio::task;

/// Reports which task is polling it.
async fn current_task() -> task::Id {
    task::id()
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // Twenty futures joined inside one spawned task.
    let joined = tokio::spawn(async { join_all((0..20).map(|_| current_task())).await });
    let ids: HashSet<task::Id> = joined.await.unwrap().into_iter().collect();
    println!("join_all ran 20 futures in {} task", ids.len());

    // Twenty futures, each spawned as a task of its own.
    let handles = (0..20).map(|_| tokio::spawn(current_task()));
    let ids: HashSet<task::Id> = join_all(handles)
        .await
        .into_iter()
        .map(Result::unwrap)
        .collect();
    println!("tokio::spawn ran 20 futures in {} tasks", ids.len());
}
// ANCHOR_END: all
