//! The words of clarifying questions and facts: splitting, filler,
//! stemming, synonyms folded onto one stem, and the kind of number a
//! wording asks for or an answer gives (a rate, a count, a time or delay,
//! an amount of money).

use rust_stemmers::{Algorithm, Stemmer};
use std::collections::{HashMap, HashSet};

/// What kind of answer a question asks for, or a fact gives.
pub const RATE: u8 = 1;
pub const COUNT: u8 = 1 << 1;
pub const TIME: u8 = 1 << 2;
pub const MONEY: u8 = 1 << 3;

#[rustfmt::skip]
const FILLER: &[&str] = &[
    "a", "about", "across", "actually", "after", "again", "all", "already", "also", "am", "an",
    "and", "any", "anything", "approximately", "are", "around", "as", "at", "be", "been", "being",
    "both", "but", "by", "can", "could", "did", "do", "does", "doing", "each",
    "else", "exactly", "for", "from", "get", "give", "go", "got", "had", "has", "have", "having",
    "he", "her", "here", "his", "how", "i", "if", "in", "into", "is", "it", "its", "just", "kind",
    "know", "let", "like", "look", "lot", "many", "may", "me", "might", "more", "most", "much",
    "must", "my", "need", "of", "on", "one", "or", "our", "ours", "out", "over", "please",
    "quite", "rather", "really", "right", "roughly", "s", "say", "she", "should", "so",
    "some", "sort", "such", "tell", "than", "that", "the", "their", "them", "then", "there",
    "these", "they", "thing", "things", "think", "this", "those", "to", "typical",
    "typically", "up", "us", "usual", "usually", "very", "want", "was", "we", "were", "what",
    "whats", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would",
    "you", "your", "yours", "ll", "re", "ve", "d", "t", "don", "isn", "aren", "doesn",
    "generally", "overall", "idea", "sense", "wonder", "wondering", "curious",
    "guess", "dont", "long", "soon", "often", "big", "large", "before", "come",
    "happen", "happens", "time", "times", "per", "ever", "whether", "anyone", "anybody",
    "someone", "somebody", "try", "tries", "tried", "trying",
];

/// The heads of the synonym groups that name a kind of number.
const KIND_WORDS: &[&str] = &["rate", "delay", "latency", "cost", "volume"];

/// Synonym groups: every word of a group (stemmed) counts as the first.
#[rustfmt::skip]
const SYNONYMS: &[&[&str]] = &[
    &[
        "rate", "share", "fraction", "proportion", "percentage", "percent", "ratio", "prevalence",
        "portion", "frequency", "frequent", "common", "rare", "incidence", "likely",
    ],
    &["delay", "lag", "late", "later", "wait", "until", "lead", "turnaround"],
    &["latency", "millisecond", "ms", "fast", "quick", "quickly", "speed", "respond", "response"],
    &[
        "cost", "price", "expense", "expensive", "spend", "budget", "money", "euro", "dollar",
        "pound", "loss", "lose", "lost", "cheap", "pay",
    ],
    &["volume", "traffic", "throughput", "scale", "load", "qps", "rps", "amount"],
    &["transaction", "payment", "purchase", "charge"],
    &["user", "customer", "subscriber", "member", "people", "person", "client", "shopper"],
    &["label", "annotation", "annotate", "annotator", "truth", "tag", "tagged", "outcome"],
    &["fraud", "fraudulent", "fraudster", "scam"],
    &["data", "dataset", "record", "log", "logged", "history", "historical", "information", "info"],
    &["feature", "field", "attribute", "signal", "variable", "column"],
    &["current", "currently", "today", "now", "existing", "present"],
    &["location", "gps", "position", "coordinate", "whereabouts"],
    &["eta", "estimate"],
    &["popular", "head", "top", "bestselling"],
    &["goal", "target", "aim", "objective", "success", "kpi"],
    &["choose", "chosen", "pick", "picked", "select", "selection"],
    &["notification", "push", "notify"],
    &["disable", "turn", "switch", "mute"],
    &["difficult", "hard", "hardest", "tricky", "challenging"],
    &["show", "see", "display", "shown", "visible"],
    &["arrive", "incoming", "inbound", "receive"],
    &["image", "photo", "picture", "scan", "frame"],
    &["document", "pdf", "file", "invoice", "form"],
    &["email", "mail", "message", "inbox"],
    &["churn", "cancel", "cancellation", "leave", "quit", "attrition"],
    &["device", "phone", "mobile", "handset"],
    &["regulation", "regulator", "compliance", "legal", "law", "gdpr", "regulatory", "audit"],
    &["explain", "explanation", "interpret", "interpretable", "justify", "reason"],
    &["deadline", "launch", "timeline", "ship", "live", "date"],
    &["compute", "hardware", "gpu", "server", "infrastructure", "cluster", "machine"],
    &["team", "staff", "engineer", "analyst", "agent", "reviewer", "moderator"],
    &["accuracy", "performance", "precision", "recall", "metric", "kpi"],
    &["day", "daily"],
    &["week", "weekly"],
    &["month", "monthly"],
    &["hour", "hourly"],
    &["year", "annual", "yearly"],
    &["experiment", "test", "trial", "randomised", "randomized", "holdout"],
    &["tool", "tooling", "stack", "tech", "technology", "software"],
    &["measure", "judge", "evaluate", "assess", "gauge"],
    &["fair", "fairness", "unfair", "unfairly", "equitable"],
    &["group", "community", "segment", "demographic", "population"],
    &["competitor", "competition", "competing", "rival"],
];

