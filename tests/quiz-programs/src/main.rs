//! Runs one Tracing program of the book's quizzes: `quiz KEY`, where KEY names the program's
//! text (see build.rs). `quiz --list` prints the keys of the programs it holds.

include!(concat!(env!("OUT_DIR"), "/programs.rs"));

fn main() {
    let key = std::env::args().nth(1).unwrap_or_default();
    if key == "--list" {
        for (key, _) in PROGRAMS {
            println!("{key}");
        }
        return;
    }
    match PROGRAMS.iter().find(|(known, _)| *known == key) {
        Some((_, main)) => main(),
        None => {
            eprintln!("quiz: no program `{key}` (was its quiz changed since this was built?)");
            std::process::exit(2);
        }
    }
}
