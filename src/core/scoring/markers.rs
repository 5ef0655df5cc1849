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
    "defer to",
    "route to",
    "route them to",
    "route that to",
    "guide us",
];

/// Hand-offs phrased around who owns the work or the decision ("the growth
/// team is better placed to handle", "that's really a product decision",
/// "owned by the platform team", "I'd hand that segment to them").
const HAND_OFF_PATTERNS: &[&str] = &[
    r"\b(someone|somebody)\s+else\s+(will|can|should|could|would|to|has to|needs to)\b",
    r"\b(to|for|with)\s+(someone|somebody)\s+else\b",
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

/// "Later" that puts the work off ("we'd add that later", "leave it for a
/// later phase"), not later that says when something happens ("an outcome
/// that arrives later", "confirmed weeks later").
const PUT_OFF_PATTERNS: &[&str] = &[
    r"\b(for|until|till|to)\s+later\b",
    r"\blater\s+(phase|stage|iteration|version|release|milestone|sprint|quarter|step)\b",
    r"\b(do|does|doing|handle|handled|add|added|address|tackle|deal with|worry about|think about|look at|look into|consider|figure|decide|decided|come back to|get to|cover|covered|sort|tune|tuned|revisit|explore|investigate|optimi[sz]e|build|bring in|layer|plug in|work out|discuss|define|defined|set|added|introduce|refine)\b[^.;:]{0,40}\blater\b",
    r"\blater\s*,?\s*(we|i|you|they)\s*('ll|will|can|could|might|may|would|'d)\b",
    r"\b(we|i|you|they)\s*('ll|will|can|could|might|may|would|'d|shall)\s+[^.;:]{0,50}\blater\b",
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

/// Hedging: the sentence names a topic but commits to nothing about it
/// ("maybe hourly, maybe streaming", "whether we replace the rules or run
/// alongside them is a judgement for later", "it depends on what the
/// business prioritises"). One hedge is a style; an answer made of them
/// has decided nothing.
const HEDGE: &[&str] = &[
    "it depends",
    "either way",
    "some kind of",
    "some sort of",
    "something like that",
    "look into",
    "looking into",
    "worth exploring",
    "worth considering",
    "worth looking at",
    "open question",
    "hard to say",
    "judgement call",
    "judgment call",
    "case by case",
    "interesting question",
    "before deciding",
    "before settling",
    "know better",
    "want a say",
    "to be worked out",
    "keep it flexible",
    "keep the scope flexible",
    "keep our options open",
    "see how it goes",
    "see what works",
    "whichever performs best",
    "whichever works best",
    "whatever works best",
    "compare a few",
    "try a few",
    "i don't know yet",
    "don't know yet",
    "i don't know how",
    "i don't know whether",
    "i don't know which",
    "i don't know if",
    "not yet clear",
    "think about",
    "to figure out",
    "be figured out",
    "might make sense",
    "may make sense",
    "could make sense",
    "might be enough",
    "may be enough",
    "could be enough",
    "through experience",
    "trial and error",
    "remains to be seen",
    "once it's live",
    "once it is live",
    "once live",
    "want to understand",
    "weigh in",
    "i think",
    "i guess",
    "i suppose",
    "i'd imagine",
    "i would imagine",
    "i imagine",
    "i could imagine",
    "firm call",
    "firm calls",
    "lock that in",
    "lock it in",
    "lock this in",
    "put a number on",
    "as we go",
    "i'd hope",
    "i hope",
    "options too",
    "are options",
    "is an option",
    "out of experimentation",
    "and see which",
    "and see what",
    "keep in mind",
    "hard to know",
    "some combination",
    "wouldn't want to",
    "before making",
    "before picking",
    "before committing",
    "before choosing",
];

/// Hedges phrased around a choice left open ("whether we replace the rules
/// or run alongside them is a judgement we could make later").
const HEDGE_PATTERNS: &[&str] = &[
    // Single words exactly as written ("possible" is no hedge).
    r"\b(maybe|perhaps|possibly|probably|presumably|somehow|hopefully|unclear|defensible|debatable)\b",
    r"\b(i.m|i am|we.re|we are|i.d be)\s+(not sure|unsure|not certain)\b",
    r"(\bnot|n't|\bwithout|\bbefore)\s+(\w+\s+){0,2}commit(ting)?\s+to\b",
    r"\bdepend(s|ing)?\s+on\s+(what|whether|how|which|who|the business|the team|product|stakeholders|priorities|budget)\b",
    r"\bwhether\s+(we|to|it|they)\b[^.;]{0,90}\bor\b[^.;]{0,80}\b(is|remains|would be|depends|can be)\b",
    r"\bseems?\s+(likely|reasonable|sensible|plausible|like a (good|reasonable))\b",
    r"\b(should|would|could|might)\s+(probably\s+)?help\b",
    r"\b(reasonably|fairly|sufficiently)\s+(regular|often|frequent|fast|quick|accurate|good)\b",
    r"\b(something|a question|a trade[- ]?off|a decision|a judgement|a judgment)\s+(we|i)\s*('d|would|could|can|will|'ll)\s+(tune|decide|work out|figure out|settle|revisit|make|look at|explore|agree)\b",
    r"\b(might|could)\s+(consider|explore|want to|look at|try|think about)\b",
    r"\b(would|will|could)\s+(likely|presumably|probably)\s+\w+",
    r"\b(budget|cost|resourcing|priority|prioriti[sz]ation|headcount|roadmap)\s+(question|decision|call|discussion)\b",
    r"\bor\s+(some|a)\s+(mix|hybrid|combination|blend)\b",
    r"\b(is|are)\s+for\s+(the\s+)?[\w-]+(\s+[\w-]+)?\s+(team|leads?|people|folks|officer|committee)\s+to\s+(decide|define|set|choose|pick|judge)\b",
    r"\b(define|decide|agree|settle|work out|sort out|figure out)\s+(it\s+|that\s+|this\s+)?with\s+[^.;:]{0,40}\b(team|leads?|people|folks|officer|vendor|legal|stakeholders|lawyers)\b",
    r"\bleave\s+(it\s+|that\s+|this\s+)?to\s+(those\s+|the\s+)?(stakeholders|business|team|teams|legal|product|them)\b",
    r"\bonce\s+(the\s+[\w-]+\s+|it\s+|we\s+|the\s+new\s+[\w-]+\s+)?(is|are|'s|go|goes|get|gets|went)?\s*(in production|live|launched|deployed|shipped)\b",
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
    let owner = c.owner(Owner::PutOff);
    for pattern in PUT_OFF_PATTERNS {
        c.matcher.add_pattern(pattern, owner);
    }
    let owner = c.owner(Owner::HandOff);
    for pattern in HAND_OFF_PATTERNS {
        c.matcher.add_pattern(pattern, owner);
    }
    // Hedges count their small words ("i don't know yet" is not "know").
    let owner = c.owner(Owner::Hedge);
    for phrase in HEDGE {
        c.matcher.add_exact_phrase(&mut c.lexicon, phrase, owner);
    }
    for pattern in HEDGE_PATTERNS {
        c.matcher.add_pattern(pattern, owner);
    }
}
