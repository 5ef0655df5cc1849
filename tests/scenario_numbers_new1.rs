//! The numbers three scenarios state must agree with each other wherever a
//! formula links them: chats against answers and peak load, tokens times
//! price against the budget per answer, photos against index memory and
//! GPU time, searches against requests per second and prefix-index size.
//! Each check reads the numbers from the shipped text (context, facts,
//! examples, key point examples, exemplar) of the built-in pack, so an edit
//! that changes one number without the others fails here.
//!
//! Scenarios: rag-support-assistant, visual-search, query-autocomplete.

#[path = "support/numbers.rs"]
mod numbers;

use numbers::*;

#[test]
fn rag_chats_answers_and_peak_add_up() {
    let s = scenario("rag-support-assistant");
    let volume = fact(&s, "volume");
    let contacts = num(&s.context, r"([\d.]+) million contacts a month", "contacts") * 1e6;
    let chats = num(volume, r"chat is ([\d,]+) of the", "chats a month");
    assert!(
        s.context.contains("half of them are chats"),
        "context no longer says half the contacts are chats"
    );
    close(chats, contacts / 2.0, 0.001, "chats are half the contacts");
    let per_day = num(volume, r"about ([\d,]+) chats a day", "chats a day");
    close(
        per_day,
        chats / 30.0,
        0.01,
        "chats a day from chats a month",
    );
    let per_chat = num(
        volume,
        r"a chat has (\d+) customer questions",
        "questions per chat",
    );
    let answers = num(volume, r"about ([\d,]+) answers a day", "answers a day");
    close(answers, per_day * per_chat, 0.01, "answers a day");
    let peak_chats = num(
        volume,
        r"busiest hour of ([\d,]+) new chats",
        "peak chats an hour",
    );
    let peak_answers = num(
        volume,
        r"up to (\d+) answers a second",
        "peak answers a second",
    );
    close(
        peak_chats * per_chat / 3600.0,
        peak_answers,
        0.05,
        "peak answers a second",
    );

    let quality = fact(&s, "quality-signals");
    let graded = num(
        quality,
        r"about ([\d,]+) agent chats a month",
        "graded chats",
    );
    let share = num(quality, r"\((\d+)%\)", "graded share") / 100.0;
    close(
        graded,
        chats * share,
        0.01,
        "QA sample against monthly chats",
    );

    let coverage = fact(&s, "coverage");
    let parts = num(coverage, r"answers about (\d+)%", "answered by articles")
        + num(
            coverage,
            r"(\d+)% need the customer's own account",
            "need account data",
        )
        + num(coverage, r"(\d+)% need an agent to act", "need an agent");
    close(parts, 100.0, 0.0, "question types add up to 100%");
}