/// Wordings that ask for a kind of number.
#[rustfmt::skip]
const INTENT_CUES: &[(u8, &[&str])] = &[
    (RATE, &[
        "what share", "what fraction", "what proportion", "what percent", "percentage",
        "how common", "how rare", "how often", "how frequent", "what portion", "rate", "ratio",
        "prevalence", "%", "per cent", "percent", "how likely",
    ]),
    (COUNT, &[
        "how many", "how much data", "how big", "volume", "number of", "size of", "scale",
        "per second", "per day", "a day", "traffic", "throughput", "how large",
    ]),
    (TIME, &[
        "how long", "how soon", "how late", "how quickly", "how fast", "until", "delay", "lag",
        "latency", "deadline", "timeline", "when do", "when does", "when will", "when can",
        "how old", "how fresh", "how recent", "how much time", "millisecond", "ms", "what time",
        "by when",
    ]),
    (MONEY, &[
        "how much does", "how much do", "how much is", "how much money", "cost", "price",
        "budget", "spend", "expensive", "worth", "lose", "money", "revenue", "euro", "dollar",
    ]),
];

#[rustfmt::skip]
pub const TIME_UNITS: &[&str] = &[
    "ms", "millisecond", "milliseconds", "second", "seconds", "minute", "minutes", "hour",
    "hours", "day", "days", "week", "weeks", "month", "months", "year", "years",
];

/// Words → topic stems, shared by questions and facts.
pub struct Normaliser {
    stemmer: Stemmer,
    filler: HashSet<&'static str>,
    /// The stems of the filler words of four letters or more ("comes").
    filler_stems: HashSet<String>,
    /// Stem → the stem of its group's first word.
    canon: HashMap<String, String>,
    /// The stems that name a kind of number ("rate", "delay", "cost"…).
    kinds: HashSet<String>,
}

impl Normaliser {
    pub fn new() -> Normaliser {
        let stemmer = Stemmer::create(Algorithm::English);
        let mut canon = HashMap::new();
        for group in SYNONYMS {
            let head = stemmer.stem(group[0]).into_owned();
            for w in *group {
                canon.insert(stemmer.stem(w).into_owned(), head.clone());
            }
        }
        let filler_stems = FILLER
            .iter()
            .filter(|w| w.len() >= 4)
            .map(|w| stemmer.stem(w).into_owned())
            .collect();
        let kinds = KIND_WORDS
            .iter()
            .map(|w| stemmer.stem(w).into_owned())
            .collect();
        Normaliser {
            stemmer,
            filler: FILLER.iter().copied().collect(),
            filler_stems,
            canon,
            kinds,
        }
    }

    /// A stem that names a kind of number rather than a topic.
    pub fn is_kind(&self, stem: &str) -> bool {
        self.kinds.contains(stem)
    }

    /// The topic stems of a text, in order (filler dropped, inflected
    /// filler too, synonyms folded).
    pub fn stems(&self, text: &str) -> Vec<String> {
        words(text)
            .into_iter()
            // "%" and "€" say what kind of number, not what about.
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .filter(|w| !self.filler.contains(w.as_str()))
            .filter_map(|w| {
                let stem = if w.chars().any(|c| c.is_ascii_digit()) {
                    w
                } else {
                    self.stemmer.stem(&w).into_owned()
                };
                if self.filler_stems.contains(&stem) {
                    return None;
                }
                // A plural the stemmer keeps ("gpus") folds like its singular.
                let singular = stem
                    .strip_suffix('s')
                    .filter(|s| self.canon.contains_key(*s));
                let key = singular.map_or(stem.clone(), str::to_string);
                Some(self.canon.get(&key).cloned().unwrap_or(stem))
            })
            .collect()
    }
}

