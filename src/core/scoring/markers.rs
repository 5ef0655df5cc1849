//! The built-in markers every scorer matches besides the content's
//! evidence: phrases that hand a topic to someone else or put it off
//! (deferrals), and phrases that show a sentence rejects an idea rather
//! than states it (vetoes of red flags).
//!
//! A deferral is a decline whatever words it uses: "the platform team will
//! handle monitoring after launch" says nothing about monitoring. A hand-off
//! declines the sentence unless it also gives a number; putting a topic off
//! declines it unless the sentence is specific (a number, a cadence, or the
//! prompt's own terms: "retrain weekly once a month of chargebacks is in").

use super::compile::{Compiled, Owner};

/// Handing the decision or the work to someone else, or leaving it open.
const HAND_OFF: &[&str] = &[
    "another team",
    "other team",
    "other teams",
    "platform team",
    "infra team",
    "infrastructure team",
    "ops team",
    "operations team",
    "devops team",
    "mlops team",
    "data engineering team",
    "engineering team will",
    "someone else",
    "somebody else",
    "stakeholders decide",
    "stakeholders will decide",
    "stakeholders can decide",
    "business will decide",
    "business decides",
    "client will decide",
    "up to the business",
    "up to the client",
    "up to the stakeholders",
    "up to product",
    "leave it to",
    "leave that to",
    "leave this to",
    "owned by another",
    "not my area",
    "not our concern",
    "tbd",
    "to be decided",
    "to be determined",
    "to be defined",
    "to be agreed",
    "figure it out later",
    "figure out later",
    "work it out later",
    "sort it out later",
    "sort out later",
    "we'll see",
    "we will see",
    "depends on the business",
    "depends on the stakeholders",
    "depends on the client",
    "depends on the use case",
    "depending on the use case",
    "agree with stakeholders",
    "align with stakeholders",
    "align with the stakeholders",
    "agree with the stakeholders",
    "agreed with stakeholders",
    "aligned with stakeholders",
    "check with stakeholders",
    "stakeholders will tell",
];

/// Hand-offs phrased around who owns the work or the decision ("the growth
/// team is better placed to handle", "that's really a product decision",
/// "owned by the platform team", "I'd hand that segment to them").
const HAND_OFF_PATTERNS: &[&str] = &[
    r"\b(team|teams|folks|colleagues|partners|department|function|org|owners?)\b[^.;:]{0,40}\b(own|owns|owning|handle|handles|handling|decide|decides|deciding|set up|sets up|take care|takes care|responsible|better placed|figure|sort out|will tune|will pick|will define|will choose|will wire|would sit|will sit|have patterns|has patterns|have standard|has standard|let us know)\b",
    r"\b(owned|handled|decided|defined|chosen|picked|tuned|set up|driven)\s+by\s+(the\s+|our\s+)?[\w&' -]{0,30}\b(team|teams|partners|folks|legal|product|infra|platform|stakeholders|business|function|owners?)\b",
    r"\b(product|business|legal|policy|leadership|management|stakeholders?|finance|marketing|workforce[- ]planning)\s+(decision|call|question|choice)\b",
    r"\bhand(ed|ing|s)?\s+(it|that|this|those|these)(\s+[\w-]+)?\s+(off\s+|over\s+)?to\s+(the\s+)?([\w-]+\s+)?(team|teams|them|folks|partners|stakeholders|business|product|infra|platform)\b",
    r"\b(is|are|'s)\s+(really|fundamentally|basically|mostly|just|more)?\s*(a|an)\s+(serving|infra|infrastructure|product|engineering|ops|platform|data engineering)\s+(problem|question|concern|issue|call|decision|matter)\b",
    r"\binputs?\s+from\s+(them|the\s+[\w-]+\s+team)\b",
    // "n't" has no word boundary before it ("wouldn't").
    r"(\bnot|n't|n’t)\s+(want\s+to\s+)?(be\s+)?prescriptive\b",
    r"\b(legal|privacy|security|compliance|analytics|data|product|policy|trust and safety|platform|infra|finance|clinical|medical)\s+(team|teams|folks|people|colleagues|group|side|leads?)?\s*(will|would|can|should|to)\s+(review|decide|tell us|give us|advise|confirm|sign off|work out|figure|own|handle|choose|define|set|agree|approve)\b",
    r"\b(is|are)\s+something\s+(that\s+)?(legal|product|leadership|the\s+[\w-]+\s+team|[\w-]+\s+team|[\w-]+\s+and\s+(the\s+)?[\w-]+\s+team)\b",
    r"\b(set up|form|convene|start)\s+a\s+(working group|committee|task force|steering group)\b",
    r"\blet\s+the\s+[\w-]+(\s+[\w-]+)?\s+(team|owners?|folks|people|business)\s+(decide|define|choose|pick|handle|own|optimi[sz]e|tune|sort|figure|deal with|work out)\w*",
    r"\b(standard|usual)\s+(techniques|patterns|playbook|tooling)\s+for\s+(that|this|it)\b",
];

