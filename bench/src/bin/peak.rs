//! `peak WAY FLAVOR N`: runs one way once over N trivial tasks and prints how much the
//! process's peak resident memory (VmHWM) grew, in bytes. One process per case, started by
//! `cargo xtask bench`, so that no other case's memory is in the peak.

use bench::{Flavor, Trivial, expected_sum, find_way, run_on};

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [way, flavor, n] = args.as_slice() else {
        return Err("usage: peak WAY FLAVOR N".into());
    };
    let way = find_way::<Trivial>(way).ok_or(format!("no way named {way}"))?;
    let flavor = Flavor::from_name(flavor).ok_or(format!("no runtime named {flavor}"))?;
    let n: u64 = n.parse().map_err(|e| format!("N: {e}"))?;

    let runtime = flavor.runtime();
    let before = peak_resident_bytes()?;
    assert_eq!(run_on(&runtime, &way, n), expected_sum(n));
    let after = peak_resident_bytes()?;
    println!("{}", after - before);
    Ok(())
}

/// The process's peak resident set size, from the `VmHWM` line of /proc/self/status (Linux).
fn peak_resident_bytes() -> Result<u64, String> {
    let status = std::fs::read_to_string("/proc/self/status").map_err(|e| e.to_string())?;
    let kib = status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|value| value.trim().strip_suffix("kB"))
        .and_then(|value| value.trim().parse::<u64>().ok())
        .ok_or("no VmHWM line in /proc/self/status")?;
    Ok(kib * 1024)
}
