//! Builds the Try-it variants into one program, `try-it`: each `try-it/LISTING/SLUG.patch`
//! is applied to `src/bin/LISTING.rs` and the changed program becomes a module of it, run by
//! `try-it LISTING/SLUG`. (The book's tests report a patch that no longer applies, naming the
//! chapter that shows it; here it is left out.)

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    println!("cargo::rerun-if-changed=try-it");
    println!("cargo::rerun-if-changed=src/bin");
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    let mut modules = String::new();
    let mut arms = String::new();
    for (listing, slug, patch) in patches(Path::new("try-it")) {
        let source = fs::read_to_string(format!("src/bin/{listing}.rs")).unwrap_or_default();
        let Some(changed) = apply(&source, &patch) else {
            println!("cargo::warning=try-it/{listing}/{slug}.patch does not apply: left out");
            continue;
        };
        let module = format!("{listing}__{}", slug.replace('-', "_"));
        let file = out_dir.join(format!("{module}.rs"));
        fs::write(&file, make_main_public(&changed)).unwrap();
        // A variant is an edit of a listing for the reader to try: unused code is expected.
        writeln!(
            modules,
            "#[allow(warnings, clippy::all)]\nmod {module} {{ include!({file:?}); }}"
        )
        .unwrap();
        writeln!(
            arms,
            "        \"{listing}/{slug}\" => Some({module}::main),"
        )
        .unwrap();
    }
    let program = format!(
        "{modules}\npub fn find(variant: &str) -> Option<fn()> {{\n    match variant {{\n{arms}        \
         _ => None,\n    }}\n}}\n"
    );
    fs::write(out_dir.join("variants.rs"), program).unwrap();
}

/// `(listing, slug, patch text)` for every patch, in a stable order.
fn patches(dir: &Path) -> Vec<(String, String, String)> {
    let mut found = Vec::new();
    for folder in fs::read_dir(dir).into_iter().flatten().flatten() {
        let listing = folder.file_name().to_string_lossy().into_owned();
        for file in fs::read_dir(folder.path()).into_iter().flatten().flatten() {
            let path = file.path();
            if path.extension().is_some_and(|ext| ext == "patch") {
                let slug = path.file_stem().unwrap().to_string_lossy().into_owned();
                found.push((listing.clone(), slug, fs::read_to_string(&path).unwrap()));
            }
        }
    }
    found.sort();
    found
}

fn apply(source: &str, patch: &str) -> Option<String> {
    diffy::apply(source, &diffy::Patch::from_str(patch).ok()?).ok()
}

/// The listing's `main` is called from the `try-it` program, outside its module.
fn make_main_public(source: &str) -> String {
    source
        .replace("\nasync fn main()", "\npub async fn main()")
        .replace("\nfn main()", "\npub fn main()")
}
