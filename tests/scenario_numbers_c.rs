//! The numbers five scenarios state add up: feed ranking, video
//! recommendation, People You May Know, product search and speech
//! recognition. Each check reads the numbers from the scenario's own texts
//! (context, facts, examples, exemplar, red flags), so an edit that changes
//! one number without the others fails here, and an edit that rewords a fact
//! so its number can no longer be found fails with the pattern it looked for.

#[path = "support/numbers.rs"]
mod numbers;

use mlsd_coach::core::content::Scenario;
use numbers::{fact, scenario};
use regex::Regex;

/// Every text of a scenario an answer or the client can state a number in.
fn all_text(s: &Scenario) -> String {
    let mut t = vec![s.prompt.clone(), s.context.clone(), s.exemplar.clone()];
    t.extend(s.facts.iter().map(|f| f.answer.clone()));
    t.extend(s.examples.iter().map(|e| e.text.clone()));
    t.extend(
        s.key_points
            .iter()
            .flat_map(|k| [k.why.clone(), k.example.clone()]),
    );
    t.extend(s.red_flags.iter().map(|f| f.why.clone()));
    t.extend(s.emphasis.iter().map(|e| e.why.clone()));
    t.join("\n")
}

/// "1,500" → 1500, "4 billion" → 4e9, "0.8" → 0.8.
fn parse(number: &str, scale: Option<&str>) -> f64 {
    let n: f64 = number
        .replace(',', "")
        .parse()
        .unwrap_or_else(|_| panic!("not a number: {number}"));
    let k = match scale.map(str::to_ascii_lowercase).as_deref() {
        Some("thousand") | Some("k") => 1e3,
        Some("million") => 1e6,
        Some("billion") => 1e9,
        Some("quadrillion") => 1e15,
        _ => 1.0,
    };
    n * k
}

/// The number captured by `pattern` (group 1 the number, optional group 2
/// a scale word) in `text`, which must contain it.
fn num(what: &str, text: &str, pattern: &str) -> f64 {
    try_num(text, pattern).unwrap_or_else(|| panic!("{what}: no match for /{pattern}/ in:\n{text}"))
}

fn try_num(text: &str, pattern: &str) -> Option<f64> {
    let re = Regex::new(&format!("(?i){pattern}")).expect("pattern");
    let c = re.captures(text)?;
    Some(parse(&c[1], c.get(2).map(|m| m.as_str())))
}

/// Every number captured by `pattern` anywhere in `text`.
fn all_nums(text: &str, pattern: &str) -> Vec<f64> {
    let re = Regex::new(&format!("(?i){pattern}")).expect("pattern");
    re.captures_iter(text)
        .map(|c| parse(&c[1], c.get(2).map(|m| m.as_str())))
        .collect()
}

const N: &str = r"(\d[\d,]*(?:\.\d+)?)";
const SCALE: &str = r"(?:\s*(thousand|million|billion|quadrillion))?";

fn close(what: &str, stated: f64, derived: f64, tolerance: f64) {
    let rel = (stated - derived).abs() / derived.abs().max(f64::EPSILON);
    assert!(
        rel <= tolerance,
        "{what}: stated {stated}, but the other numbers give {derived:.1} ({:.0}% off, at most {:.0}% allowed)",
        rel * 100.0,
        tolerance * 100.0
    );
}

fn peak_to_mean(what: &str, peak: f64, mean: f64) {
    let r = peak / mean;
    assert!(
        (1.5..=4.0).contains(&r),
        "{what}: peak {peak}/s is {r:.1}x the mean {mean}/s; a daily cycle gives about 1.5-4x"
    );
}

const DAY: f64 = 86_400.0;

