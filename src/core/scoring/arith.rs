//! Checking the arithmetic a sentence does aloud.
//!
//! A back-of-the-envelope estimate an interviewer hears ("6 million
//! subscribers at 1.8% a month, that's about 10,800") is checked the way
//! they would check it: the result a sentence announces ("that's about",
//! "works out to", "≈", ", roughly") against what its two figures just
//! before it give, multiplied or divided ("at", "×", "with … each",
//! "over", "of"), units included (milliseconds, hours, gigabytes,
//! percentages, thousands to billions). When nothing they give comes near
//! the result, but the product or quotient shifted by a power of ten gives
//! it almost exactly, the estimate slipped a decimal place — the mistake
//! that turns a plan that fits into one that does not. Anything less
//! certain is left alone: a result that could come from another pairing,
//! a unit conversion or a per-day-to-per-month step is no slip.

use regex::Regex;
use std::sync::OnceLock;

/// A result within this ratio of what its figures give is consistent.
const CONSISTENT: f64 = 1.15;
/// A result within this ratio of a power-of-ten shift of what its figures
/// give is a slipped decimal place.
const SHIFTED: f64 = 1.06;
/// Longest stretch of text between two figures of one calculation.
const MAX_GAP: usize = 60;

/// The id of the red flag a slipped estimate raises.
pub const FLAG_ID: &str = "numbers-dont-add-up";

/// A pattern compiled once, on first use.
pub(super) fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).expect("an estimate pattern compiles"))
}

/// An estimate that slipped by a power of ten.
#[derive(Debug, Clone, PartialEq)]
pub struct Slip {
    /// The calculation, worked ("6 million × 1.8% ≈ 108,000").
    pub worked: String,
    /// The result as the sentence states it ("10,800").
    pub said: String,
    /// How far off it is (10, 100, 0.1, …).
    pub factor: f64,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Unit {
    None,
    /// Seconds per unit.
    Time(f64),
    /// Bytes per unit.
    Bytes(f64),
    /// Metres per unit.
    Length(f64),
}

/// Powers of time, bytes, length and money.
type Dim = [i8; 4];
const NO_DIM: Dim = [0; 4];
const MONEY: usize = 3;

fn combine(x: Dim, y: Dim, sign: i8) -> Dim {
    std::array::from_fn(|i| x[i] + sign * y[i])
}

/// Whether a calculation's dimension can be the result's: the same, or
/// any when the result has no unit, but money only from money (a price
/// times a count is money; a percentage of money is no percentage).
fn fits(d: Dim, r: Dim) -> bool {
    d[MONEY] == r[MONEY] && (r[..MONEY] == [0; MONEY] || d == r)
}

#[derive(Debug, Clone)]
struct Num {
    /// As written, scale and percent applied (a percentage is a fraction).
    raw: f64,
    /// Its scale word's or percent sign's factor ("million": 10⁶, "%": 0.01).
    scale: f64,
    /// An amount of money ("€60", "USD 3,200", "85 euros").
    money: bool,
    unit: Unit,
    /// "points" not read as percentage points ("4.4 points for the person
    /// called" may be either): a result that fits as a percentage is no slip.
    bare_points: bool,
    start: usize,
    end: usize,
}

impl Num {
    /// Its dimension: powers of time and of bytes.
    fn dim(&self) -> Dim {
        let mut d = match self.unit {
            Unit::None => NO_DIM,
            Unit::Time(_) => [1, 0, 0, 0],
            Unit::Bytes(_) => [0, 1, 0, 0],
            Unit::Length(_) => [0, 0, 1, 0],
        };
        d[MONEY] = self.money as i8;
        d
    }

    /// In seconds or bytes where it has such a unit.
    fn base(&self) -> f64 {
        match self.unit {
            Unit::None => self.raw,
            Unit::Time(f) | Unit::Bytes(f) | Unit::Length(f) => self.raw * f,
        }
    }
}

fn number_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    re(
        &RE,
        r"(?x)
            (?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)
            (?P<pct>\ ?%|\ percent\b|\ percentage\ points?\b|\ points?\b|\ pts?\b|\ pp\b)?
            (?:(?P<att>[kKMB]|bn|mn)\b|\ (?P<word>thousand|million|billion|trillion)\b)?
            (?:[\ -]?(?:[A-Za-z]+-)?(?P<unit>ms|milliseconds?|seconds?|secs?|s|minutes?|mins?|hours?|hrs?|h|days?|weeks?|[KMGTP]B|(?:kilo|mega|giga|tera|peta)?bytes?|km|kilomet(?:re|er)s?|met(?:re|er)s?|miles?)\b)?",
    )
}

