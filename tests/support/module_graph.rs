//! The crate's module graph for `tests/architecture.rs`: which module each
//! file's `use crate::…` / `use super::…` declarations and fully-qualified
//! `crate::…` / `super::…` paths point at. Comments and string literals are
//! ignored; test-only code (`#[cfg(test)] mod …`) is left out, since it may
//! drive the whole app.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

pub fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// A module path inside the library crate, `["tui", "screens", "home"]`.
pub type ModPath = Vec<String>;

/// One reference from a file to a module of the crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dep {
    pub line: usize,
    /// The path as resolved from the crate root.
    pub path: ModPath,
    /// The module (one of the crate's files) the path lands in.
    pub target: ModPath,
}

pub struct Module {
    pub path: ModPath,
    pub file: PathBuf,
    pub deps: Vec<Dep>,
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// At the start of a raw string (`r"`, `r#"`, `br"`): the length of its
/// opening and its number of `#`.
fn raw_string_start(c: &[char]) -> Option<(usize, usize)> {
    let start = match c {
        ['r', ..] => 1,
        ['b', 'r', ..] => 2,
        _ => return None,
    };
    let hashes = c[start..].iter().take_while(|&&ch| ch == '#').count();
    (c.get(start + hashes) == Some(&'"')).then_some((start + hashes + 1, hashes))
}

/// `text` with comments, string and character literals blanked (newlines
/// kept, so positions keep their line numbers).
fn strip_comments_and_literals(text: &str) -> String {
    let c: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let blank = |out: &mut String, ch: char| out.push(if ch == '\n' { '\n' } else { ' ' });
    let mut i = 0;
    while i < c.len() {
        let at = |k: usize| c.get(i + k).copied().unwrap_or('\0');
        let prev_ident = i > 0 && is_ident(c[i - 1]);
        if at(0) == '/' && at(1) == '/' {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
        } else if at(0) == '/' && at(1) == '*' {
            let mut depth = 0;
            while i < c.len() {
                if c[i] == '/' && c.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if c[i] == '*' && c.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    blank(&mut out, c[i]);
                    i += 1;
                }
            }
        } else if let Some((open, hashes)) =
            (!prev_ident).then(|| raw_string_start(&c[i..])).flatten()
        {
            // A raw string: r"…", r#"…"#, br"…".
            let close: Vec<char> = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes))
                .collect();
            let body = i + open;
            let end = (body..c.len())
                .find(|&k| c[k..].starts_with(&close))
                .map_or(c.len(), |k| k + close.len());
            for &ch in &c[i..end] {
                blank(&mut out, ch);
            }
            i = end;
        } else if at(0) == '"' {
            blank(&mut out, c[i]);
            i += 1;
            while i < c.len() && c[i] != '"' {
                if c[i] == '\\' {
                    blank(&mut out, c[i]);
                    i += 1;
                }
                if i < c.len() {
                    blank(&mut out, c[i]);
                    i += 1;
                }
            }
            if i < c.len() {
                out.push(' ');
                i += 1;
            }
        } else if at(0) == '\'' && (at(1) == '\\' || at(2) == '\'') {
            // A character literal ('x', '\n', '\u{1F600}'); a lifetime has no
            // closing quote and is kept.
            out.push(' ');
            i += 1;
            if c[i] == '\\' {
                // The escape and the character it escapes (maybe a quote).
                out.push_str("  ");
                i += 2;
            }
            while i < c.len() && c[i] != '\'' {
                blank(&mut out, c[i]);
                i += 1;
            }
            if i < c.len() {
                out.push(' ');
                i += 1;
            }
        } else {
            out.push(c[i]);
            i += 1;
        }
    }
    out
}

/// The position just past the `}` matching the `{` at or after `from`.
fn block_end(code: &str, from: usize) -> usize {
    let mut depth = 0usize;
    for (i, ch) in code[from..].char_indices() {
        match ch {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return from + i + 1;
                }
            }
            _ => {}
        }
    }
    code.len()
}

