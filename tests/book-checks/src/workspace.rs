//! Where things are in the repository, and the tools that build it: one home for each.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository's root: `book.toml`, `src/`, `listings/` and `tests/` are below it.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("this package lives at tests/book-checks/")
        .to_owned()
}

/// The repository's target folder: `$CARGO_TARGET_DIR` if set, else `target/` at the root.
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("target"))
}

/// The cargo that runs us (cargo sets `$CARGO` for tests, build scripts and `cargo run`), so
/// that a nested build uses the same toolchain and the same target folder.
pub fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// The version of `package` that the workspace's `Cargo.lock` pins (the first, if several).
pub fn locked_version(package: &str) -> Option<String> {
    let lock = std::fs::read_to_string(repo_root().join("Cargo.lock")).ok()?;
    let entry = format!("name = \"{package}\"\nversion = \"");
    let start = lock.find(&entry)? + entry.len();
    let end = start + lock[start..].find('"')?;
    Some(lock[start..end].to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_root_holds_the_book() {
        assert!(repo_root().join("book.toml").is_file());
    }

    #[test]
    fn locked_versions_are_read_from_the_lock_file() {
        assert!(locked_version("tokio").is_some_and(|v| v.starts_with("1.")));
        assert_eq!(locked_version("no-such-package"), None);
    }
}