/// Words that start a phrase of their own after a figure ("per second").
const PHRASE_STARTS: &[&str] = &[
    "per", "and", "the", "for", "each", "every", "over", "across", "within", "into", "from",
    "than", "with", "are", "was", "were", "has", "had", "have", "our", "their", "its", "this",
    "that", "those", "these", "but", "nor", "not", "all", "any",
];

/// A unit of time after one qualifying word ("radiologist hours"); not
/// after a word that starts a new phrase ("a day", "per second").
fn qualified_time_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    re(
        &RE,
        r"^ (?:[a-z]+-)?([a-z]{3,}) (milliseconds?|seconds?|minutes?|hours?|days?|weeks?)\b",
    )
}

fn result_cue_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    re(
        &RE,
        r"(?ix)
            (?:
                (?:that's|that\ is|that’s|which\ is|which\ gives|which\ means|works?\ out\ (?:to|at)|comes?\ (?:to|out\ at)|gives(?:\ us)?|giving|means(?:\ we\ need)?|we\ need|equals|totals?|in\ total|≈|~|=|→|->
                  |\bis(?:\ worth)?|\bare|\bneeds?|\btakes?|\bcosts?|\bleaves?|\brequires?|\bcomes\ to|\bgets?|\bbuys?|\bwe\ can\ afford
                  |\bsaves?|\badds?\ up\ to|\byields?|\bgenerates?|\bproduces?|\bfrees?\ up)
                (?:\s+(?:about|roughly|around|approximately|nearly|almost|some|only|just|under|over|close\ to)){0,2}
              | (?:,|\bis|\bare|\bso)\s+(?:or\s+)?(?:only\s+)?(?:about|roughly|around|approximately|nearly|almost|close\ to)
              | \bor\s+(?:about|roughly|around|approximately|nearly|almost)
            )
            \s*[€$£]?\s*(?:EUR|USD|GBP)?\s*$",
    )
}

fn operation_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    re(
        &RE,
        r"(?i)(?:×|\*|/|\bx\b|\btimes\b|\bat\b|\bwith\b|\bof\b|\bover\b|\bper\b|\bacross\b|\bfor\b|\bby\b|\bdivided\b|\beach\b)",
    )
}

fn money_after_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    re(&RE, r"^\s?(?:EUR|USD|GBP|euros?|dollars?|pounds?|cents?)\b")
}

fn cents_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    re(&RE, r"^\s?cents?\b")
}

fn scale(att: Option<&str>, word: Option<&str>) -> f64 {
    match att.or(word) {
        Some("k" | "K" | "thousand") => 1e3,
        Some("M" | "mn" | "million") => 1e6,
        Some("B" | "bn" | "billion") => 1e9,
        Some("trillion") => 1e12,
        _ => 1.0,
    }
}

fn unit(u: Option<&str>) -> Unit {
    let Some(u) = u else { return Unit::None };
    let lower = u.to_ascii_lowercase();
    let t = |f| Unit::Time(f);
    match lower.trim_end_matches('s') {
        "m" | "millisecond" => t(1e-3),
        "µ" | "u" | "microsecond" => t(1e-6),
        "" | "second" | "sec" => t(1.0),
        "minute" | "min" => t(60.0),
        "hour" | "hr" | "h" => t(3600.0),
        "day" => t(86_400.0),
        "week" => t(604_800.0),
        "kb" | "kilobyte" => Unit::Bytes(1e3),
        "mb" | "megabyte" => Unit::Bytes(1e6),
        "gb" | "gigabyte" => Unit::Bytes(1e9),
        "tb" | "terabyte" => Unit::Bytes(1e12),
        "pb" | "petabyte" => Unit::Bytes(1e15),
        "byte" => Unit::Bytes(1.0),
        "km" | "kilometre" | "kilometer" => Unit::Length(1e3),
        "meter" | "metre" => Unit::Length(1.0),
        "mile" => Unit::Length(1609.0),
        _ => Unit::None,
    }
}

