//! Figures an identity fixes, checked the way an interviewer checks them:
//! the memory a model's weights or an index of vectors take at a stated
//! precision (parameters × bytes per number; vectors × dimensions × bytes),
//! Gini against AUC (Gini = 2 × AUC − 1), and the precision (PPV) that a
//! prevalence, a sensitivity and a specificity stated together imply
//! (Bayes: p·s / (p·s + (1 − p)(1 − t))). A stated figure that no
//! precision the sentence names comes near is a slip; a sentence about
//! training memory (optimiser state, activations, caches) or about
//! compressing from one precision to another is left alone.

use super::arith::{Slip, re, say};
use regex::Regex;
use std::sync::OnceLock;

/// A stated size within this ratio of the computed one is right.
const CLOSE: f64 = 1.3;
/// Gini and AUC closer than this agree (rounding: two decimals of either
/// are within 0.01 of AUC).
const GINI_TOLERANCE: f64 = 0.015;

fn dtype_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    re(
        &RE,
        r"(?i)\b(fp32|float32|f32|32-bit floats?|fp16|float16|bf16|bfloat16|half[- ]precision|16-bit floats?|fp8|int8|8-bit|int4|4-bit)\b",
    )
}

fn bytes_of(dtype: &str) -> f64 {
    let d = dtype.to_ascii_lowercase();
    if d.contains("32") {
        4.0
    } else if d.contains("16") || d.starts_with("half") {
        2.0
    } else if d.contains('4') {
        0.5
    } else {
        1.0
    }
}

fn scale(s: &str) -> f64 {
    match s.to_ascii_lowercase().as_str() {
        "k" | "thousand" => 1e3,
        "m" | "million" | "mn" => 1e6,
        "b" | "billion" | "bn" => 1e9,
        "t" | "trillion" => 1e12,
        _ => 1.0,
    }
}

fn num(s: &str) -> Option<f64> {
    s.replace(',', "").parse().ok()
}

/// How many numbers the sentence stores: parameters ("a 7B model",
/// "600-million-parameter"), or vectors × dimensions ("60 million
/// 768-dimensional vectors").
fn stored(text: &str) -> Option<(f64, String)> {
    static PARAMS: OnceLock<Regex> = OnceLock::new();
    static MODEL: OnceLock<Regex> = OnceLock::new();
    static DIMS: OnceLock<Regex> = OnceLock::new();
    static COUNT: OnceLock<Regex> = OnceLock::new();
    let params = re(
        &PARAMS,
        r"(?i)\b(\d[\d,]*(?:\.\d+)?)[\s-]*(billion|million|thousand|bn|[BMK])?[\s-]*(?:parameters?|params?|weights)\b",
    );
    let model = re(
        &MODEL,
        r"\b(\d+(?:\.\d+)?)\s?([BM])\b[\s-]+(?:parameter\s+)?(?:model|LLM|transformer)",
    );
    if let Some(c) = params.captures(text).or_else(|| model.captures(text)) {
        let n = num(&c[1])? * c.get(2).map_or(1.0, |s| scale(s.as_str()));
        return Some((n, c[0].trim().to_string()));
    }
    let dims = re(
        &DIMS,
        r"(?i)\b(\d{2,5})[\s-]*(?:d|dim|dims|dimensions?|dimensional)\b",
    );
    let count = re(
        &COUNT,
        r"(?i)\b(\d[\d,]*(?:\.\d+)?)\s*(billion|million|thousand|bn|[BMK])\b",
    );
    let d = dims.captures(text)?;
    let c = count.captures(text)?;
    let n = num(&c[1])? * scale(&c[2]) * num(&d[1])?;
    Some((n, format!("{} × {}", c[0].trim(), d[0].trim())))
}

/// The sizes a sentence states, in bytes, with the one announced as the
/// result (after "about", "≈", "takes", "is" …) first when there is one.
fn sizes(text: &str) -> Vec<(f64, String, bool)> {
    static SIZE: OnceLock<Regex> = OnceLock::new();
    let size = re(&SIZE, r"(\d[\d,]*(?:\.\d+)?)\s?(KB|MB|GB|TB|PB)\b");
    size.captures_iter(text)
        .filter_map(|c| {
            let m = c.get(0)?;
            let unit = match &c[2] {
                "KB" => 1e3,
                "MB" => 1e6,
                "GB" => 1e9,
                "TB" => 1e12,
                _ => 1e15,
            };
            let before = text[..m.start()].trim_end().to_ascii_lowercase();
            let announced = [
                "about",
                "roughly",
                "around",
                "approximately",
                "≈",
                "~",
                "=",
                "is",
                "takes",
                "needs",
                "comes to",
                "that's",
                "of",
            ]
            .iter()
            .any(|w| before.ends_with(w));
            Some((num(&c[1])? * unit, m.as_str().to_string(), announced))
        })
        .collect()
}

