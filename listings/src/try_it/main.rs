//! Runs one Try-it variant of a listing: `try-it LISTING/SLUG` (see `build.rs`).

include!(concat!(env!("OUT_DIR"), "/variants.rs"));

fn main() {
    let variant = std::env::args().nth(1).unwrap_or_default();
    match find(&variant) {
        Some(main) => main(),
        None => {
            eprintln!("try-it: no variant `{variant}` (is its patch stale? `cargo test` says)");
            std::process::exit(2);
        }
    }
}