#[test]
fn feed_ranking_traffic_and_impressions_add_up() {
    let s = scenario("feed-ranking");
    let scale = fact(&s, "scale");
    let dau = num(
        "daily users",
        scale,
        &format!(r"{N}{SCALE} daily active users"),
    );
    let opens = num(
        "opens a day",
        scale,
        &format!(r"open the app about {N} times a day"),
    );
    let requests = num(
        "requests a day",
        scale,
        &format!(r"{N}{SCALE} feed requests a day"),
    );
    close(
        "feed requests a day = users x opens",
        requests,
        dau * opens,
        0.05,
    );
    let mean = num(
        "mean rate",
        scale,
        &format!(r"about {N} a second on average"),
    );
    close("mean requests a second", mean, requests / DAY, 0.05);
    let peak = num(
        "peak rate",
        scale,
        &format!(r"around {N} a second at the evening peak"),
    );
    peak_to_mean("feed requests", peak, mean);
    let candidates = num("candidates", scale, &format!(r"{N} candidate posts"));

    let signals = fact(&s, "signals");
    let impressions = num("impressions", signals, &format!(r"{N}{SCALE} impressions"));
    let per_request = impressions / requests;
    let depth = num(
        "scroll depth",
        fact(&s, "position-bias"),
        &format!(r"scroll past {N} posts"),
    );
    assert!(
        (3.0..=depth).contains(&per_request),
        "feed-ranking: {per_request:.1} impressions per feed request, beyond the scroll depth of {depth}"
    );
    let like = num("like rate", signals, &format!(r"{N}% get a like"));
    let comment = num("comment rate", signals, &format!(r"{N}% a comment"));
    let share = num("share rate", signals, &format!(r"{N}% a share"));
    assert!(
        share < comment && comment < like,
        "feed-ranking: shares < comments < likes"
    );

    // Derived capacity figures wherever an answer states them.
    let text = all_text(&s);
    let first_pass = peak * candidates;
    for stated in all_nums(
        &text,
        &format!(r"{N}{SCALE} (?:first-pass scores|posts) a second"),
    ) {
        close(
            "first-pass scores a second = peak x candidates",
            stated,
            first_pass,
            0.05,
        );
    }
}

#[test]
fn video_recommendation_traffic_catalogue_and_events_add_up() {
    let s = scenario("video-recommendation");
    let scale = fact(&s, "scale");
    let dau = num(
        "daily users",
        scale,
        &format!(r"{N}{SCALE} daily active users"),
    );
    let mau = num(
        "monthly users",
        &s.context,
        &format!(r"{N}{SCALE} monthly active users"),
    );
    assert!(
        dau < mau,
        "video-recommendation: more daily than monthly users"
    );
    let loads = num(
        "home loads",
        scale,
        &format!(r"{N}{SCALE} home-screen loads a day"),
    );
    let per_user = loads / dau;
    assert!(
        (1.0..=20.0).contains(&per_user),
        "video-recommendation: {per_user:.1} home-screen loads per daily user"
    );
    let mean = num(
        "mean rate",
        scale,
        &format!(r"about {N} requests a second on average"),
    );
    close("mean requests a second", mean, loads / DAY, 0.05);
    let peak = num("peak rate", scale, &format!(r"peaking at {N} a second"));
    peak_to_mean("home-screen requests", peak, mean);

    let catalogue = num(
        "catalogue",
        &s.context,
        &format!(r"catalogue of {N}{SCALE} videos"),
    );
    let uploads = num("uploads", &s.context, &format!(r"{N}{SCALE} uploads a day"));
    let uploads_fact = num(
        "uploads (fact)",
        fact(&s, "cold-start"),
        &format!(r"{N}{SCALE} videos are uploaded a day"),
    );
    close(
        "uploads a day in context and fact",
        uploads_fact,
        uploads,
        0.0,
    );
    let years = catalogue / uploads / 365.0;
    assert!(
        (1.0..=20.0).contains(&years),
        "video-recommendation: the catalogue is {years:.1} years of uploads"
    );
    let active = num(
        "active videos",
        scale,
        &format!(r"about {N}{SCALE} of them"),
    );
    assert!(active < catalogue);

    let tiles = num("tiles", &s.context, &format!(r"shows {N} tiles"));
    let events = num(
        "events",
        fact(&s, "interaction-logs"),
        &format!(r"{N}{SCALE} events a day"),
    );
    assert!(
        events >= loads * tiles,
        "video-recommendation: {events} events a day cannot hold {loads} loads x {tiles} tile impressions"
    );

    let candidates = num(
        "ranked candidates",
        &s.exemplar,
        &format!(r"scores the top {N}"),
    );
    for stated in all_nums(
        &all_text(&s),
        &format!(r"{N}{SCALE} (?:scores|videos) a second"),
    ) {
        close(
            "ranker scores a second = peak x candidates",
            stated,
            peak * candidates,
            0.05,
        );
    }
}