/// The figures of a sentence, in order. Skipped: parts of names and codes
/// ("p99", "fp16", "T4", "recall@10"), ranges ("30-90"), ratios ("10x"),
/// ordinals and years.
fn numbers(text: &str) -> Vec<Num> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    for c in number_re().captures_iter(text) {
        let m = c.get(0).expect("a match");
        let num = c.name("num").expect("a number");
        let before = text[..num.start()].chars().next_back();
        if before.is_some_and(|b| b.is_alphanumeric() || matches!(b, '@' | '_' | '.' | '/' | '-')) {
            continue;
        }
        let next = text[m.end()..].chars().next();
        if next.is_some_and(|n| n.is_alphanumeric() || matches!(n, '×' | '-' | '/' | ':'))
            && c.name("unit").is_none()
        {
            continue;
        }
        if num.end() < bytes.len() && bytes[num.end()] == b'-' && c.name("unit").is_none() {
            continue;
        }
        let digits: String = num.as_str().chars().filter(|&d| d != ',').collect();
        let Ok(mut v) = digits.parse::<f64>() else {
            continue;
        };
        let year = !num.as_str().contains(['.', ',']) && (1900.0..=2100.0).contains(&v);
        if year && c.name("pct").is_none() && c.name("unit").is_none() {
            continue;
        }
        let mut factor = scale(
            c.name("att").map(|x| x.as_str()),
            c.name("word").map(|x| x.as_str()),
        );
        let points = c.name("pct").is_some_and(|p| {
            let p = p.as_str().trim_start();
            p.starts_with("point") || p.starts_with("pt")
        });
        let as_pct = c.name("pct").is_some_and(|_| {
            !points || {
                // "0.1 point of conversion", "0.6 points on 45,000 calls",
                // "about 4.4 points." are percentage points; "200 points a
                // second" are data points.
                let after = text[m.end()..].trim_start();
                ["of ", "on ", "across ", "among "]
                    .iter()
                    .any(|w| after.starts_with(w))
                    || after.is_empty()
                    || after.starts_with(['.', ',', ';', ')'])
            }
        });
        if as_pct {
            factor /= 100.0;
        }
        v *= factor;
        let lead = text[..num.start()].trim_end();
        let money = lead.ends_with(['€', '$', '£'])
            || ["EUR", "USD", "GBP"].iter().any(|c| lead.ends_with(c))
            || money_after_re().is_match(&text[m.end()..]);
        // "50 cents" is half of the currency the other figures are in.
        if money && cents_re().is_match(&text[m.end()..]) {
            factor /= 100.0;
            v /= 100.0;
        }
        // "300 radiologist hours", "40 annotator days": a word between
        // the figure and its unit of time.
        let (said_unit, end) = match c.name("unit") {
            Some(u) => (Some(u.as_str()), m.end()),
            None => match qualified_time_re().captures(&text[m.end()..]) {
                Some(q) if !money && c.name("pct").is_none() && !PHRASE_STARTS.contains(&&q[1]) => {
                    (q.get(2).map(|u| u.as_str()), m.end() + q[0].len())
                }
                _ => (None, m.end()),
            },
        };
        out.push(Num {
            raw: v,
            scale: factor,
            money,
            unit: unit(said_unit),
            bare_points: points && !as_pct,
            start: num.start(),
            end,
        });
    }
    out
}

pub(super) fn near(a: f64, b: f64, ratio: f64) -> bool {
    a > 0.0 && b > 0.0 && a / b <= ratio && b / a <= ratio
}

/// A value as an interviewer would say it: three significant figures,
/// thousands separated.
pub(super) fn say(v: f64) -> String {
    if v <= 0.0 || !v.is_finite() {
        return "0".into();
    }
    let mag = v.log10().floor() as i32;
    let step = 10f64.powi(mag - 2);
    let r = (v / step).round() * step;
    if r >= 100.0 {
        let s = format!("{}", r.round() as i64);
        let mut out = String::new();
        for (i, ch) in s.chars().enumerate() {
            if i > 0 && (s.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(ch);
        }
        out
    } else {
        let decimals = (2 - mag).clamp(0, 8) as usize;
        let s = format!("{r:.decimals$}");
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s
        }
    }
}

