//! `cargo xtask timelines`: draws a timeline of each worked example from a real run.

pub fn run(_args: &[String]) -> Result<(), String> {
    Err("not written yet".into())
}
