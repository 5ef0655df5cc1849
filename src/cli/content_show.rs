//! A scenario as Markdown for `content show`: what the interviewer says,
//! what the client can reveal, what an interviewer listens for, the
//! mistakes they would challenge, and a strong answer.

use crate::core::content::Scenario;
use std::fmt::Write as _;

pub fn scenario_markdown(s: &Scenario) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", one_line(&s.title));
    let mut kinds: Vec<String> = s.task_types().map(|t| t.replace('-', " ")).collect();
    kinds.dedup();
    let mut meta = format!("`{}` · {} · {}", s.id, s.domain, kinds.join(", "));
    if !s.aliases.is_empty() {
        let _ = write!(meta, " · formerly {}", s.aliases.join(", "));
    }
    let _ = writeln!(out, "{meta}\n");

    section(&mut out, "Prompt", &s.prompt);
    section(&mut out, "Context", &s.context);

    if !s.facts.is_empty() {
        let _ = writeln!(out, "## What the client can tell you\n");
        for f in &s.facts {
            let mark = if f.key { " *(key)*" } else { "" };
            let _ = writeln!(out, "- {}{mark}", one_line(&f.answer));
        }
        out.push('\n');
    }

    if !s.key_points.is_empty() {
        let _ = writeln!(out, "## What an interviewer listens for\n");
        for (i, k) in s.key_points.iter().enumerate() {
            let _ = writeln!(out, "### {}. {}\n", i + 1, one_line(&k.label));
            paragraph(&mut out, &k.why);
            paragraph(&mut out, &format!("**How:** {}", k.hint.trim()));
            paragraph(&mut out, &format!("> {}", one_line(&k.example)));
            if !k.probes.is_empty() {
                let _ = writeln!(out, "Follow-ups:\n");
                for p in &k.probes {
                    let _ = writeln!(out, "- {}", one_line(p));
                }
                out.push('\n');
            }
        }
    }

    if !s.red_flags.is_empty() {
        let _ = writeln!(out, "## What an interviewer would challenge\n");
        for f in &s.red_flags {
            let _ = writeln!(out, "### {}\n", one_line(&f.label));
            paragraph(&mut out, &f.why);
            paragraph(&mut out, &format!("**Instead:** {}", f.instead.trim()));
        }
    }

    if !s.not_applicable.is_empty() {
        let _ = writeln!(out, "## Not asked of this prompt\n");
        for n in &s.not_applicable {
            let _ = writeln!(out, "- `{}`: {}", n.criterion, one_line(&n.why));
        }
        out.push('\n');
    }

    section(&mut out, "A strong answer", &s.exemplar);
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// A `## title` section with the text as written (paragraphs kept).
fn section(out: &mut String, title: &str, text: &str) {
    if text.trim().is_empty() {
        return;
    }
    let _ = writeln!(out, "## {title}\n");
    paragraph(out, text);
}

fn paragraph(out: &mut String, text: &str) {
    let text = text.trim();
    if text.is_empty() {
        return;
    }
    let _ = writeln!(out, "{text}\n");
}

/// Text for a heading, list item or quote: one line.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_joins_lines_and_spaces() {
        assert_eq!(one_line("  a\n b  c \n"), "a b c");
    }
}
