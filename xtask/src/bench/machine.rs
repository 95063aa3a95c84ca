//! The machine and versions a run was taken on (`machine.txt`, shown in the chapter).

use std::fs;
use std::process::Command;

use book_checks::workspace::locked_version;

use super::output_of;

/// The machine and versions the run was taken on, as the chapter shows them.
pub fn description(load_before: &str) -> String {
    let cpuinfo = fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let meminfo = fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let field = |text: &str, key: &str| {
        text.lines()
            .find_map(|line| {
                line.strip_prefix(key)?
                    .split_once(':')
                    .map(|(_, v)| v.trim().to_owned())
            })
            .unwrap_or_else(|| "unknown".into())
    };
    let memory_gib = field(&meminfo, "MemTotal")
        .trim_end_matches(" kB")
        .parse::<f64>()
        .map(|kib| format!("{:.1} GiB", kib / 1024.0 / 1024.0))
        .unwrap_or_else(|_| "unknown".into());
    let versions = ["tokio", "futures", "tokio-util", "divan"]
        .map(|name| {
            let version = locked_version(name).unwrap_or_else(|| "unknown".into());
            format!("{name} {version}")
        })
        .join(", ");
    format!(
        "command:   cargo xtask bench (release build)\n\
         date:      {}\n\
         machine:   {} cores (nproc), {} ({} cores in /proc/cpuinfo), {memory_gib} of memory\n\
         load:      {load_before} before the run, {} after (1, 5, 15 minutes)\n\
         rustc:     {}\n\
         crates:    {versions}\n\
         python3:   {}\n",
        first_line(Command::new("date").args(["-u", "+%Y-%m-%d %H:%M UTC"])),
        first_line(&mut Command::new("nproc")),
        field(&cpuinfo, "model name"),
        cpuinfo
            .lines()
            .filter(|l| l.starts_with("processor"))
            .count(),
        load_average(),
        first_line(Command::new("rustc").arg("--version")),
        python3_version().unwrap_or_else(|| "not found: asyncio not measured".into()),
    )
}

/// The 1-, 5- and 15-minute load averages, as `/proc/loadavg` gives them.
pub fn load_average() -> String {
    let text = fs::read_to_string("/proc/loadavg").unwrap_or_default();
    text.split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ")
}

/// `Python 3.11.2`, or `None` when there is no `python3` to measure asyncio with.
pub fn python3_version() -> Option<String> {
    let output = Command::new("python3").arg("--version").output().ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

fn first_line(command: &mut Command) -> String {
    output_of(command)
        .map(|out| out.lines().next().unwrap_or("").to_owned())
        .unwrap_or_else(|_| "unknown".into())
}
