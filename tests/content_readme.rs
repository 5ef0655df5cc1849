//! The complete example in content/README.md is a valid pack.

use mlsd_coach::core::content::{check_dir, load_dir};
use std::fs;
use std::path::Path;

/// The README's code blocks that start with `# file: NAME`, as (name, text).
fn example_files(readme: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut lines = readme.lines();
    while let Some(line) = lines.next() {
        if line.trim() != "```yaml" {
            continue;
        }
        let block: Vec<&str> = lines.by_ref().take_while(|l| l.trim() != "```").collect();
        if let Some(name) = block.first().and_then(|l| l.strip_prefix("# file: ")) {
            out.push((name.trim().to_string(), block.join("\n") + "\n"));
        }
    }
    out
}

#[test]
fn readme_example_is_a_valid_pack() {
    let readme =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("content/README.md"))
            .expect("content/README.md");
    let files = example_files(&readme);
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        ["rubric.yaml", "mock.yaml", "scenarios/spam-filter.yaml"]
    );
    let tmp = tempfile::tempdir().unwrap();
    fs::create_dir_all(tmp.path().join("scenarios")).unwrap();
    for (name, text) in &files {
        fs::write(tmp.path().join(name), text).unwrap();
    }
    let report = check_dir(tmp.path());
    assert!(report.errors.is_empty(), "{:#?}", report.errors);
    assert!(report.warnings.is_empty(), "{:#?}", report.warnings);
    let c = load_dir(tmp.path()).unwrap();
    assert_eq!(c.rubric.areas.len(), 8);
    assert_eq!(c.rubric.criteria.len(), 9);
    assert_eq!(c.scenarios[0].id, "spam-filter");
    let need = c.rubric.criterion("fp-fn-cost").unwrap().evidence.need;
    assert_eq!(need, Some(2));
}

#[test]
fn extraction_finds_only_marked_blocks() {
    let md = "text\n```yaml\na: 1\n```\n```yaml\n# file: x.yaml\nb: 2\n```\n";
    assert_eq!(
        example_files(md),
        vec![("x.yaml".to_string(), "# file: x.yaml\nb: 2\n".to_string())]
    );
}