/// `text` with its numbers written in words as digits ("three hundred
/// hours at two minutes" → "300 hours at 2 minutes", "sixty million" →
/// "60 million"), for the checks; a lone "one" or "zero" stays a word.
pub fn spelled_out(text: &str) -> std::borrow::Cow<'_, str> {
    number_words_re().replace_all(text, |c: &regex::Captures<'_>| {
        let said = &c[0];
        match word_value(said) {
            Some(v) if !matches!(said.to_ascii_lowercase().as_str(), "one" | "zero") => {
                v.to_string()
            }
            _ => said.to_string(),
        }
    })
}

const UNITS: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 8] = [
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

fn number_words_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let word = format!(
            "(?:{}|{}|hundred|thousand)",
            UNITS.join("|"),
            TENS.join("|")
        );
        Regex::new(&format!(r"(?i)\b{word}(?:(?:[ -]|\s+and\s+){word})*\b"))
            .expect("a valid pattern")
    })
}

/// The value of a run of number words ("three hundred and twenty").
fn word_value(said: &str) -> Option<u64> {
    let (mut total, mut current) = (0u64, 0u64);
    for w in said.split([' ', '-']).filter(|w| !w.is_empty()) {
        let w = w.to_ascii_lowercase();
        if let Some(v) = UNITS.iter().position(|u| *u == w) {
            current += v as u64;
        } else if let Some(t) = TENS.iter().position(|u| *u == w) {
            current += 20 + 10 * t as u64;
        } else if w == "hundred" {
            current = current.max(1) * 100;
        } else if w == "thousand" {
            total += current.max(1) * 1000;
            current = 0;
        } else if w != "and" {
            return None;
        }
    }
    Some(total + current)
}

/// The first estimate in `text` that slipped by a power of ten.
pub fn slip(text: &str) -> Option<Slip> {
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let nums = numbers(text);
    // Prices per thousand or per million ("a €2 CPM", "$3 per million
    // tokens") hide a factor of 10³ or 10⁶.
    let hidden = hidden_scale_re().is_match(text);
    for k in 1..nums.len() {
        let (b, r) = (&nums[k - 1], &nums[k]);
        let gap_br = &text[b.end..r.start];
        if gap_br.len() > MAX_GAP
            || !result_cue_re().is_match(gap_br.trim_end())
            || contrast_re().is_match(gap_br)
        {
            continue;
        }
        let a = k.checked_sub(2).map(|i| &nums[i]).filter(|a| {
            let gap = &text[a.end..b.start];
            // A figure announced as the result of the one before it
            // ("at 2.5 faces a pano that's ~600 panos, ~24k a year") carries
            // the calculation on alone: the earlier figure is spent.
            if result_cue_re().is_match(gap.trim_end()) {
                return false;
            }
            // "on" joins a share to what it is taken of ("0.6 points on
            // 45,000 calls"), not any two figures ("500 on CPU in 50 ms").
            operates(gap) || (a.scale == 0.01 && gap.trim() == "on")
        });
        let given = candidates(text, a, b, r);
        if given.is_empty() {
            continue;
        }
        let converted = |n: &Num| match (period(&text[n.end..]), period(&text[r.end..])) {
            (Some(x), Some(y)) if x != y => {
                near(n.raw * y / x, r.raw, CONSISTENT)
                    || near(n.base() * y / x, r.base(), CONSISTENT)
            }
            _ => false,
        };
        // Bare "points" in a calculation are most likely percentage points.
        let (a_share, b_share) = (a.map(as_share), as_share(b));
        let shared = if b.bare_points || a.is_some_and(|a| a.bare_points) {
            candidates(text, a_share.as_ref(), &b_share, r)
        } else {
            Vec::new()
        };
        let consistent = given.iter().any(|g| {
            near(g.value, g.want, CONSISTENT)
                || (r.bare_points && near(g.value, g.want / 100.0, CONSISTENT))
                || (hidden
                    && [1e-3, 1e-6, 1e3, 1e6]
                        .iter()
                        .any(|f| near(g.value * f, g.want, CONSISTENT)))
        }) || shared.iter().any(|g| near(g.value, g.want, CONSISTENT))
            || near(b.raw, r.raw, CONSISTENT)
            || converted(b)
            || a.is_some_and(|a| near(a.raw, r.raw, CONSISTENT) || converted(a))
            || from_earlier(&nums[k.saturating_sub(5)..k], r);
        if consistent {
            continue;
        }
        for g in shared.iter().chain(&given) {
            for e in [1i32, 2, 3, -1, -2, -3] {
                if hidden && e.abs() == 3 {
                    continue;
                }
                let f = 10f64.powi(e);
                if near(g.value * f, g.want, SHIFTED) {
                    let as_r = g.value * (r.raw / g.want) / r.scale;
                    let result = format!("{}{}", say(as_r), unit_text(text, r));
                    return Some(Slip {
                        worked: match g.from {
                            Source::Pair(x, y, op) => {
                                format!("{} {op} {} ≈ {result}", figure(text, x), figure(text, y))
                            }
                            Source::One(x) => format!("{} ≈ {result}", figure(text, x)),
                        },
                        said: figure(text, r),
                        factor: 1.0 / f,
                    });
                }
            }
        }
    }
    None
}