#[test]
fn rag_tokens_cost_and_savings_add_up() {
    let s = scenario("rag-support-assistant");
    let cost = fact(&s, "llm-cost");
    let price_in = num(cost, r"€([\d.]+) per million input tokens", "input price");
    let price_out = num(cost, r"€([\d.]+) per million output tokens", "output price");
    let budget = num(cost, r"under €([\d.]+) per answer", "budget per answer");
    let ex = &s.exemplar;
    let tokens_in = num(ex, r"about ([\d,]+) input tokens", "exemplar input tokens");
    let tokens_out = num(
        ex,
        r"about ([\d,]+) output tokens",
        "exemplar output tokens",
    );
    let per_answer = tokens_in * price_in / 1e6 + tokens_out * price_out / 1e6;
    assert!(
        per_answer < budget,
        "€{per_answer} per answer is over the €{budget} budget"
    );
    close(
        num(ex, r"roughly ([\d.]+) cents plus", "input cents") / 100.0,
        tokens_in * price_in / 1e6,
        0.01,
        "exemplar's input cents",
    );
    close(
        num(ex, r"cents plus ([\d.]+) cents", "output cents") / 100.0,
        tokens_out * price_out / 1e6,
        0.01,
        "exemplar's output cents",
    );
    // The key point's own example quotes the same token budget.
    let kp = key_point_example(&s, "tokens-and-latency");
    close(
        num(kp, r"about ([\d,]+) input tokens", "kp input tokens"),
        tokens_in,
        0.0,
        "kp tokens",
    );
    close(
        num(kp, r"plus ([\d,]+) output tokens", "kp output tokens"),
        tokens_out,
        0.0,
        "kp tokens",
    );

    let answers = num(
        fact(&s, "volume"),
        r"about ([\d,]+) answers a day",
        "answers a day",
    );
    let per_day = num(ex, r"about €([\d,]+) a day\.", "exemplar cost a day");
    close(
        per_day,
        answers * per_answer,
        0.1,
        "exemplar's LLM cost a day",
    );
    let per_month = num(ex, r"LLM cost near €([\d,]+)", "exemplar LLM cost a month");
    close(
        per_month,
        per_day * 30.0,
        0.01,
        "LLM cost a month from a day",
    );
    let capacity = example(&s, "capacity");
    close(
        num(
            capacity,
            r"costs about €([\d,]+) a day",
            "capacity example cost a day",
        ),
        per_day,
        0.0,
        "capacity example and exemplar agree on cost a day",
    );

    let chats = num(
        fact(&s, "volume"),
        r"chat is ([\d,]+) of the",
        "chats a month",
    );
    let agent_cost = num(
        &s.context,
        r"costs about €(\d+(?:\.\d+)?)",
        "agent chat cost",
    );
    let today = num(
        &s.context,
        r"resolves only (\d+)% of chats",
        "resolved today",
    ) / 100.0;
    let goal = num(
        fact(&s, "agents-and-goal"),
        r"goal is (\d+)% of chats",
        "goal",
    ) / 100.0;
    let fewer = num(
        ex,
        r"roughly ([\d,]+) fewer agent chats",
        "fewer agent chats",
    );
    close(
        fewer,
        (goal - today) * chats,
        0.001,
        "fewer agent chats a month",
    );
    close(
        num(
            ex,
            r"a month at \d+% resolution, about €([\d,]+)",
            "saving a month",
        ),
        fewer * agent_cost,
        0.001,
        "agent cost saved a month",
    );
    let point = example(&s, "business-translation");
    let per_point = num(
        point,
        r"saves about ([\d,]+) agent chats",
        "chats per point",
    );
    close(
        per_point,
        chats / 100.0,
        0.001,
        "chats per percentage point",
    );
    close(
        num(point, r"or €([\d,]+) a month", "saving per point"),
        per_point * agent_cost,
        0.001,
        "saving per percentage point",
    );

    let waiver = num(
        fact(&s, "wrong-answer-cost"),
        r"about €(\d+) on average",
        "waiver cost",
    );
    // Spelled out in words in the exemplar, so checked as text.
    assert!(
        flat(ex).contains(
            "one wrong fee promise in ten thousand answers is six a day, over €1,000 a day"
        ),
        "exemplar's wrong-promise arithmetic changed"
    );
    close(
        answers / 10_000.0,
        6.0,
        0.0,
        "one in ten thousand answers a day",
    );
    assert!(
        6.0 * waiver > 1000.0,
        "six waivers a day must exceed €1,000"
    );
    assert!(
        6.0 * waiver > per_day,
        "wrong promises must cost more than the LLM bill"
    );
}

