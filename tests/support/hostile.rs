//! A sessions directory with one good session and hostile files next to
//! it (included with `#[path]`).

#![allow(dead_code)]

use mlsd_coach::core::session::{Mode, Session};
use mlsd_coach::core::store::Store;
use std::fs;
use std::path::Path;

/// The id of the good session.
pub const GOOD: &str = "2026-11-20T09-00-00_fraud-detection_good";

/// The hostile files' stems (each `STEM.yaml`), by what they are.
pub const DEEP: &str = "2026-11-21T09-00-00_fraud-detection_deep";
pub const ALIASES: &str = "2026-11-21T10-00-00_fraud-detection_alia";
pub const FIFO: &str = "2026-11-21T11-00-00_fraud-detection_fifo";
pub const DEVICE_LINK: &str = "2026-11-21T12-00-00_fraud-detection_zero";
pub const HUGE: &str = "2026-11-21T13-00-00_fraud-detection_huge";
pub const OUTSIDE_LINK: &str = "2026-11-21T14-00-00_fraud-detection_link";
pub const ESCAPES: &str = "2026-11-21T15-00-00_fraud-detection_escs";

/// Every hostile stem present after [`populate`] (the FIFO only where
/// `mkfifo` exists).
pub fn hostile_stems(dir: &Path) -> Vec<&'static str> {
    [DEEP, ALIASES, FIFO, DEVICE_LINK, HUGE, OUTSIDE_LINK]
        .into_iter()
        .filter(|s| fs::symlink_metadata(dir.join(format!("{s}.yaml"))).is_ok())
        .collect()
}

pub fn good_session() -> Session {
    let mut s = Session::new(
        "fraud-detection",
        Mode::Practice,
        "2026-11-20T09:00:00Z".parse().unwrap(),
        "v1",
    );
    s.id = GOOD.to_string();
    s.answer_mut("pain-point").text = "Fraud losses are the pain point; recall matters.".into();
    s
}

/// A session file whose header is fine and whose answers hold `body`.
fn session_with(id: &str, body: &str) -> String {
    format!(
        "schema_version: 1\nid: {id}\nscenario: fraud-detection\nmode: practice\n\
         started_at: 2026-11-21T09:00:00Z\nstatus: in_progress\ncontent_version: v1\n{body}\n\
         # end of session\n"
    )
}

/// Fill `dir` with the good session and the hostile files: YAML nested
/// 100,000 deep (200 KB), 1.2 MB of alias amplification, a FIFO, a link
/// to /dev/zero, a 50 MB file, a link to a session outside the directory.
/// `dir` is created; make it a subdirectory of a temporary directory (the
/// linked-to session is written next to it).
pub fn populate(dir: &Path) {
    let store = Store::open(dir).unwrap();
    store.save(&good_session()).unwrap();

    let depth = 100_000;
    let deep = format!("answers: {}{}", "[".repeat(depth), "]".repeat(depth));
    fs::write(dir.join(format!("{DEEP}.yaml")), session_with(DEEP, &deep)).unwrap();

    // One 1 MB answer referred to 20,000 times: 20 GB once expanded.
    let mut aliases = format!(
        "events: []\nspare: &big \"{}\"\nanswers:\n",
        "x".repeat(1 << 20)
    );
    for _ in 0..20_000 {
        aliases.push_str("- {question: q, text: *big}\n");
    }
    assert!(aliases.len() > 1_200_000);
    fs::write(
        dir.join(format!("{ALIASES}.yaml")),
        session_with(ALIASES, &aliases),
    )
    .unwrap();

    #[cfg(unix)]
    {
        let _ = std::process::Command::new("mkfifo")
            .arg(dir.join(format!("{FIFO}.yaml")))
            .status();
        std::os::unix::fs::symlink("/dev/zero", dir.join(format!("{DEVICE_LINK}.yaml"))).unwrap();
        let outside = dir.parent().unwrap().join("outside.yaml");
        let mut s = good_session();
        s.id = OUTSIDE_LINK.to_string();
        fs::write(&outside, s.to_yaml()).unwrap();
        std::os::unix::fs::symlink(&outside, dir.join(format!("{OUTSIDE_LINK}.yaml"))).unwrap();
    }
    let huge = fs::File::create(dir.join(format!("{HUGE}.yaml"))).unwrap();
    huge.set_len(50 << 20).unwrap();
}

/// A readable session whose fields and name carry escape sequences.
pub fn escapes_session() -> Session {
    let mut s = Session::new(
        "fraud\x1b]0;pwned\x07\x1b[2J",
        Mode::Practice,
        "2026-11-21T15:00:00Z".parse().unwrap(),
        "v1\x1b[31m",
    );
    s.id = ESCAPES.to_string();
    s.answer_mut("pain-point\x1b[5m").text = "Fraud \x1b[2Jlosses\x07 hurt\u{9b}31m.".into();
    s
}