/// Cleaned code with `#[cfg(test)] mod name { … }` blocks blanked, and the
/// names of the test-only modules declared as `#[cfg(test)] mod name;`.
fn without_test_modules(code: &str) -> (String, Vec<String>) {
    let mut out = code.to_string();
    let mut test_files = Vec::new();
    let mut from = 0;
    while let Some(p) = out[from..].find("#[cfg(test)]") {
        let attr = from + p;
        let after = attr + "#[cfg(test)]".len();
        let rest = out[after..].trim_start();
        let rest = rest
            .strip_prefix("pub(crate)")
            .or_else(|| rest.strip_prefix("pub"))
            .unwrap_or(rest)
            .trim_start();
        if let Some(decl) = rest.strip_prefix("mod ") {
            let name: String = decl
                .trim_start()
                .chars()
                .take_while(|&c| is_ident(c))
                .collect();
            let tail = decl.trim_start()[name.len()..].trim_start();
            if tail.starts_with(';') {
                test_files.push(name);
            } else if tail.starts_with('{') {
                let open = out.len() - tail.len();
                let end = block_end(&out, open);
                let blanked: String = out[attr..end]
                    .chars()
                    .map(|c| if c == '\n' { '\n' } else { ' ' })
                    .collect();
                out.replace_range(attr..end, &blanked);
            }
        }
        from = after;
    }
    (out, test_files)
}

/// Expand a use tree (`a::{b, c::{d as e, self}, f::*}`) into paths.
fn expand_use_tree(tree: &str) -> Vec<Vec<String>> {
    let tree: String = tree.chars().filter(|c| !c.is_whitespace()).collect();
    let mut out = Vec::new();
    expand_into(&tree, &[], &mut out);
    out
}

fn expand_into(tree: &str, prefix: &[String], out: &mut Vec<Vec<String>>) {
    if tree.is_empty() {
        // After a trailing comma.
        return;
    }
    if let Some(open) = tree.find('{') {
        let close = tree.rfind('}').unwrap_or(tree.len());
        let mut head = prefix.to_vec();
        head.extend(
            tree[..open]
                .split("::")
                .filter(|s| !s.is_empty())
                .map(str::to_string),
        );
        let inner = &tree[open + 1..close];
        let mut depth = 0;
        let mut start = 0;
        for (i, ch) in inner.char_indices() {
            match ch {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    expand_into(&inner[start..i], &head, out);
                    start = i + 1;
                }
                _ => {}
            }
        }
        expand_into(&inner[start..], &head, out);
        return;
    }
    let mut path = prefix.to_vec();
    for seg in tree.split("::").filter(|s| !s.is_empty()) {
        match seg {
            "self" if !path.is_empty() => {}
            "*" => {}
            s => path.push(s.to_string()),
        }
    }
    if !path.is_empty() {
        out.push(path);
    }
}

/// A `use` declaration: where it is and its tree (aliases dropped).
struct UseDecl {
    range: std::ops::Range<usize>,
    line: usize,
    tree: String,
}

/// `tree` without its ` as alias` renamings.
fn drop_aliases(tree: &str) -> String {
    let words: Vec<&str> = tree.split_whitespace().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < words.len() {
        if words[i] == "as" && i + 1 < words.len() {
            // Keep what follows the alias: `M},` → `},`.
            out.extend(words[i + 1].chars().skip_while(|&c| is_ident(c)));
            i += 2;
        } else {
            out.push_str(words[i]);
            i += 1;
        }
    }
    out
}

/// Every `use` declaration in cleaned `code`.
fn use_declarations(code: &str) -> Vec<UseDecl> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(p) = code[from..].find("use") {
        let at = from + p;
        from = at + 3;
        let before_ok = !code[..at].chars().next_back().is_some_and(is_ident);
        let after_ok = code[at + 3..].starts_with(char::is_whitespace);
        if !(before_ok && after_ok) {
            continue;
        }
        let Some(len) = code[at..].find(';') else {
            continue;
        };
        found.push(UseDecl {
            range: at..at + len,
            line: code[..at].matches('\n').count() + 1,
            tree: drop_aliases(&code[at + 3..at + len]),
        });
        from = at + len;
    }
    found
}

