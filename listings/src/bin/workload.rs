// ANCHOR: all
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;
use tokio::task::JoinSet;
use tokio::time::{Instant, sleep, timeout};
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

/// How long a client waits for one answer before it gives up on it.
const TIMEOUT: Duration = Duration::from_secs(2);

// ANCHOR: server
/// The server: accepts connections until `shutdown` is cancelled, and answers each in a task
/// of `connections`, so that shutting down can wait for them.
async fn serve(listener: TcpListener, shutdown: CancellationToken, connections: TaskTracker) {
    loop {
        let stream = tokio::select! {
            biased;
            () = shutdown.cancelled() => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _peer)) => stream,
                // A connection that failed before it was accepted: nothing to answer.
                Err(_) => continue,
            },
        };
        connections.spawn(answer(stream, shutdown.clone()));
    }
}

/// Reads one request line and writes one answer line, unless the server shuts down first.
async fn answer(stream: TcpStream, shutdown: CancellationToken) {
    let (reader, mut writer) = stream.into_split();
    let mut reader = BufReader::new(reader);
    let reply = tokio::select! {
        // Shutting down drops the request wherever it is: reading, or in the middle of `work`.
        () = shutdown.cancelled() => return,
        reply = async {
            let mut line = String::new();
            reader.read_line(&mut line).await.ok()?;
            Some(work(&line).await)
        } => reply,
    };
    // No reply if the client sent nothing readable; and the client may have given up and
    // closed the connection, leaving no one to tell.
    if let Some(reply) = reply {
        let _ = writer.write_all(reply.as_bytes()).await;
    }
}

/// The protocol, one line each way: `work N MS` is answered `ok N²` after MS milliseconds of
/// work; `stall N` is never answered; anything else is answered `error`.
async fn work(request: &str) -> String {
    match request.split_whitespace().collect::<Vec<_>>()[..] {
        ["work", n, ms] => {
            let (n, ms): (u64, u64) = (n.parse().unwrap_or(0), ms.parse().unwrap_or(0));
            // Even a zero-length sleep waits for the timer's next tick (1 ms): skip it.
            if ms > 0 {
                sleep(Duration::from_millis(ms)).await;
            }
            format!("ok {}\n", n * n)
        }
        ["stall", _] => std::future::pending().await,
        _ => "error\n".to_owned(),
    }
}
// ANCHOR_END: server

// ANCHOR: client
/// One request: connect, send its line, read the answer.
async fn request(server: SocketAddr, line: String) -> Result<String, String> {
    let mut stream = TcpStream::connect(server)
        .await
        .map_err(|e| e.to_string())?;
    stream
        .write_all(line.as_bytes())
        .await
        .map_err(|e| e.to_string())?;
    let mut reply = String::new();
    BufReader::new(stream)
        .read_line(&mut reply)
        .await
        .map_err(|e| e.to_string())?;
    match reply.trim() {
        "error" => Err("server error".to_owned()),
        reply => Ok(reply.to_owned()),
    }
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Outcome {
    Answered,
    TimedOut,
    Failed,
    Cancelled,
}

/// Sends one request with a timeout. A failure cancels the whole batch; a cancelled batch
/// drops the request wherever it is (connecting, sending or waiting).
async fn send(server: SocketAddr, line: String, batch: CancellationToken) -> Outcome {
    tokio::select! {
        biased;
        () = batch.cancelled() => Outcome::Cancelled,
        result = timeout(TIMEOUT, request(server, line)) => match result {
            Ok(Ok(_answer)) => Outcome::Answered,
            Ok(Err(_error)) => {
                batch.cancel();
                Outcome::Failed
            }
            Err(_elapsed) => Outcome::TimedOut,
        },
    }
}
// ANCHOR_END: client

// ANCHOR: batch
/// What became of a batch's requests: `(request number, outcome)` for each one sent, and how
/// many were never sent because the batch was cancelled first.
#[derive(Default)]
struct Report {
    outcomes: Vec<(usize, Outcome)>,
    never_sent: usize,
    most_in_flight: usize,
}

/// Sends `lines` to the server, request `i` being `lines[i - 1]`, at most `limit` at a time.
async fn run_batch(
    server: SocketAddr,
    lines: Vec<String>,
    limit: usize,
    batch: CancellationToken,
) -> Report {
    let permits = Arc::new(Semaphore::new(limit));
    let mut running = JoinSet::new();
    let mut report = Report::default();
    for (i, line) in lines.into_iter().enumerate() {
        // Wait for a free slot, unless the batch is cancelled first.
        let permit = tokio::select! {
            biased;
            () = batch.cancelled() => {
                report.never_sent += 1;
                continue;
            }
            permit = Arc::clone(&permits).acquire_owned() => permit.expect("never closed"),
        };
        report.most_in_flight = report
            .most_in_flight
            .max(limit - permits.available_permits());
        let batch = batch.clone();
        let started = Instant::now();
        running.spawn(async move {
            let outcome = send(server, line, batch).await;
            trace(i + 1, started, outcome);
            // The slot is free again only once the request is over.
            drop(permit);
            (i + 1, outcome)
        });
    }
    while let Some(joined) = running.join_next().await {
        report
            .outcomes
            .push(joined.expect("a request task panicked"));
    }
    report.outcomes.sort_by_key(|&(number, _)| number);
    report
}
// ANCHOR_END: batch

// ANCHOR: main
#[tokio::main(flavor = "current_thread")]
async fn main() {
    START.get_or_init(Instant::now);
    // Port 0: the system picks a free port, on the loopback interface only.
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("cannot listen");
    let server_addr = listener.local_addr().expect("no address");
    let shutdown = CancellationToken::new();
    let connections = TaskTracker::new();
    let server = tokio::spawn(serve(listener, shutdown.clone(), connections.clone()));
    println!("server listening on 127.0.0.1 (a free port)");

    // Ctrl-C cancels everything: each batch's token is a child of `shutdown`.
    let on_ctrl_c = shutdown.clone();
    tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            println!("Ctrl-C: shutting down");
            on_ctrl_c.cancel();
        }
    });

    if let Some((requests, limit, work_ms)) = load_from_args() {
        measure(
            server_addr,
            requests,
            limit,
            work_ms,
            shutdown.child_token(),
        )
        .await;
    } else {
        // Batch 1: 40 requests of 10 to 40 ms of work, 8 at a time; two of them stall.
        let lines = (1..=40)
            .map(|n| match n {
                13 | 29 => format!("stall {n}\n"),
                n => format!("work {n} {}\n", 10 + (n % 4) * 10),
            })
            .collect();
        println!("batch 1: 40 requests, at most 8 in flight, a {TIMEOUT:?} timeout each");
        let report = run_batch(server_addr, lines, 8, shutdown.child_token()).await;
        print_report(&report);

        // Batch 2: 20 requests of 100 ms, 8 at a time; the third fails at once.
        let lines = (1..=20)
            .map(|n| match n {
                3 => format!("fail {n}\n"),
                n => format!("work {n} 100\n"),
            })
            .collect();
        println!("batch 2: 20 requests, at most 8 in flight; request 3 fails");
        let report = run_batch(server_addr, lines, 8, shutdown.child_token()).await;
        print_report(&report);
    }

    // Graceful shutdown: stop accepting, let every connection end, but wait 1 s at most.
    shutdown.cancel();
    server.await.expect("the server panicked");
    connections.close();
    match timeout(Duration::from_secs(1), connections.wait()).await {
        Ok(()) => println!("server stopped; every connection closed"),
        Err(_) => println!("server stopped; some connections were still open after 1 s"),
    }
}
// ANCHOR_END: main