/// Lower-cased words; `%`, `€`, `$`, `£` are words of their own, apostrophes
/// join ("what's" → "whats"), digits stay with their number ("1,200" →
/// "1200").
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let flush = |cur: &mut String, out: &mut Vec<String>| {
        if !cur.is_empty() {
            out.push(std::mem::take(cur));
        }
    };
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let next_digit = chars.get(i + 1).is_some_and(|n| n.is_ascii_digit());
        if c.is_alphanumeric() {
            cur.extend(c.to_lowercase());
        } else if matches!(c, '\'' | '’') && !cur.is_empty() {
            // what's → whats
        } else if matches!(c, ',' | '.')
            && next_digit
            && cur.chars().all(|d| d.is_ascii_digit())
            && !cur.is_empty()
        {
            // 1,200 → 1200; 0.15 stays one token
            if c == '.' {
                cur.push('.');
            }
        } else {
            flush(&mut cur, &mut out);
            if c == '%' {
                out.push("%".into());
            } else if c == '€' || c == '$' || c == '£' {
                out.push(c.to_string());
            }
        }
    }
    flush(&mut cur, &mut out);
    out
}

/// The kinds of number a question's wording asks for (a cue matches at
/// the start of a word: "cost" in "costs", "percent" in "percentage").
pub fn asked_intents(text: &str) -> u8 {
    let w = words(text);
    let joined = format!(" {}", w.join(" "));
    let mut out = INTENT_CUES
        .iter()
        .filter(|(_, cues)| cues.iter().any(|c| joined.contains(&format!(" {c}"))))
        .fold(0, |acc, (bit, _)| acc | bit);
    // "how many days / milliseconds": a time, not a count.
    let counts_time = w
        .windows(3)
        .any(|x| x[0] == "how" && x[1] == "many" && TIME_UNITS.contains(&x[2].as_str()));
    if counts_time {
        out = (out & !COUNT) | TIME;
    }
    // "what share of traffic": a rate, whatever it is a share of.
    if out & RATE != 0 {
        out &= !COUNT;
    }
    out
}

/// Whether an answer giving `given` kinds of number answers a question
/// asking for `asked`: a share answers "how many" too.
pub fn answers_intent(given: u8, asked: u8) -> bool {
    let given = if given & RATE != 0 {
        given | COUNT
    } else {
        given
    };
    given & asked != 0
}

/// The kinds of number an answer gives: a number before "%" is a rate,
/// before a unit of time a time or delay, with a currency an amount of
/// money, any other a count.
pub fn given_intents(answer: &str) -> u8 {
    let w = words(answer);
    let b = answer.as_bytes();
    // A clock time ("by 06:00").
    let clock = (1..b.len().saturating_sub(1))
        .any(|i| b[i] == b':' && b[i - 1].is_ascii_digit() && b[i + 1].is_ascii_digit());
    let mut out = if clock { TIME } else { 0 };
    for (i, word) in w.iter().enumerate() {
        let next = w.get(i + 1).map(String::as_str).unwrap_or("");
        match word.as_str() {
            "%" | "percent" => out |= RATE,
            "€" | "$" | "£" | "euro" | "euros" | "dollar" | "dollars" | "pounds" | "usd"
            | "eur" | "gbp" | "cents" => out |= MONEY,
            "million" | "thousand" | "billion" | "dozen" | "hundred" | "hundreds" => out |= COUNT,
            _ if !word.starts_with(|c: char| c.is_ascii_digit()) => {}
            _ if next == "%" || next == "percent" => {}
            _ if TIME_UNITS.contains(&next) => out |= TIME,
            // "30 to 90 days"
            _ if next == "to" && TIME_UNITS.contains(&w.get(i + 3).map_or("", String::as_str)) => {
                out |= TIME
            }
            _ if matches!(next, "million" | "thousand" | "billion") => {}
            _ => out |= COUNT,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_numbers_and_percent() {
        assert_eq!(
            words("What's the 1,200 rate (0.15%)?"),
            vec!["whats", "the", "1200", "rate", "0.15", "%"]
        );
    }

    #[test]
    fn synonyms_fold_onto_one_stem() {
        let n = Normaliser::new();
        assert_eq!(n.stems("payments"), n.stems("transactions"));
        assert_eq!(n.stems("what proportion"), n.stems("share"));
        assert_eq!(n.stems("labelled"), n.stems("labels"));
    }

    #[test]
    fn intents_from_wording_and_from_answers() {
        assert_eq!(asked_intents("What share of payments are fraud?"), RATE);
        assert_eq!(asked_intents("How long until we learn it?") & TIME, TIME);
        assert_eq!(asked_intents("How many transactions a day?") & COUNT, COUNT);
        assert_eq!(given_intents("About 0.15% of transactions"), RATE);
        assert_eq!(given_intents("It arrives 30 to 90 days later"), TIME);
        assert_eq!(given_intents("40 million a month") & COUNT, COUNT);
        assert_eq!(given_intents("about 5 euros each") & MONEY, MONEY);
    }
}