#[test]
fn visual_index_gpu_and_labelling_add_up() {
    let s = scenario("visual-search");
    let catalogue = fact(&s, "catalogue");
    let listings = num(
        &s.context,
        r"list ([\d.]+) million active items",
        "listings",
    ) * 1e6;
    close(
        num(
            catalogue,
            r"([\d.]+) million active listings",
            "fact listings",
        ) * 1e6,
        listings,
        0.0,
        "context and facts agree on listings",
    );
    let photos = num(catalogue, r"about ([\d.]+) million photos", "photos") * 1e6;
    let per_listing = photos / listings;
    assert!(
        (3.0..=8.0).contains(&per_listing),
        "{per_listing} photos per listing is outside the stated 3 to 8"
    );

    let traffic = fact(&s, "traffic");
    let per_day = num(
        traffic,
        r"about ([\d,]+) photo searches a day",
        "searches a day",
    );
    let peak = num(traffic, r"about (\d+) searches a second", "peak");
    let ratio = peak / (per_day / 86_400.0);
    assert!(
        (2.0..=5.0).contains(&ratio),
        "peak-to-mean ratio {ratio:.1} is implausible"
    );

    let latency = fact(&s, "latency");
    let total = num(latency, r"within (\d) second", "end to end") * 1000.0;
    let upload = num(latency, r"takes about (\d+) ms", "upload");
    let show = num(latency, r"showing the results about (\d+) ms", "rendering");
    let server = num(latency, r"server has about (\d+) ms", "server budget");
    close(total - upload - show, server, 0.0, "server budget");
    let ex = &s.exemplar;
    let stages = num(ex, r"embedding around (\d+) ms", "detect+embed")
        + num(ex, r"index lookup about (\d+) ms", "lookup")
        + num(ex, r"re-ranking about (\d+) ms", "rerank");
    assert!(
        stages < server,
        "exemplar's stages ({stages} ms) exceed {server} ms"
    );

    let dims = num(ex, r"at (\d+) dimensions in float16", "dimensions");
    let bytes = num(ex, r"float16 are (\d+) bytes each", "bytes per vector");
    close(bytes, dims * 2.0, 0.0, "float16 bytes per vector");
    close(
        num(ex, r"(?:vectors|each), about (\d+) GB", "index GB"),
        photos * bytes / 1e9,
        0.03,
        "index size",
    );
    let node_ram = num(fact(&s, "compute"), r"(\d+) GB of RAM", "node RAM");
    assert!(
        photos * bytes / 1e9 < node_ram / 2.0,
        "index must leave room on one node"
    );
    let kp = key_point_example(&s, "ann-index");
    close(
        num(kp, r"float16 are about (\d+) GB", "kp GB"),
        photos * bytes / 1e9,
        0.03,
        "kp GB",
    );

    let per_gpu = num(
        fact(&s, "compute"),
        r"about (\d+) images a second",
        "GPU throughput",
    );
    let gpu_hours = photos / per_gpu / 3600.0;
    close(
        num(ex, r"about (\d+) GPU-hours", "exemplar GPU-hours"),
        gpu_hours,
        0.02,
        "backfill",
    );
    let gpus = 8.0;
    assert!(
        ex.contains("overnight job on eight GPUs"),
        "exemplar's GPU count changed"
    );
    assert!(
        gpu_hours / gpus < 12.0,
        "backfill on eight GPUs is not overnight"
    );
    let capacity = example(&s, "capacity");
    let new_per_day = num(
        catalogue,
        r"about ([\d,]+) listings are added every day",
        "new",
    );
    close(
        num(
            capacity,
            r"about (\d+) GPU-minutes a day",
            "daily GPU-minutes",
        ),
        new_per_day * per_listing / per_gpu / 60.0,
        0.03,
        "daily embedding of new listings",
    );
    close(
        num(capacity, r"about (\d+) GPU-hours", "capacity GPU-hours"),
        gpu_hours,
        0.02,
        "capacity example backfill",
    );

    let vendor = fact(&s, "annotation");
    let price = num(vendor, r"€([\d.]+) per judgement", "price per judgement");
    let budget = num(
        vendor,
        r"about ([\d,]+) judgements a year",
        "judgements a year",
    );
    let beta = num(
        fact(&s, "user-photos"),
        r"produced ([\d,]+) photos",
        "beta photos",
    );
    let eval_photos = num(ex, r"take ([\d,]+) beta photos", "eval photos");
    assert!(
        eval_photos <= beta,
        "more evaluation photos than the beta produced"
    );
    let top = num(ex, r"judge the top (\d+) results", "results judged");
    assert!(
        ex.contains("three raters each"),
        "exemplar's rater count changed"
    );
    let judgements = eval_photos * top * 3.0;
    close(
        num(ex, r"which is ([\d,]+) judgements", "judgements"),
        judgements,
        0.0,
        "judgements",
    );
    close(
        num(ex, r"or about €([\d,]+) per round", "round cost"),
        judgements * price,
        0.0,
        "cost of one round",
    );
    assert!(
        judgements <= budget,
        "one round exceeds the yearly labelling budget"
    );
}