/// Fully-qualified `crate::…`, `super::…` and `self::…` paths outside `use`
/// declarations: (line, segments).
fn qualified_paths(code: &str) -> Vec<(usize, Vec<String>)> {
    let mut found = Vec::new();
    for root in ["crate::", "super::", "self::"] {
        let mut from = 0;
        while let Some(p) = code[from..].find(root) {
            let at = from + p;
            from = at + root.len();
            let prev = code[..at].chars().next_back();
            if prev.is_some_and(|c| is_ident(c) || c == '$' || c == ':')
                || code[..at].trim_end().ends_with(" in")
            {
                // Inside a longer path or a macro, or `pub(in crate::…)`.
                continue;
            }
            let mut segs = Vec::new();
            let mut rest = &code[at..];
            loop {
                let seg: String = rest.chars().take_while(|&c| is_ident(c)).collect();
                if seg.is_empty() {
                    break;
                }
                rest = &rest[seg.len()..];
                segs.push(seg);
                match rest.strip_prefix("::") {
                    Some(r) => rest = r,
                    None => break,
                }
            }
            let line = code[..at].matches('\n').count() + 1;
            found.push((line, segs));
        }
    }
    found
}

/// A path as written in module `here` (a file's module), from the crate
/// root; `None` for other crates' paths.
fn absolute(segs: &[String], here: &[String], children: &BTreeSet<ModPath>) -> Option<ModPath> {
    let first = segs.first()?;
    match first.as_str() {
        "crate" => Some(segs[1..].to_vec()),
        "self" => Some(here.iter().chain(&segs[1..]).cloned().collect()),
        "super" => {
            let ups = segs.iter().take_while(|s| *s == "super").count();
            let base = &here[..here.len().checked_sub(ups)?];
            Some(base.iter().chain(&segs[ups..]).cloned().collect())
        }
        // Uniform paths: a child module of this one.
        name => {
            let mut child = here.to_vec();
            child.push(name.to_string());
            children
                .contains(&child)
                .then(|| here.iter().chain(segs).cloned().collect())
        }
    }
}

/// The longest prefix of `path` that is a module of the crate.
fn target(path: &[String], modules: &BTreeSet<ModPath>) -> Option<ModPath> {
    (0..=path.len())
        .rev()
        .map(|n| path[..n].to_vec())
        .find(|p| modules.contains(p))
}

/// The module path of a file under `src/` (`tui/mod.rs` → `tui`).
fn module_path(rel: &Path) -> ModPath {
    let mut segs: ModPath = rel
        .iter()
        .map(|s| s.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if segs.last().is_some_and(|s| s == "mod" || s == "lib") {
        segs.pop();
    }
    segs
}

/// Dependencies of one file's cleaned code, resolved against `modules`.
fn file_deps(code: &str, here: &[String], modules: &BTreeSet<ModPath>) -> Vec<Dep> {
    let children: BTreeSet<ModPath> = modules
        .iter()
        .filter(|m| m.len() == here.len() + 1 && m.starts_with(here))
        .cloned()
        .collect();
    let mut deps = Vec::new();
    let mut resolve = |line: usize, segs: &[String]| {
        if let Some(path) = absolute(segs, here, &children) {
            if let Some(target) = target(&path, modules) {
                deps.push(Dep { line, path, target });
            }
        }
    };
    // The use declarations, then (with them blanked) paths in the code.
    let mut rest = code.to_string();
    for u in use_declarations(code) {
        for segs in expand_use_tree(&u.tree) {
            resolve(u.line, &segs);
        }
        let blanked: String = code[u.range.clone()]
            .chars()
            .map(|c| if c == '\n' { '\n' } else { ' ' })
            .collect();
        rest.replace_range(u.range, &blanked);
    }
    for (line, segs) in qualified_paths(&rest) {
        resolve(line, &segs);
    }
    deps.sort_by_key(|d| d.line);
    deps
}

/// Every library module (test-only files left out) with its dependencies.
pub fn module_graph() -> Vec<Module> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.retain(|f| !f.ends_with("main.rs"));
    let mut sources = Vec::new();
    let mut test_only = BTreeSet::new();
    for file in files {
        let path = module_path(file.strip_prefix(&src).unwrap());
        let text = std::fs::read_to_string(&file).unwrap();
        let (code, tests) = without_test_modules(&strip_comments_and_literals(&text));
        for t in tests {
            let mut p = path.clone();
            p.push(t);
            test_only.insert(p);
        }
        sources.push((path, file, code));
    }
    sources.retain(|(p, _, _)| !test_only.iter().any(|t| p.starts_with(t)));
    let modules: BTreeSet<ModPath> = sources.iter().map(|(p, _, _)| p.clone()).collect();
    sources
        .into_iter()
        .map(|(path, file, code)| Module {
            deps: file_deps(&code, &path, &modules),
            path,
            file,
        })
        .collect()
}

