//! `cargo xtask bench`: measures the cost per task of each way, tokio next to asyncio.

pub fn run(_args: &[String]) -> Result<(), String> {
    Err("not written yet".into())
}
