//! Headless Chromium for the tests: Debian's `chromium` run directly (`--dump-dom`) or
//! driven by the node scripts of tests/browser/ through playwright-core.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, MutexGuard, PoisonError};

/// The turn to run a browser, held while one runs. Tests share one process, and on a small
/// machine two Chromiums at once starve each other: the timing checks (live reload, a
/// search page left open) then fail for want of CPU, not for a bug.
pub fn browser_turn() -> MutexGuard<'static, ()> {
    static TURN: Mutex<()> = Mutex::new(());
    // A test that failed while holding the turn must not fail the others.
    TURN.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Path of the Chromium binary (Debian's `chromium` package).
pub fn chromium() -> PathBuf {
    let path =
        PathBuf::from(std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()));
    assert!(
        path.exists(),
        "headless Chromium is needed: apt-get install chromium (scripts/test.sh does it)"
    );
    path
}

/// The flags headless Chromium needs here (as root, with no network beyond loopback).
pub fn chromium_flags(profile: &Path) -> Vec<String> {
    [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
    ]
    .iter()
    .map(|s| s.to_string())
    .chain([format!("--user-data-dir={}", profile.display())])
    .collect()
}

/// The DOM of `url` after its scripts have run for up to `budget_ms` of virtual time.
pub fn dump_dom(url: &str, budget_ms: u32) -> String {
    let _turn = browser_turn();
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new(chromium())
        .args(chromium_flags(profile.path()))
        .arg(format!("--virtual-time-budget={budget_ms}"))
        .arg("--dump-dom")
        .arg(url)
        .output()
        .expect("run chromium");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Runs `tests/browser/<script>` under node with `config` as its JSON argument (the
/// scripts drive Debian's Chromium through playwright-core); returns the JSON it printed.
pub fn browser_script(script: &str, config: &serde_json::Value) -> serde_json::Value {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    assert!(
        dir.join("node_modules/playwright-core").exists(),
        "(cd tests/browser && npm ci) installs playwright-core and axe-core (scripts/test.sh does it)"
    );
    let _ = chromium();
    let _turn = browser_turn();
    let out = Command::new("node")
        .arg(script)
        .arg(config.to_string())
        .current_dir(&dir)
        .output()
        .expect("node is needed for the browser tests");
    assert!(
        out.status.success(),
        "{script} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{script} printed no JSON ({e}):\n{}",
            String::from_utf8_lossy(&out.stdout)
        )
    })
}