/// A figure in bare "points" read as percentage points.
fn as_share(n: &Num) -> Num {
    let mut n = n.clone();
    if n.bare_points {
        n.raw /= 100.0;
        n.scale /= 100.0;
        n.bare_points = false;
    }
    n
}

/// Where a candidate result comes from.
enum Source<'a> {
    /// Two figures multiplied or divided.
    Pair(&'a Num, &'a Num, &'static str),
    /// One figure restated in another unit or per another period.
    One(&'a Num),
}

struct Candidate<'a> {
    value: f64,
    /// The result to compare with, in the same terms.
    want: f64,
    from: Source<'a>,
}

/// Whether the words between two figures make them one calculation
/// ("at", "×", "with … each", "over", "of"), not two facts side by side
/// ("5% of studies, and 0.8% …").
fn operates(gap: &str) -> bool {
    // "5,000 hours, which at 4 seconds each…", "50,000 a second, and at
    // 100 candidates each…": a clause that carries the figure on.
    let gap = continued_re().replace(gap, " at ");
    let listed = gap.contains([',', '(', ')', ':', ';', '.'])
        || [" and ", " or ", " but "].iter().any(|w| gap.contains(w));
    gap.len() <= MAX_GAP && !listed && operation_re().is_match(&gap)
}

/// A comma and a clause that carries the figure before it into the next
/// step (", which at", ", and at", ", so at"), read as a plain "at".
fn continued_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    re(&RE, r"(?i),\s+(?:which|and|so|then)\s+(?:at|with)\s+$")
}

/// What the figures before a result give: the two of a calculation
/// multiplied or divided, as written and in base units, and the last one
/// alone restated in another unit or per another period. A result with a
/// unit must come out in that unit: a budget in milliseconds over a count
/// of items is milliseconds per item, not items per millisecond.
fn candidates<'a>(text: &str, a: Option<&'a Num>, b: &'a Num, r: &Num) -> Vec<Candidate<'a>> {
    let mut out = Vec::new();
    let dr = r.dim();
    let fits = |d: Dim| fits(d, dr);
    // Two percentages make a percentage, not a count.
    if let Some(a) = a.filter(|a| !(a.scale == 0.01 && b.scale == 0.01 && r.scale != 0.01)) {
        let (da, db) = (a.dim(), b.dim());
        // Figures as written compare only when no unit clashes with the
        // result's ("90 days at 2 TB a day" is 180 TB, not 180 PB).
        let clash = |n: &Num| n.dim()[..MONEY] == dr[..MONEY] && dr != NO_DIM && n.unit != r.unit;
        let raw = (!clash(a) && !clash(b)).then_some((a.raw, b.raw, r.raw));
        for (x, y, want) in raw.into_iter().chain([(a.base(), b.base(), r.base())]) {
            if fits(combine(da, db, 1)) {
                let from = Source::Pair(a, b, "×");
                out.push(Candidate {
                    value: x * y,
                    want,
                    from,
                });
            }
            if fits(combine(da, db, -1)) {
                let from = Source::Pair(a, b, "/");
                out.push(Candidate {
                    value: x / y,
                    want,
                    from,
                });
            }
            if fits(combine(db, da, -1)) {
                let from = Source::Pair(b, a, "/");
                out.push(Candidate {
                    value: y / x,
                    want,
                    from,
                });
            }
        }
    }
    if b.dim() == dr && dr != NO_DIM && b.unit != r.unit {
        out.push(Candidate {
            value: b.base(),
            want: r.base(),
            from: Source::One(b),
        });
    }
    if let (Some(x), Some(y)) = (period(&text[b.end..]), period(&text[r.end..]))
        && x != y
    {
        let (value, want) = if b.dim() == dr && dr != NO_DIM {
            (b.base() * y / x, r.base())
        } else {
            (b.raw * y / x, r.raw)
        };
        out.push(Candidate {
            value,
            want,
            from: Source::One(b),
        });
    }
    out
}