fn near(a: f64, b: f64) -> bool {
    super::arith::near(a, b, CLOSE)
}

/// Weights or vectors at a stated precision that do not take the size
/// stated.
fn memory(text: &str) -> Option<Slip> {
    static TRAINING: OnceLock<Regex> = OnceLock::new();
    let training = re(
        &TRAINING,
        r"(?i)\b(train\w*|fine[- ]?tun\w*|optimi[sz]er|adam|gradients?|activations?|kv[- ]cache|cache|batch\w*|compress\w*|quanti[sz]\w*|from\b[^.;]{0,40}\bto)\b",
    );
    let dtypes: Vec<&str> = dtype_re().find_iter(text).map(|m| m.as_str()).collect();
    if dtypes.len() != 1 || training.is_match(text) {
        return None;
    }
    let (count, what) = stored(text)?;
    let bytes = count * bytes_of(dtypes[0]);
    // Only a size announced as the result counts ("about 600 MB, which
    // fits in the 1 GB available": the 1 GB is a budget, not the result).
    let sizes: Vec<_> = sizes(text).into_iter().filter(|s| s.2).collect();
    if sizes.iter().any(|(s, _, _)| near(*s, bytes)) {
        return None;
    }
    let (said, written, _) = sizes.first()?;
    let factor = bytes / said;
    if (1.0 / CLOSE..=CLOSE).contains(&factor) {
        return None;
    }
    let (value, unit) = [
        (1e15, "PB"),
        (1e12, "TB"),
        (1e9, "GB"),
        (1e6, "MB"),
        (1e3, "KB"),
    ]
    .into_iter()
    .find(|(u, _)| bytes >= *u)
    .unwrap_or((1.0, "bytes"));
    Some(Slip {
        worked: format!(
            "{what} at {} bytes each ({}) ≈ {} {unit}",
            say(bytes_of(dtypes[0])),
            dtypes[0],
            say(bytes / value)
        ),
        said: written.clone(),
        factor,
    })
}

/// Gini and AUC stated together that break Gini = 2 × AUC − 1; a change
/// stated for both ("AUC from 0.76 to 0.80 takes Gini from 0.52 to 0.64")
/// is checked at each end.
fn gini(text: &str) -> Option<Slip> {
    static GINI: OnceLock<Regex> = OnceLock::new();
    static AUC: OnceLock<Regex> = OnceLock::new();
    let figure = r"(\d{1,2}(?:\.\d+)?\s?%|0?\.\d+|1\.0)";
    let value = format!(r"[^.;\d]{{0,30}}?{figure}(?:\s*(?:to|→|->)\s*{figure})?");
    let g = re(&GINI, &format!(r"(?i)\bgini\b{value}")).captures(text)?;
    let a = re(&AUC, &format!(r"(?i)\b(?:roc[- ]?)?auc\b{value}")).captures(text)?;
    let mut pairs = vec![(g.get(1)?, a.get(1)?)];
    if let (Some(g2), Some(a2)) = (g.get(2), a.get(2)) {
        pairs.push((g2, a2));
    }
    pairs.into_iter().find_map(|(gm, am)| {
        let (gv, av) = (fraction(gm.as_str())?, fraction(am.as_str())?);
        let want = (gv + 1.0) / 2.0;
        if (av - want).abs() <= GINI_TOLERANCE || !(0.0..=1.0).contains(&av) {
            return None;
        }
        Some(Slip {
            worked: format!(
                "Gini = 2 × AUC − 1, so a Gini of {} is an AUC of {}",
                gm.as_str(),
                say(want)
            ),
            said: am.as_str().to_string(),
            factor: want / av,
        })
    })
}

/// A precision (PPV) stated next to the prevalence, sensitivity and
/// specificity that fix it, and off by more than rounding.
fn ppv(text: &str) -> Option<Slip> {
    static PREVALENCE: OnceLock<Regex> = OnceLock::new();
    static SENSITIVITY: OnceLock<Regex> = OnceLock::new();
    static SPECIFICITY: OnceLock<Regex> = OnceLock::new();
    static PRECISION: OnceLock<Regex> = OnceLock::new();
    // A named figure, written either side of its name.
    let named = |cell: &'static OnceLock<Regex>, names: &str| -> Option<(f64, String)> {
        let figure = r"(\d{1,2}(?:\.\d+)?\s?%|0?\.\d+)";
        let pattern = format!(
            r"(?i)\b(?:{names})\b(?:\s+(?:of|at|is|=|around|about|roughly|near))*\s*{figure}|{figure}\s+(?:{names})\b"
        );
        let c = re(cell, &pattern).captures(text)?;
        let m = c.get(1).or_else(|| c.get(2))?;
        Some((fraction(m.as_str())?, m.as_str().to_string()))
    };
    let (p, _) = named(&PREVALENCE, "prevalence|base rate|positive rate")?;
    let (sens, _) = named(&SENSITIVITY, "sensitivity|recall|true positive rate")?;
    let (spec, _) = named(&SPECIFICITY, "specificity|true negative rate")?;
    let (said, written) = named(&PRECISION, "ppv|positive predictive value|precision")?;
    if ![p, sens, spec, said]
        .iter()
        .all(|v| (0.0..=1.0).contains(v))
        || p == 0.0
    {
        return None;
    }
    let want = p * sens / (p * sens + (1.0 - p) * (1.0 - spec));
    // Rounding of whole percentages: within 5 points, or a fifth.
    if (said - want).abs() <= 0.05 || super::arith::near(said, want, 1.2) {
        return None;
    }
    Some(Slip {
        worked: format!(
            "at {} prevalence, {} sensitivity and {} specificity, precision = {}",
            pct(p),
            pct(sens),
            pct(spec),
            pct(want)
        ),
        said: written,
        factor: want / said.max(1e-9),
    })
}