#[test]
fn autocomplete_requests_logs_and_index_add_up() {
    let s = scenario("query-autocomplete");
    let volume = fact(&s, "volume");
    let per_month = num(
        &s.context,
        r"handles (\d+) million searches a month",
        "searches",
    ) * 1e6;
    close(
        num(volume, r"(\d+) million searches a month", "fact searches") * 1e6,
        per_month,
        0.0,
        "context and facts agree on searches",
    );
    close(
        num(volume, r"about (\d+) million a day", "searches a day") * 1e6,
        per_month / 30.0,
        0.0,
        "searches a day",
    );
    let requests = num(
        volume,
        r"about (\d+) million suggestion requests a day",
        "requests",
    ) * 1e6;
    let mean = num(volume, r"roughly ([\d,]+) a second on average", "mean rate");
    close(mean, requests / 86_400.0, 0.02, "mean requests a second");
    let peak = num(
        volume,
        r"([\d,]+) a second at the evening peak",
        "evening peak",
    );
    let black_friday = num(volume, r"([\d,]+) a second on Black Friday", "Black Friday");
    assert!(
        mean < peak && peak < black_friday,
        "peaks must rise above the mean"
    );

    let logs = fact(&s, "query-logs");
    let years = 2.0;
    assert!(logs.contains("two years of query logs"), "log span changed");
    close(
        num(logs, r"about ([\d.]+) billion searches", "logged searches") * 1e9,
        per_month * 12.0 * years,
        0.0,
        "two years of searches",
    );

    let ex = &s.exemplar;
    let queries = 10e6;
    assert!(flat(ex).contains("the top ten million queries at up to ten new prefixes each"));
    let prefixes = num(ex, r"is (\d+) million prefixes", "prefixes") * 1e6;
    close(prefixes, queries * 10.0, 0.0, "prefixes");
    assert!(
        flat(ex).contains("twenty 4-byte ids per prefix"),
        "ids per prefix changed"
    );
    let gb = num(ex, r"per prefix is (\d+) GB", "index GB");
    close(gb, prefixes * 20.0 * 4.0 / 1e9, 0.0, "prefix index size");
    let capacity = example(&s, "capacity");
    close(
        num(capacity, r"With (\d+) GB", "capacity GB"),
        gb,
        0.0,
        "capacity example GB",
    );
    close(
        num(capacity, r"\((\d+) million prefixes", "capacity prefixes") * 1e6,
        prefixes,
        0.0,
        "capacity example prefixes",
    );
    close(
        num(
            capacity,
            r"Black Friday's ([\d,]+) requests",
            "capacity Black Friday",
        ),
        black_friday,
        0.0,
        "capacity example Black Friday",
    );

    let logged_in = num(
        fact(&s, "context-signals"),
        r"(\d+)% of searches come from logged-in",
        "",
    );
    close(
        num(
            ex,
            r"Logged-out customers, (\d+)% of searches",
            "logged out share",
        ),
        100.0 - logged_in,
        0.0,
        "logged-out share",
    );
    let current = fact(&s, "current-performance");
    close(
        num(ex, r"type ([\d.]+) of about", "characters typed"),
        num(current, r"type ([\d.]+) characters", "characters typed"),
        0.0,
        "characters typed",
    );
    let share = r"(\d+)% of searches start from a suggestion";
    close(
        num(ex, share, "share"),
        num(current, share, "share"),
        0.0,
        "suggestion share",
    );
    close(
        num(ex, r"about (\d+) characters", "query length"),
        num(current, r"of a (\d+)-character query", "query length"),
        0.0,
        "query length",
    );
}