/// A new clause set against the figures before it ("…, whereas quoting
/// long costs about 1.5%"): its figure is no result of theirs.
fn contrast_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    re(
        &RE,
        r"(?i)\b(?:whereas|while|but|although|though|however|versus|vs|against|compared|instead)\b",
    )
}

fn hidden_scale_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    re(
        &RE,
        r"(?i)\b(?:e?cpm|rpm|cpt|per\s+(?:thousand|mille|million|billion|1,?000|1k|1m|m)\b|/\s*(?:1k|1m|m)\b|per\s+mil\b|‰)",
    )
}

/// Whether some two or three of `earlier`, multiplied or divided, give
/// `r` (a calculation that also uses a figure said before the last two:
/// "0.1% applies to the 70% of 225 million that is legitimate, ≈ 157,500").
fn from_earlier(earlier: &[Num], r: &Num) -> bool {
    let dr = r.dim();
    let fits = |d: Dim| dr[..MONEY] == [0; MONEY] || d[..MONEY] == dr[..MONEY];
    let add = combine;
    let modes: [fn(&Num) -> f64; 2] = [|n| n.raw, Num::base];
    for v in modes {
        let want = v(r);
        for (i, x) in earlier.iter().enumerate() {
            for (j, y) in earlier.iter().enumerate() {
                if i == j {
                    continue;
                }
                let (xy, x_y) = (add(x.dim(), y.dim(), 1), add(x.dim(), y.dim(), -1));
                if (fits(xy) && near(v(x) * v(y), want, CONSISTENT))
                    || (fits(x_y) && near(v(x) / v(y), want, CONSISTENT))
                {
                    return true;
                }
                for (l, z) in earlier.iter().enumerate() {
                    if l == i || l == j {
                        continue;
                    }
                    if (fits(add(xy, z.dim(), 1)) && near(v(x) * v(y) * v(z), want, CONSISTENT))
                        || (fits(add(xy, z.dim(), -1))
                            && near(v(x) * v(y) / v(z), want, CONSISTENT))
                    {
                        return true;
                    }
                }
            }
        }
    }
    false
}

/// The period a figure is counted over ("a day", "per second", "monthly"),
/// in seconds, when the words just after it say.
fn period(after: &str) -> Option<f64> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = re(
        &RE,
        r"(?i)^[\sa-z-]{0,24}?\b(?:(?:a|an|per|each|every|/)\s*(second|minute|hour|day|week|month|quarter|year)\b|(hourly|daily|weekly|monthly|quarterly|yearly|annually)|(qps|rps|tps|fps|/s)\b)",
    );
    let c = re.captures(after)?;
    let w = c
        .get(1)
        .or(c.get(2))
        .or(c.get(3))?
        .as_str()
        .to_ascii_lowercase();
    Some(match w.as_str() {
        "second" | "qps" | "rps" | "tps" | "fps" | "/s" => 1.0,
        "minute" => 60.0,
        "hour" | "hourly" => 3600.0,
        "day" | "daily" => 86_400.0,
        "week" | "weekly" => 604_800.0,
        "month" | "monthly" => 2_629_800.0,
        "quarter" | "quarterly" => 7_889_400.0,
        _ => 31_557_600.0,
    })
}

/// A figure as written (with its scale and unit).
fn figure(text: &str, n: &Num) -> String {
    text[n.start..n.end].trim().to_string()
}

