//! The test suite's own shape: Cargo.toml builds only this binary, so a test file left in
//! `tests/` (a merge from an older branch) would silently never run.

use std::path::Path;

#[test]
fn every_test_file_is_a_module_of_this_binary() {
    let tests = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let stray: Vec<String> = std::fs::read_dir(&tests)
        .expect("tests/")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".rs") || name == "common")
        .collect();
    assert!(
        stray.is_empty(),
        "{stray:?} in tests/ would not be built: move each to tests/e2e/<area>.rs, declare it \
         in tests/e2e/main.rs, and change its `mod common;` to `use crate::support as common;`"
    );
    let main = std::fs::read_to_string(tests.join("e2e/main.rs")).expect("main.rs");
    for entry in std::fs::read_dir(tests.join("e2e")).expect("tests/e2e") {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if let Some(area) = name.strip_suffix(".rs").filter(|a| *a != "main") {
            assert!(
                main.contains(&format!("\nmod {area};")),
                "tests/e2e/{name} is not declared in tests/e2e/main.rs"
            );
        }
    }
}