fn print_report(report: &Report) {
    let numbers = |wanted: Outcome| -> Vec<usize> {
        let found = report
            .outcomes
            .iter()
            .filter(|&&(_, outcome)| outcome == wanted);
        found.map(|&(number, _)| number).collect()
    };
    println!("  answered: {}", numbers(Outcome::Answered).len());
    println!("  timed out: {:?}", numbers(Outcome::TimedOut));
    println!("  failed: {:?}", numbers(Outcome::Failed));
    println!(
        "  cancelled in flight: {}",
        numbers(Outcome::Cancelled).len()
    );
    println!("  never sent: {}", report.never_sent);
    println!("  most in flight at once: {}", report.most_in_flight);
}

// ANCHOR: measure
/// `workload REQUESTS LIMIT WORK_MS`: the load `cargo xtask workload` measures.
fn load_from_args() -> Option<(usize, usize, u64)> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match &args[..] {
        [requests, limit, work_ms] => Some((
            requests.parse().ok()?,
            limit.parse().ok()?,
            work_ms.parse().ok()?,
        )),
        _ => None,
    }
}

/// Sends `requests` requests of `work_ms` each, at most `limit` at a time, and says how long
/// they took.
async fn measure(
    server: SocketAddr,
    requests: usize,
    limit: usize,
    work_ms: u64,
    batch: CancellationToken,
) {
    let lines = (1..=requests)
        .map(|n| format!("work {n} {work_ms}\n"))
        .collect();
    let started = Instant::now();
    let report = run_batch(server, lines, limit, batch).await;
    let answered = numbers_answered(&report);
    println!(
        "{requests} requests, at most {limit} at once, {work_ms} ms of work each: \
         {answered} answered in {:.3} s",
        started.elapsed().as_secs_f64()
    );
}

fn numbers_answered(report: &Report) -> usize {
    let answered = report.outcomes.iter();
    answered.filter(|(_, o)| *o == Outcome::Answered).count()
}

/// When the program started: the zero of the trace's times.
static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();

/// With `WORKLOAD_TRACE` set, writes when each request started and ended (microseconds since
/// the program started) to stderr, for the timeline of `cargo xtask workload`.
fn trace(number: usize, started: Instant, outcome: Outcome) {
    if std::env::var_os("WORKLOAD_TRACE").is_some() {
        let zero = *START.get().expect("set at the start of main");
        let start = started.duration_since(zero).as_micros();
        let end = zero.elapsed().as_micros();
        eprintln!("trace {number} {start} {end} {outcome:?}");
    }
}
// ANCHOR_END: measure
// ANCHOR_END: all