#[test]
fn people_you_may_know_degrees_and_funnel_add_up() {
    let s = scenario("people-you-may-know");
    let scale = fact(&s, "scale");
    let members = num("members", scale, &format!(r"^{N}{SCALE} members"));
    let monthly = num(
        "monthly actives",
        scale,
        &format!(r"{N}{SCALE} monthly active"),
    );
    let daily = num("daily actives", scale, &format!(r"{N}{SCALE} daily"));
    assert!(daily < monthly && monthly < members);
    let edges = num(
        "connections",
        scale,
        &format!(r"{N}{SCALE} connections, each counted once"),
    );
    let mean = num(
        "mean degree",
        scale,
        &format!(r"mean member has about {N} connections"),
    );
    // Each connection is counted once and has two ends.
    close(
        "mean degree = 2 x connections / members",
        mean,
        2.0 * edges / members,
        0.02,
    );
    let median = num(
        "median degree",
        scale,
        &format!(r"median member has {N} connections"),
    );
    assert!(
        median < mean,
        "people-you-may-know: median degree {median} must sit below the mean {mean} in a right-skewed degree distribution"
    );
    let cap = num("connection cap", scale, &format!(r"reached the {N} cap"));
    assert!(cap > 100.0 * mean);
    for stated in all_nums(
        &all_text(&s),
        &format!(r"(?:about|a mean of about) {N} connections"),
    ) {
        close("mean degree wherever it is stated", stated, mean, 0.0);
    }

    let funnel = fact(&s, "funnel");
    let shown = num(
        "suggestions shown",
        funnel,
        &format!(r"{N}{SCALE} suggestions shown a day"),
    );
    let invite_rate = num(
        "invite rate",
        funnel,
        &format!(r"{N}% of\s+suggestions shown get an invite"),
    ) / 100.0;
    let accept_rate = num(
        "accept rate",
        funnel,
        &format!(r"{N}% of invites are accepted"),
    ) / 100.0;
    let invites = num(
        "invites a day",
        funnel,
        &format!(r"about {N}{SCALE} invites"),
    );
    let accepted = num(
        "connections a day",
        funnel,
        &format!(r"{N}{SCALE} new connections a day"),
    );
    close(
        "invites = shown x invite rate",
        invites,
        shown * invite_rate,
        0.02,
    );
    close(
        "new connections = invites x accept rate",
        accepted,
        invites * accept_rate,
        0.02,
    );
    let per_year = accepted * 365.0 / edges;
    assert!(
        per_year < 0.5,
        "people-you-may-know: the module alone would grow the graph {:.0}% a year",
        per_year * 100.0
    );

    // Stored candidate lists: actives x candidates each, ~12 bytes a row.
    let text = all_text(&s);
    if let Some(rows) = try_num(&text, &format!(r"{N}{SCALE} rows")) {
        let each = num(
            "candidates kept",
            &text,
            &format!(r"keeping about {N} candidates each"),
        );
        close(
            "rows = monthly actives x candidates",
            rows,
            monthly * each,
            0.02,
        );
        let gb = num(
            "list size",
            &text,
            &format!(r"(?:roughly|about) {N} (?:gigabytes|GB)"),
        );
        close("list size at ~12 bytes a row", gb * 1e9, rows * 12.0, 0.15);
    }
    if let Some(pairs) = try_num(&text, &format!(r"about {N}{SCALE} pairs")) {
        close(
            "member pairs = n^2 / 2",
            pairs,
            members * members / 2.0,
            0.1,
        );
    }
}