pub fn under(path: &[String], prefix: &[&str]) -> bool {
    path.len() >= prefix.len() && path.iter().zip(prefix).all(|(a, b)| a == b)
}

pub fn module<'a>(graph: &'a [Module], path: &[&str]) -> &'a Module {
    graph
        .iter()
        .find(|m| m.path.iter().map(String::as_str).eq(path.iter().copied()))
        .unwrap_or_else(|| panic!("no module {}", path.join("::")))
}

/// `file:line: path` for each dependency of `modules` that `bad` accepts.
pub fn offences<'a>(
    modules: impl Iterator<Item = &'a Module>,
    bad: impl Fn(&Dep) -> bool,
) -> Vec<String> {
    modules
        .flat_map(|m| {
            m.deps
                .iter()
                .filter(|d| bad(d))
                .map(|d| {
                    format!(
                        "{}:{}: crate::{}",
                        m.file.display(),
                        d.line,
                        d.path.join("::")
                    )
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deps_of(code: &str, here: &[&str], modules: &[&[&str]]) -> Vec<(usize, String)> {
        let modules: BTreeSet<ModPath> = modules
            .iter()
            .map(|m| m.iter().map(|s| s.to_string()).collect())
            .collect();
        let here: ModPath = here.iter().map(|s| s.to_string()).collect();
        let (code, _) = without_test_modules(&strip_comments_and_literals(code));
        file_deps(&code, &here, &modules)
            .into_iter()
            .map(|d| (d.line, d.target.join("::")))
            .collect()
    }

    const MODULES: &[&[&str]] = &[
        &[],
        &["tui"],
        &["tui", "app"],
        &["tui", "text"],
        &["tui", "screens"],
        &["tui", "screens", "home"],
        &["core"],
        &["core", "store"],
        &["core", "store", "yaml"],
    ];

    #[test]
    fn use_trees_are_expanded_with_groups_aliases_self_and_globs() {
        let code = "use crate::tui::{\n    app::{Ctx, Msg as M},\n    screens::{self, home::*},\n};\npub(crate) use super::super::text as t;\n";
        assert_eq!(
            deps_of(code, &["tui", "screens", "home"], MODULES),
            [
                (1, "tui::app".to_string()),
                (1, "tui::app".to_string()),
                (1, "tui::screens".to_string()),
                (1, "tui::screens::home".to_string()),
                (5, "tui::text".to_string()),
            ]
        );
        assert_eq!(
            expand_use_tree("crate::a::{b, c::{d, self}, e::*}"),
            [
                vec!["crate", "a", "b"],
                vec!["crate", "a", "c", "d"],
                vec!["crate", "a", "c"],
                vec!["crate", "a", "e"],
            ]
        );
    }

    #[test]
    fn qualified_paths_count_but_comments_strings_and_test_modules_do_not() {
        let code = r##"
    fn f() -> String {
        // crate::tui::app::Msg in a comment
        /* crate::tui::app::Ctx */
        let s = "crate::tui::app::Effect";
        let r = r#"crate::tui::app::Effect"#;
        let c = '"';
        crate::core::store::yaml::session_to_yaml(x)
    }
    fn g<'a>(x: &'a super::super::app::Ctx) {}
    #[cfg(test)]
    mod tests {
        use crate::tui::app::App;
    }
    "##;
        assert_eq!(
            deps_of(code, &["tui", "screens", "home"], MODULES),
            [
                (8, "core::store::yaml".to_string()),
                (10, "tui::app".to_string())
            ]
        );
    }

    #[test]
    fn other_crates_and_unknown_paths_are_ignored_and_child_modules_resolved() {
        let code = "use std::sync::Arc;\nuse ratatui::Frame;\nuse screens::home;\n";
        assert_eq!(
            deps_of(code, &["tui"], MODULES),
            [(3, "tui::screens::home".to_string())]
        );
    }
}
