//! Lookups and number parsing shared by the `scenario_numbers_*` tests:
//! each test reads the numbers a scenario states from its shipped text and
//! checks that they agree wherever a formula links them.
#![allow(dead_code)]

use mlsd_coach::core::content::{Scenario, load_embedded};
use regex::Regex;

pub fn scenario(id: &str) -> Scenario {
    load_embedded()
        .scenario(id)
        .unwrap_or_else(|| panic!("scenario `{id}` is missing from the built-in pack"))
        .clone()
}

pub fn fact<'a>(s: &'a Scenario, id: &str) -> &'a str {
    s.facts
        .iter()
        .find(|f| f.id == id)
        .map(|f| f.answer.as_str())
        .unwrap_or_else(|| panic!("{}: fact `{id}` is missing", s.id))
}

pub fn curveball<'a>(s: &'a Scenario, id: &str) -> &'a str {
    s.curveballs
        .iter()
        .find(|c| c.id == id)
        .map(|c| c.text.as_str())
        .unwrap_or_else(|| panic!("{}: curveball `{id}` is missing", s.id))
}

pub fn example<'a>(s: &'a Scenario, criterion: &str) -> &'a str {
    s.example(criterion)
        .unwrap_or_else(|| panic!("{}: no example for `{criterion}`", s.id))
}

pub fn emphasis<'a>(s: &'a Scenario, criterion: &str) -> &'a str {
    s.emphasis
        .iter()
        .find(|e| e.criterion == criterion)
        .map(|e| e.why.as_str())
        .unwrap_or_else(|| panic!("{}: no emphasis on `{criterion}`", s.id))
}

pub fn key_point_example<'a>(s: &'a Scenario, id: &str) -> &'a str {
    s.key_point(id)
        .map(|k| k.example.as_str())
        .unwrap_or_else(|| panic!("{}: key point `{id}` is missing", s.id))
}

/// A key point's label, why, hint and example, as one text.
pub fn key_point_text(s: &Scenario, id: &str) -> String {
    let k = s
        .key_point(id)
        .unwrap_or_else(|| panic!("{}: key point `{id}` is missing", s.id));
    format!("{} {} {} {}", k.label, k.why, k.hint, k.example)
}

/// A red flag's label, why and instead, as one text.
pub fn red_flag_text(s: &Scenario, id: &str) -> String {
    let f = s
        .red_flags
        .iter()
        .find(|f| f.id == id)
        .unwrap_or_else(|| panic!("{}: red flag `{id}` is missing", s.id));
    format!("{} {} {}", f.label, f.why, f.instead)
}

/// Text with line breaks folded to spaces, so a pattern can span the
/// wrapping of a long paragraph.
pub fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The number in the first capture group of `pattern`'s first match
/// (thousands separators allowed; line breaks folded). Panics, naming
/// `what`, when the text no longer states it: the check must be updated
/// along with the text.
pub fn num(text: &str, pattern: &str, what: &str) -> f64 {
    let re = Regex::new(&format!("(?i){pattern}")).expect("valid pattern");
    let text_flat = flat(text);
    let caps = re
        .captures(&text_flat)
        .unwrap_or_else(|| panic!("{what}: `{pattern}` not found in:\n{text}"));
    // A number may end a sentence: "about EUR 18.50." or "2,000,".
    caps[1]
        .trim_end_matches(['.', ','])
        .replace(',', "")
        .parse::<f64>()
        .unwrap_or_else(|e| panic!("{what}: cannot parse `{}`: {e}", &caps[1]))
}

/// `a` is within `tol` (a fraction) of `b`.
pub fn close(a: f64, b: f64, tol: f64, what: &str) {
    assert!(
        (a - b).abs() <= tol * b.abs() + 1e-6,
        "{what}: {a} is not within {:.0}% of {b}",
        tol * 100.0
    );
}

/// `stated` agrees with `derived` to within `rel` (a share of `derived`).
pub fn near(what: &str, stated: f64, derived: f64, rel: f64) {
    let tol = (derived.abs() * rel).max(1e-9);
    assert!(
        (stated - derived).abs() <= tol,
        "{what}: the text states {stated}, the other numbers give {derived:.4} (tolerance {tol:.4})"
    );
}

/// A stated figure is the derived one rounded to `step` (e.g. 1.0 for
/// whole percentages), give or take one step.
pub fn rounds_to(what: &str, stated: f64, derived: f64, step: f64) {
    assert!(
        (stated - derived).abs() <= step,
        "{what}: the text states {stated}, the other numbers give {derived:.4}"
    );
}
