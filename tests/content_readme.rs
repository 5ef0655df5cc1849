//! content/README.md: its complete example is a valid pack, and it
//! documents every field of the content model.

use mlsd_coach::core::content::{TASK_TYPES, check_dir, load_dir};
use std::fs;
use std::path::Path;

fn readme() -> String {
    fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("content/README.md"))
        .expect("content/README.md")
}

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
    let files = example_files(&readme());
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
    // Its exemplar is short on purpose (the README says so); nothing else
    // may warn.
    let warnings: Vec<&str> = report.warnings.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert!(
        warnings[0].starts_with("the exemplar has "),
        "{warnings:#?}"
    );
    let c = load_dir(tmp.path()).unwrap();
    assert_eq!(c.rubric.areas.len(), 8);
    assert_eq!(c.rubric.criteria.len(), 9);
    assert_eq!(c.rubric.red_flags.len(), 1);
    let s = &c.scenarios[0];
    assert_eq!(s.id, "spam-filter");
    assert_eq!(s.task_type, "binary-classification");
    assert_eq!(s.key_points.len(), 1);
    assert_eq!(s.red_flags.len(), 1);
    assert_eq!(s.not_applicable.len(), 1);
    assert_eq!(s.examples.len(), 1);
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

/// The serde names of a struct's fields, read from model.rs: `pub name:`
/// lines between `pub struct NAME {` and the closing brace.
fn fields(model: &str, name: &str) -> Vec<String> {
    let start = model
        .find(&format!("pub struct {name} {{"))
        .unwrap_or_else(|| panic!("struct {name} not in model.rs"));
    let body = &model[start..];
    let end = body.find("\n}").unwrap();
    body[..end]
        .lines()
        .filter_map(|l| l.trim().strip_prefix("pub "))
        .filter_map(|l| l.split_once(':').map(|(f, _)| f.trim().to_string()))
        .filter(|f| !f.contains(' '))
        .collect()
}

#[test]
fn readme_documents_every_field_of_the_model() {
    let model =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/core/content/model.rs"))
            .unwrap();
    let md = readme();
    let mut missing = Vec::new();
    for st in [
        "Rubric",
        "ScoringSettings",
        "Band",
        "RedFlag",
        "KeyPoint",
        "NotApplicable",
        "CriterionExample",
        "Area",
        "Question",
        "Criterion",
        "Evidence",
        "Concept",
        "Scenario",
        "Fact",
        "Curveball",
        "Emphasis",
        "MockProfile",
        "Phase",
    ] {
        let fs = fields(&model, st);
        assert!(!fs.is_empty(), "no fields read for {st}");
        for f in fs {
            // Named in backticks, alone or as the last part of a path
            // (`areas[].weight`), or as a YAML key in an example.
            let documented = md.contains(&format!("`{f}`"))
                || md.contains(&format!(".{f}`"))
                || md.contains(&format!("{f}: "))
                || md.contains(&format!("{{{f}: "));
            if !documented {
                missing.push(format!("{st}.{f}"));
            }
        }
    }
    assert!(missing.is_empty(), "README does not document: {missing:?}");
    for t in TASK_TYPES {
        assert!(md.contains(&format!("`{t}`")), "task type {t} not listed");
    }
}

#[test]
fn the_weights_table_matches_the_shipped_rubric() {
    let text =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("content/rubric.yaml"))
            .unwrap();
    let rubric: mlsd_coach::core::content::Rubric = serde_yaml::from_str(&text).unwrap();
    let md = readme();
    for a in &rubric.areas {
        let row = md
            .lines()
            .find(|l| l.starts_with(&format!("| {} ", a.id)) && l.contains(" — "))
            .unwrap_or_else(|| panic!("no weight row for area {}", a.id));
        assert!(
            row.contains(&format!("| {:?} |", a.weight)),
            "area {} weight {} not in: {row}",
            a.id,
            a.weight
        );
        let crit_row = md
            .lines()
            .find(|l| l.starts_with(&format!("| {} | ", a.id)) && !l.contains(" — "))
            .unwrap_or_else(|| panic!("no criteria row for area {}", a.id));
        for c in rubric.criteria.iter().filter(|c| c.area == a.id) {
            assert!(
                crit_row.contains(&format!("{} {:?}", c.id, c.weight)),
                "criterion {} weight {} not in: {crit_row}",
                c.id,
                c.weight
            );
        }
    }
}