/// A figure as written ("46%", "0.73") as a fraction.
fn fraction(s: &str) -> Option<f64> {
    let v = num(s.trim_end_matches('%').trim())?;
    Some(if s.ends_with('%') { v / 100.0 } else { v })
}

fn pct(v: f64) -> String {
    let x = v * 100.0;
    if (x - x.round()).abs() < 0.05 {
        format!("{:.0}%", x)
    } else {
        format!("{:.1}%", x)
    }
}

/// The first figure in `text` that an identity contradicts.
pub fn slip(text: &str) -> Option<Slip> {
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    memory(text).or_else(|| gini(text)).or_else(|| ppv(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_and_vectors_at_a_precision_take_what_they_take() {
        let s = slip("The 400-million-parameter encoder in fp16 is about 400 MB on the phone.")
            .expect("a slip");
        assert!(s.worked.contains("800 MB"), "{}", s.worked);
        assert_eq!(s.factor, 2.0);
        let s = slip("Keeping 50 million 512-dimensional float32 vectors takes about 10 GB.")
            .expect("a slip");
        assert!(s.worked.contains("102 GB"), "{}", s.worked);
        assert!(slip("A 13B model in fp16 needs about 6.5 GB of memory.").is_some());
        assert!(
            slip("It is a 300-million-parameter model in fp16, about 300 MB, which fits the 1 GB we have.")
                .is_some()
        );
        for ok in [
            "The 400-million-parameter encoder in fp16 is about 800 MB on the phone.",
            "Keeping 50 million 512-dimensional float32 vectors takes about 100 GB, so we shard.",
            "A 13B model in fp16 needs about 26 GB, so one 40 GB card holds it.",
            "Quantising the 400M-parameter model from fp16 to int8 takes it from 800 MB to 400 MB.",
            "Fine-tuning a 7B model in bf16 with Adam needs about 112 GB.",
            "A 3B model in int4 is about 1.5 GB.",
            "The model has 12 layers and runs in fp16 on a 16 GB T4.",
            "At 300 million parameters in fp16 the model is 600 MB, which fits the 1 GB we have.",
        ] {
            assert_eq!(slip(ok), None, "{ok}");
        }
    }

    #[test]
    fn precision_must_follow_from_prevalence_sensitivity_and_specificity() {
        let s =
            slip("At 5% prevalence, 95% sensitivity and 95% specificity give a PPV of about 70%.")
                .expect("a slip: the PPV is 50%");
        assert!(s.worked.contains("precision = 50%"), "{}", s.worked);
        assert_eq!(s.said, "70%");
        assert_eq!(
            slip("At 5% prevalence, 95% sensitivity and 95% specificity give a PPV of 50%."),
            None
        );
        assert_eq!(
            slip(
                "With a prevalence of 1%, sensitivity 90% and specificity 99%, precision is about 48%."
            ),
            None
        );
        // Not all four figures: nothing to check.
        assert_eq!(
            slip("Sensitivity 95% and specificity 95% at a 70% PPV."),
            None
        );
    }

    #[test]
    fn gini_and_auc_must_agree() {
        let s = slip("A Gini of 0.6 corresponds to an AUC of about 0.7.").expect("a slip");
        assert!(s.worked.contains("0.8"), "{}", s.worked);
        assert_eq!(slip("A Gini of 0.6 is an AUC of 0.8."), None);
        assert_eq!(slip("Gini 46%, i.e. an AUC of 0.73."), None);
        // A change stated for both is checked at each end.
        let s = slip("Lifting AUC from 0.76 to 0.80 takes Gini from 0.52 to 0.64.")
            .expect("the second pair breaks the identity");
        assert_eq!(s.said, "0.80");
        assert_eq!(
            slip("Lifting AUC from 0.76 to 0.80 takes Gini from 0.52 to 0.60."),
            None
        );
        assert_eq!(
            slip("We track the Gini and the AUC on every monthly vintage."),
            None
        );
    }
}
