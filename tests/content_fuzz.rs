//! Validation never panics on damaged packs, and every located diagnostic
//! points inside its file.

use mlsd_coach::core::content::{check_dir, load_dir};
use proptest::prelude::*;
use std::fs;
use std::path::Path;

const FILES: [&str; 3] = ["rubric.yaml", "mock.yaml", "scenarios/spam-filter.yaml"];
const TOKENS: [&str; 18] = [
    ":", "- ", "[", "]", "{", "}", "\n", "  ", "\t", "&a ", "*a", "\"", "'", "\u{1b}", "é", "#",
    "!!int ", "-1",
];

fn valid(name: &str) -> String {
    fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/content/valid")
            .join(name),
    )
    .unwrap()
}

fn floor_char(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]
    #[test]
    fn damaged_packs_give_located_errors_not_panics(
        file in 0usize..3,
        edits in prop::collection::vec((0usize..10_000, 0usize..40, 0usize..TOKENS.len(), any::<bool>()), 1..4),
    ) {
        let tmp = tempfile::tempdir().unwrap();
        fs::create_dir_all(tmp.path().join("scenarios")).unwrap();
        for (i, name) in FILES.iter().enumerate() {
            let mut text = valid(name);
            if i == file {
                for &(at, len, tok, delete) in &edits {
                    let a = floor_char(&text, at % (text.len() + 1));
                    if delete {
                        let b = floor_char(&text, a + len);
                        text.replace_range(a..b, "");
                    } else {
                        text.insert_str(a, TOKENS[tok]);
                    }
                }
            }
            fs::write(tmp.path().join(name), &text).unwrap();
        }
        let report = check_dir(tmp.path());
        for d in report.errors.iter().chain(report.warnings.iter()) {
            prop_assert!(!d.message.is_empty());
            if d.line > 0 {
                let text = fs::read_to_string(&d.file).unwrap();
                let lines = text.lines().count().max(1);
                prop_assert!(d.line <= lines + 1, "{} beyond {} lines", d, lines);
                prop_assert!(d.column >= 1, "{}", d);
            }
        }
        prop_assert_eq!(load_dir(tmp.path()).is_ok(), report.errors.is_empty());
    }
}