/// Putting a topic off without saying what will be done.
const PUT_OFF: &[&str] = &[
    "later",
    "later on",
    "after launch",
    "after we launch",
    "after the launch",
    "post launch",
    "post-launch",
    "down the road",
    "down the line",
    "in the future",
    "eventually",
    "at some point",
    "phase two",
    "phase 2",
    "second phase",
    "future phase",
    "once we launch",
    "once launched",
    "if needed",
    "as needed",
    "if necessary",
    "when needed",
    "when necessary",
    "if time permits",
    "nice to have",
    "revisit",
    "out of scope",
];

/// Waving a need away: a sentence that says something is not needed, is
/// fine as it is, or is already handled names the topic without saying how
/// the design meets it (and is the usual shape of a confident mistake).
const DISMISS: &[&str] = &[
    "is fine",
    "are fine",
    "is good enough",
    "are good enough",
    "already covers",
    "already cover",
    "already handles",
    "already handled",
    "already solved",
    "no need",
    "not needed",
    "isn't needed",
    "aren't needed",
    "is not needed",
    "don't need",
    "doesn't need",
    "do not need",
    "does not need",
    "without any correction",
    "averaged out",
    "averages out",
    "won't matter",
    "doesn't matter",
    "does not matter",
    "not worth",
    "no problem",
    "not a problem",
    "not a concern",
    "nice to have",
];

/// Words that show a sentence rejects an idea ("accuracy is misleading at
/// this base rate", "rather than a random split").
const VETO: &[&str] = &[
    "misleading",
    "mislead",
    "meaningless",
    "useless",
    "wrong",
    "mistake",
    "trap",
    "pitfall",
    "naive",
    "naively",
    "beware",
    "instead of",
    "rather than",
    "avoid",
    "never",
    "inflate",
    "inflated",
    "inflates",
    "overstate",
    "overstates",
    "overestimate",
    "leak",
    "leaks",
    "leakage",
    "unless",
    "tempting",
    "fooled",
    "flatter",
    "flatters",
    "bad idea",
    "problem with",
    "sanity check",
    "illusion",
    "overfit",
    "optimistic",
    "tells us nothing",
    "tell us nothing",
    "says nothing",
    "say nothing",
    "means nothing",
    "says little",
    "no better than",
    "approving everything",
    "approve everyone",
    "approve everything",
    "predicting nothing",
    "exclude",
    "excluded",
    "excluding",
    "leave out",
    "left out",
    "stay out",
    "stays out",
    "keep out",
    "kept out",
    "not as",
];

/// Adds the markers to a scorer being compiled.
pub fn add(c: &mut Compiled) {
    for (list, owner) in [
        (HAND_OFF, Owner::HandOff),
        (PUT_OFF, Owner::PutOff),
        (DISMISS, Owner::Dismiss),
        (VETO, Owner::Veto(None)),
    ] {
        let owner = c.owner(owner);
        for phrase in list {
            c.matcher.add_phrase(&mut c.lexicon, phrase, owner);
        }
    }
    let owner = c.owner(Owner::HandOff);
    for pattern in HAND_OFF_PATTERNS {
        c.matcher.add_pattern(pattern, owner);
    }
}