/// What is written after a result's digits: its scale and unit
/// (" million", "%", " GPU-hours").
fn unit_text(text: &str, r: &Num) -> String {
    let written = &text[r.start..r.end];
    let digits = written
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .unwrap_or(written.len());
    written[digits..].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn off(s: &str) -> Option<f64> {
        slip(s).map(|x| x.factor)
    }

    #[test]
    fn slipped_decimal_places_are_found_with_the_worked_figure() {
        let s = slip("With 4 million riders at 2.5% a week, that's about 10,000 riders to reach.")
            .expect("a slip");
        assert_eq!(s.factor, 10.0);
        assert_eq!(s.said, "10,000");
        assert!(s.worked.contains("100,000"), "{}", s.worked);
        assert_eq!(
            off("A 200 ms budget over 400 items works out to about 5 ms per item."),
            Some(0.1)
        );
        assert_eq!(
            off("Re-encoding 3 billion clips at 0.4 s each is about 33,000 GPU-hours."),
            Some(10.0)
        );
        assert_eq!(
            off(
                "Peak is 20,000 queries a second with 50 items each, about 100,000 scores a second."
            ),
            Some(10.0)
        );
        assert_eq!(
            off("That's 5 million products × 28 days, about 14 million predictions a run."),
            Some(10.0)
        );
        assert_eq!(
            off("0.2% of 50 million is about 10,000 alerts a day."),
            Some(10.0)
        );
    }

    #[test]
    fn results_after_so_gets_buys_and_a_carried_clause_are_checked() {
        assert_eq!(
            off(
                "That's 80,000 orders a day times 20 couriers considered, so roughly 160,000 scores a day."
            ),
            Some(10.0)
        );
        assert_eq!(
            off("A 40 ms budget shared by 200 listings gets about 2 ms per listing."),
            Some(0.1)
        );
        assert_eq!(
            off(
                "We have 2,000 hours of audio, which at 5 seconds per clip is roughly 144,000 clips."
            ),
            Some(10.0)
        );
        assert_eq!(
            off("An open rate of 25% of the 4% who see it means about 10% of sends are opened."),
            Some(0.1)
        );
        assert_eq!(
            off("Gaining 0.4 points on 250,000 visits is about 10,000 extra sign-ups."),
            Some(0.1)
        );
        assert_eq!(
            off("That is only about 30,000 seconds, which is only about 83 GPU-hours."),
            Some(0.1)
        );
        assert_eq!(
            off("60 million vectors at 3 KB each is about 18 gigabytes."),
            Some(10.0)
        );
        assert_eq!(
            off("60 million vectors at 3 KB each is about 180 gigabytes."),
            None
        );
        for ok in [
            "A ranker scores the top 500 on CPU in about 50 ms, which at peak is 2.5 million scores a second.",
            "That's 80,000 orders a day times 20 couriers considered, so roughly 1.6 million scores a day.",
            "A 40 ms budget shared by 200 listings gets about 0.2 ms per listing.",
            "We have 2,000 hours of audio, which at 5 seconds per clip is roughly 1.4 million clips.",
            "Gaining 0.4 points on 250,000 visits is about 1,000 extra sign-ups.",
            "Fraud is 0.15% of payments, so about 1 in 700 is fraud.",
            "We have 12 analysts, so about 1,500 reviews a day.",
        ] {
            assert_eq!(slip(ok), None, "{ok}");
        }
    }

    #[test]
    fn results_after_saves_and_yields_are_checked() {
        assert_eq!(
            off("At 0.6 points on 45,000 calls a month the programme saves about 270 customers."),
            None
        );
        assert_eq!(
            off("At 0.6 points on 45,000 calls a month the programme saves about 2,700 customers."),
            Some(0.1)
        );
    }

    #[test]
    fn numbers_in_words_are_checked_as_digits() {
        assert_eq!(
            spelled_out("Three hundred hours at two minutes a study, sixty million photos."),
            "300 hours at 2 minutes a study, 60 million photos."
        );
        assert_eq!(
            spelled_out("One model per merchant, twenty-five thousand and one rows."),
            "One model per merchant, 25001 rows."
        );
        let off = |t: &str| slip(&spelled_out(t)).map(|s| s.factor);
        assert_eq!(
            off("Three hundred hours at two minutes a study gives us 9,000 labelled studies."),
            None
        );
        assert_eq!(
            off("Three hundred hours at two minutes a study gives us 900 labelled studies."),
            Some(10.0)
        );
    }

    #[test]
    fn a_word_between_a_figure_and_its_unit_of_time_keeps_the_unit() {
        assert_eq!(
            off("With 300 reader hours at 2 minutes a study we can get about 90,000 studies."),
            Some(0.1)
        );
        assert_eq!(
            off("With 300 reader hours at 2 minutes a study we can get about 9,000 studies."),
            None
        );
        assert_eq!(
            off("40 annotator days at 5 minutes a page is about 1,150 pages."),
            Some(10.0)
        );
        assert_eq!(
            off("We score 100 per second, so about 8.6 million a day."),
            None
        );
    }

    #[test]
    fn a_result_carried_on_does_not_reuse_the_figure_it_came_from() {
        assert_eq!(
            off(
                "At 2.5 faces a pano that's ~600 panos per country, ~24k a year across 40 countries."
            ),
            None
        );
        assert_eq!(
            off(
                "1,500 faces at 2.5 faces a pano is about 600 panos, which at 4 minutes each is about 400 hours."
            ),
            Some(0.1)
        );
    }

    #[test]
    fn percentage_points_are_percentages() {
        assert_eq!(
            off("Each 0.1 point of conversion on 600,000 searches is about 600 orders."),
            None
        );
        assert_eq!(
            off("Each 0.1 point of conversion on 600,000 searches is about 60,000 orders."),
            Some(0.01)
        );
        assert_eq!(
            off("So 18.50 / 420 comes to about 4.4 percentage points."),
            None
        );
        assert_eq!(
            off("A call must move churn by 18.5 / 420 ≈ 4.4 points for the person called."),
            None
        );
        assert_eq!(
            off("Reaching 3% is 0.9 points x 600k = 5,400 extra orders a day."),
            None
        );
        assert_eq!(off("45k calls × 0.6 pt saved ≈ 270 customers."), None);
        assert_eq!(off("45k calls × 0.6 pt saved ≈ 27 customers."), Some(10.0));
        assert_eq!(
            off("20,000 pairs at 50 cents each, so about 10,000 euros."),
            None
        );
        assert_eq!(
            off("20,000 pairs at 50 cents each, so about 1,000 euros."),
            Some(10.0)
        );
    }

    #[test]
    fn one_figure_restated_in_another_unit_or_period_is_checked_too() {
        assert_eq!(
            off("Two million clips at 30 ms each is 60,000 seconds, or about 1.7 GPU-hours."),
            Some(10.0)
        );
        assert_eq!(
            off("Search at 2,000 QPS is about 17 million queries a day."),
            Some(10.0)
        );
        for ok in [
            "Two million clips at 30 ms each is 60,000 seconds, or about 17 GPU-hours.",
            "Search at 2,000 QPS is about 170 million queries a day.",
            "At 2 million impressions a day and 1% CTR at €0.30 a click, that's about €6,000 a day.",
            "Late orders are refunded 30% of the time at €5, whereas quoting long costs about 2% of orders.",
            "At a €3 CPM, 400 million impressions comes to about €1.2 million.",
        ] {
            assert_eq!(slip(ok), None, "{ok}");
        }
    }

    #[test]
    fn right_estimates_and_unrelated_figures_are_left_alone() {
        for ok in [
            "With 4 million riders at 2.5% a week, that's about 100,000 riders to reach.",
            "At 1,500 requests a second and 60 ms each, that's about 90 requests in flight.",
            "40 million a month at 0.15% is about 60,000 frauds a month, or 2,000 a day.",
            "A 150 ms budget over 3 stages gives about 50 ms each.",
            "Re-encoding 3 billion clips at 0.4 s each is about 330,000 GPU-hours.",
            "40 million transactions a month is about 1.3 million a day.",
            "We serve 30,000 merchants with 40 million payments, about 0.15% of them fraud.",
            "In 2024, 12% of 300 stores were new.",
            "p99 of 50 ms with fp16 weights on T4s is about 20% faster.",
            "Chargebacks arrive 30-90 days later, about 2% of all disputes.",
            "Each of the 8 shards holds 60 million vectors, about 10x more than one node.",
            "The model is 600 million parameters in fp16, about 1.2 GB.",
        ] {
            assert_eq!(slip(ok), None, "{ok}");
        }
    }

    #[test]
    fn values_are_said_in_two_significant_figures() {
        assert_eq!(say(108_000.0), "108,000");
        assert_eq!(say(133_333.3), "133,000");
        assert_eq!(say(0.1), "0.1");
        assert_eq!(say(0.012_34), "0.0123");
        assert_eq!(say(12.5), "12.5");
        assert_eq!(say(5_000_000.0), "5,000,000");
    }
}