#[test]
fn product_search_traffic_inventory_and_sales_add_up() {
    let s = scenario("product-search-marketplace");
    let scale = fact(&s, "scale");
    let searches = num(
        "searches a day",
        scale,
        &format!(r"{N}{SCALE} searches a day"),
    );
    let mean = num(
        "mean qps",
        scale,
        &format!(r"about {N} queries per second on average"),
    );
    close("mean queries per second", mean, searches / DAY, 0.05);
    let peak = num("peak qps", scale, &format!(r"{N} at the\s+evening peak"));
    peak_to_mean("searches", peak, mean);

    // Little's law: stock = inflow x time on the market.
    let listings = num(
        "active listings",
        scale,
        &format!(r"{N}{SCALE} active listings"),
    );
    let context_listings = num(
        "listings (context)",
        &s.context,
        &format!(r"{N}{SCALE} active listings"),
    );
    close(
        "active listings in context and fact",
        context_listings,
        listings,
        0.0,
    );
    let new_per_day = num(
        "new listings",
        scale,
        &format!(r"{N}{SCALE} new listings a day"),
    );
    let weeks = num("time on market", scale, &format!(r"within {N} weeks"));
    close(
        "listings = new a day x days on the market",
        listings,
        new_per_day * weeks * 7.0,
        0.1,
    );

    let logs = fact(&s, "logs");
    let rate = num(
        "purchase rate",
        logs,
        &format!(r"about {N}% of searches lead to a purchase"),
    ) / 100.0;
    let sales = num("sales a day", logs, &format!(r"roughly {N}{SCALE}\s+sales"));
    close(
        "sales = searches x purchase rate",
        sales,
        searches * rate,
        0.02,
    );
    let price = num(
        "average sale",
        fact(&s, "success"),
        &format!(r"average sale is about EUR {N}"),
    );
    let gmv = num("GMV a day", logs, &format!(r"EUR {N}{SCALE} of GMV a day"));
    close("GMV = sales x average sale", gmv, sales * price, 0.02);

    let latency = fact(&s, "latency");
    let total = num("total budget", latency, &format!(r"(?:within|in) {N} ms"));
    let ranking = num("ranking budget", latency, &format!(r"take {N} ms"));
    assert!(ranking < total);
    let candidates = num(
        "ranked candidates",
        latency,
        &format!(r"top\s+{N}\s+candidates"),
    );
    for stated in all_nums(
        &all_text(&s),
        &format!(r"{N}{SCALE} listing(?:s| scores) a second"),
    ) {
        close(
            "ranker scores a second = peak x candidates",
            stated,
            peak * candidates,
            0.05,
        );
    }
}

#[test]
fn speech_recognition_audio_hours_and_budget_add_up() {
    let s = scenario("speech-recognition");
    let usage = fact(&s, "usage");
    let requests = num(
        "requests a day",
        usage,
        &format!(r"{N}{SCALE} voice requests a day"),
    );
    let cars = num("cars", &s.context, &format!(r"{N}{SCALE} connected cars"));
    let per_car = requests / cars;
    assert!(
        (0.5..=20.0).contains(&per_car),
        "speech-recognition: {per_car:.1} requests per car a day"
    );
    let seconds = num(
        "seconds per request",
        usage,
        &format!(r"{N} seconds of audio"),
    );
    let hours = num(
        "hours a day",
        usage,
        &format!(r"{N}{SCALE} hours of speech a day"),
    );
    close(
        "hours a day = requests x seconds / 3600",
        hours,
        requests * seconds / 3600.0,
        0.05,
    );

    let audio = fact(&s, "audio-data");
    let share = num("opt-in share", audio, &format!(r"about {N}% of them")) / 100.0;
    let opted_daily = num(
        "opted-in hours a day",
        audio,
        &format!(r"roughly {N} hours of audio a\s+day"),
    );
    close(
        "opted-in hours a day = hours x opt-in share",
        opted_daily,
        hours * share,
        0.05,
    );
    let months = num("months kept", audio, &format!(r"keep {N} months"));
    let kept = num("hours kept", audio, &format!(r"about {N}{SCALE} hours"));
    close(
        "hours kept = opted-in hours a day x days kept",
        kept,
        opted_daily * months * 365.0 / 12.0,
        0.05,
    );

    let cost = fact(&s, "transcription-cost");
    let per_hour = num("cost per hour", cost, &format!(r"about EUR {N} per hour"));
    let budget = num("budget", cost, &format!(r"budget is\s+EUR {N}"));
    let affordable = num("hours the budget buys", cost, &format!(r"about {N} hours"));
    close(
        "hours bought = budget / cost per hour",
        affordable,
        budget / per_hour,
        0.02,
    );
    assert!(
        affordable < kept / 10.0,
        "speech-recognition: the budget should force a sample"
    );

    let text = all_text(&s);
    if let Some(all) = try_num(&text, &format!(r"about EUR {N}{SCALE} against")) {
        close("cost of transcribing everything", all, kept * per_hour, 0.1);
    }
    for stated in all_nums(&text, &format!(r"about {N}{SCALE} hours of audio\s+daily")) {
        close("cloud hours a day", stated, hours, 0.05);
    }
}
