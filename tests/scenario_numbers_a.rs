//! The numbers five scenarios state must agree with each other wherever a
//! formula links them: counts against rates, losses against costs, the
//! rules' accuracy against their decline rate, break-even points against
//! the costs that set them, capacity against volume. Each check reads the
//! numbers from the shipped text (context, facts, curveballs, emphasis,
//! examples, exemplar), so an edit that changes one number without the
//! others fails here.
//!
//! Scenarios: fraud-detection, spam-email, credit-risk, harmful-content,
//! churn-prediction.

#[path = "support/numbers.rs"]
mod numbers;

use numbers::*;

const SECONDS_PER_DAY: f64 = 86_400.0;
const DAYS_PER_MONTH: f64 = 30.0;

#[test]
fn fraud_numbers_add_up() {
    let s = scenario("fraud-detection");
    let volume = fact(&s, "volume");
    let n = num(
        volume,
        r"about ([\d.]+) million card transactions a month",
        "volume",
    ) * 1e6;
    let n_ctx = num(&s.context, r"about ([\d.]+) million card", "context volume") * 1e6;
    near("volume in context and facts", n_ctx, n, 0.0);
    let avg_tps = num(
        volume,
        r"roughly ([\d,]+) a second on average",
        "average rate",
    );
    let peak_tps = num(volume, r"up to about ([\d,]+) a second", "peak rate");
    near(
        "average payments a second",
        avg_tps,
        n / (DAYS_PER_MONTH * SECONDS_PER_DAY),
        0.05,
    );
    assert!(peak_tps > avg_tps, "the peak must exceed the average");

    let rate = fact(&s, "fraud-rate");
    let p = num(
        rate,
        r"about ([\d.]+)% of transactions turn out",
        "fraud rate",
    ) / 100.0;
    let p_ctx = num(
        &s.context,
        r"about ([\d.]+)% of transactions",
        "context fraud rate",
    ) / 100.0;
    near("fraud rate in context and facts", p_ctx, p, 0.0);
    let frauds = num(rate, r"roughly ([\d,]+) a month", "fraud count");
    near("frauds a month = volume x rate", frauds, n * p, 0.01);
    let p_value = num(
        rate,
        r"by value it's higher, about ([\d.]+)%",
        "fraud share by value",
    ) / 100.0;
    let avg_fraud = num(
        rate,
        r"averages about ([\d,]+) euros",
        "average fraud ticket",
    );
    let avg_all = num(rate, r"against about ([\d,]+) euros", "average ticket");
    near(
        "fraud share by value = rate x fraud ticket / average ticket",
        p_value,
        p * avg_fraud / avg_all,
        0.05,
    );

    let costs = fact(&s, "error-costs");
    let amount = num(
        costs,
        r"the amount, about ([\d,]+) euros",
        "missed fraud amount",
    );
    near(
        "missed fraud amount = average fraud ticket",
        amount,
        avg_fraud,
        0.0,
    );
    let fee = num(
        costs,
        r"plus a ([\d,]+) euro chargeback fee",
        "chargeback fee",
    );
    let false_decline = num(
        costs,
        r"false decline at about ([\d,]+) euros",
        "false decline",
    );
    let missed = amount + fee;
    let ex = &s.exemplar;
    near(
        "exemplar: cost of a missed fraud",
        num(
            ex,
            r"costs about ([\d,]+) euros including the chargeback fee",
            "exemplar missed fraud",
        ),
        missed,
        0.0,
    );
    let fp_fn = example(&s, "fp-fn-cost");
    near(
        "fp-fn-cost example: missed fraud",
        num(fp_fn, r"about ([\d,]+) against", "example missed fraud"),
        missed,
        0.0,
    );
    near(
        "fp-fn-cost example: false decline",
        num(fp_fn, r"against ([\d,]+) euros", "example false decline"),
        false_decline,
        0.0,
    );
    // "roughly ten times"
    near(
        "missed fraud vs false decline ratio",
        10.0,
        missed / false_decline,
        0.15,
    );

    // Declining beats approving once p * missed > (1 - p) * false_decline.
    let break_even = false_decline / (missed + false_decline);
    rounds_to(
        "exemplar: break-even fraud probability for a decline (%)",
        num(ex, r"passes about ([\d.]+)%", "exemplar break-even"),
        100.0 * break_even,
        0.5,
    );
    // A 3-D Secure challenge: stops a share of fraud, loses a share of
    // genuine customers (priced like a false decline). It is the cheaper
    // action over a middle band that contains the decline break-even.
    let step_up = fact(&s, "step-up");
    let stops = num(
        step_up,
        r"stops about (\d+)% of fraud",
        "challenge stop rate",
    ) / 100.0;
    let abandon = num(
        step_up,
        r"about (\d+)% of genuine customers abandon",
        "abandonment",
    ) / 100.0;
    near(
        "exemplar: one genuine customer in ten abandons",
        0.1,
        abandon,
        0.0,
    );
    let challenge_over_approve =
        abandon * false_decline / (abandon * false_decline + stops * missed);
    let decline_over_challenge = (1.0 - abandon) * false_decline
        / ((1.0 - abandon) * false_decline + (1.0 - stops) * missed);
    assert!(
        challenge_over_approve < break_even && break_even < decline_over_challenge,
        "the challenge band ({challenge_over_approve:.3}..{decline_over_challenge:.3}) must contain the decline break-even {break_even:.3}"
    );

    // The rules: decline rate, share of fraud caught by count and by value.
    let rules = fact(&s, "current-rules");
    let d = num(
        rules,
        r"decline about ([\d.]+)% of all transactions",
        "decline rate",
    ) / 100.0;
    let caught_value = num(rules, r"around (\d+)% of fraud by value", "caught by value") / 100.0;
    let caught_count = num(rules, r"about (\d+)% by count", "caught by count") / 100.0;
    let reviewed = num(
        rules,
        r"review about ([\d,]+) of them a day",
        "reviews a day",
    );
    let capacity = num(
        fact(&s, "review-capacity"),
        r"at most ([\d,]+) cases a day",
        "review capacity",
    );
    assert!(
        reviewed <= capacity,
        "reviews today exceed the stated capacity"
    );
    near(
        "exemplar: analysts' capacity",
        num(
            ex,
            r"take at most ([\d,]+) cases a day",
            "exemplar capacity",
        ),
        capacity,
        0.0,
    );
    let declines = d * n;
    let caught = caught_count * frauds;
    let good_declined = declines - caught;
    let missed_frauds = frauds - caught;
    let accuracy = 1.0 - (good_declined + missed_frauds) / n;
    // With a decline rate d and a fraud rate p < d, at least d - p of all
    // payments are good ones declined: accuracy cannot exceed 1 - (d - p).
    let bound = 1.0 - (d - p);
    let claimed = num(
        curveball(&s, "already-accurate"),
        r"already ([\d.]+)% accurate",
        "claimed accuracy",
    );
    assert!(
        claimed / 100.0 <= bound,
        "the rules' claimed accuracy {claimed}% exceeds the {:.2}% bound",
        100.0 * bound
    );
    rounds_to(
        "claimed accuracy vs derived",
        claimed,
        100.0 * accuracy,
        0.5,
    );
    near(
        "exemplar: good payments declined a month",
        num(
            ex,
            r"around ([\d,]+) good payments declined",
            "exemplar good declines",
        ),
        good_declined,
        0.005,
    );
    near(
        "exemplar: frauds stopped a month",
        num(
            ex,
            r"to stop about ([\d,]+) frauds",
            "exemplar frauds stopped",
        ),
        caught,
        0.005,
    );
    near(
        "exemplar: fraud value a month (million euros)",
        num(
            ex,
            r"roughly ([\d.]+) million euros of fraud value",
            "exemplar fraud value",
        ),
        frauds * avg_fraud / 1e6,
        0.01,
    );
    rounds_to(
        "exemplar: the rules' accuracy",
        num(ex, r"and the rules about (\d+)%", "exemplar rules accuracy"),
        100.0 * accuracy,
        0.5,
    );
    near(
        "exemplar: accuracy of approving everything",
        num(ex, r"already scores ([\d.]+)%", "exemplar approve-all"),
        100.0 * (1.0 - p),
        0.0001,
    );
    near(
        "class-distribution example: accuracy of approving everything",
        num(
            example(&s, "class-distribution"),
            r"looks ([\d.]+)% accurate",
            "example approve-all",
        ),
        100.0 * (1.0 - p),
        0.0001,
    );
    near(
        "emphasis: one payment in N is fraud",
        num(
            emphasis(&s, "class-imbalance"),
            r"one payment in (\d+)",
            "one in N",
        ),
        1.0 / p,
        0.01,
    );

    // Losses today and the target.
    let success = fact(&s, "success-target");
    let losses = (1.0 - caught_value) * frauds * avg_fraud + missed_frauds * fee;
    near(
        "losses a month (million euros)",
        num(
            success,
            r"lose about ([\d.]+) million euros a month",
            "losses",
        ),
        losses / 1e6,
        0.02,
    );
    let cut = num(success, r"cutting those losses by (\d+)%", "loss cut") / 100.0;
    let needed = 1.0 - (1.0 - cut) * (1.0 - caught_value);
    rounds_to(
        "exemplar: share of fraud value to catch (%)",
        num(
            ex,
            r"catching roughly (\d+)% of fraud value",
            "exemplar target share",
        ),
        100.0 * needed,
        1.0,
    );
    let max_decline = num(success, r"above today's ([\d.]+)%", "decline cap") / 100.0;
    near(
        "the decline cap is today's decline rate",
        max_decline,
        d,
        0.0,
    );
    near(
        "business-translation: ten points of fraud value a month (euros)",
        1e6,
        0.10 * frauds * avg_fraud,
        0.1,
    );
    assert!(
        flat(example(&s, "business-translation"))
            .contains("ten more points of fraud value saves about a million euros"),
        "business-translation example changed: update this check"
    );
    // "a tenfold Black Friday spike fits": the stated peak is within it.
    assert!(peak_tps <= 10.0 * avg_tps);
    near(
        "capacity example: requests per second",
        num(
            example(&s, "capacity"),
            r"near (\d+) requests per second",
            "example rate",
        ),
        avg_tps,
        0.0,
    );
}

#[test]
fn spam_numbers_add_up() {
    let s = scenario("spam-email");
    let inbound = num(&s.context, r"about ([\d.]+) billion inbound", "inbound") * 1e9;
    let blocked = num(
        &s.context,
        r"Roughly (\d+)% of inbound traffic is already rejected",
        "blocked",
    ) / 100.0;
    let mailboxes = num(&s.context, r"with (\d+) million mailboxes", "mailboxes") * 1e6;
    let volume = fact(&s, "volume");
    let filtered = num(
        volume,
        r"about ([\d,]+) million reach content filtering",
        "filtered",
    ) * 1e6;
    near(
        "filtered = inbound x (1 - blocked)",
        filtered,
        inbound * (1.0 - blocked),
        0.001,
    );
    let avg = num(
        volume,
        r"about ([\d,]+) a second on average",
        "average rate",
    );
    let peak = num(volume, r"peaking at ([\d,]+) a second", "peak rate");
    near(
        "messages a second on average",
        avg,
        filtered / SECONDS_PER_DAY,
        0.01,
    );
    assert!(peak > avg);

    let base = fact(&s, "base-rate");
    let spam_share = num(base, r"about (\d+)% are spam", "spam share") / 100.0;
    let phishing_share = num(base, r"Of those, (\d+)% are phishing", "phishing share") / 100.0;
    near(
        "class-distribution example: phishing share of filtered mail (%)",
        num(
            example(&s, "class-distribution"),
            r"about ([\d.]+)% of all filtered mail",
            "phishing of all",
        ),
        100.0 * spam_share * phishing_share,
        0.001,
    );
    let legit = filtered * (1.0 - spam_share);
    let current = fact(&s, "current-system");
    let caught = num(current, r"catch about (\d+)% of spam", "spam caught") / 100.0;
    let fp_now = num(
        current,
        r"with ([\d.]+)% of legitimate mail in spam",
        "FP rate today",
    ) / 100.0;
    let target = num(
        fact(&s, "error-costs"),
        r"under ([\d.]+)% of legitimate mail",
        "FP target",
    ) / 100.0;
    let lost_now = legit * fp_now;
    near(
        "pain-point example: genuine emails in spam a day",
        num(
            example(&s, "pain-point"),
            r"about ([\d,]+) genuine emails a day",
            "example lost",
        ),
        lost_now,
        0.001,
    );
    near(
        "exemplar: good messages misfiled a day",
        num(
            &s.exemplar,
            r"about ([\d,]+) good messages a day",
            "exemplar lost",
        ),
        lost_now,
        0.001,
    );
    near(
        "business-translation example: fewer lost emails a day",
        num(
            example(&s, "business-translation"),
            r"about ([\d,]+) fewer lost emails",
            "fewer lost",
        ),
        legit * (fp_now - target),
        0.01,
    );

    // Reports can only come from users who click, who are under 5% of
    // users in a month; with mail spread evenly over mailboxes, the spam
    // they report in a day cannot exceed the missed spam their share of
    // mailboxes receives, and likewise for "not spam" on misfiled mail.
    let labels = fact(&s, "labels");
    let spam_clicks = num(
        labels,
        r#""report spam" about ([\d,]+) times a day"#,
        "spam clicks",
    );
    let on_subscriptions = 1.0 / 3.0; // "roughly a third of it on newsletters"
    assert!(flat(labels).contains("roughly a third of it on newsletters"));
    let not_spam_clicks = num(
        labels,
        r#""not spam" about ([\d,]+) times a day"#,
        "not-spam clicks",
    );
    let clickers = num(
        labels,
        r"Fewer than (\d+)% of users click",
        "clicking users",
    ) / 100.0;
    let missed_spam = filtered * spam_share * (1.0 - caught);
    assert!(
        spam_clicks * (1.0 - on_subscriptions) <= missed_spam * clickers,
        "spam reports on real spam ({}) exceed the missed spam reaching clicking users ({})",
        spam_clicks * (1.0 - on_subscriptions),
        missed_spam * clickers
    );
    assert!(
        not_spam_clicks <= lost_now * clickers,
        "not-spam clicks exceed the misfiled mail reaching clicking users"
    );
    assert!(clickers * mailboxes > 0.0);
    let reviewers = num(labels, r"team of (\d+) reviewers", "reviewers");
    let reviewed = num(
        labels,
        r"label about ([\d,]+) messages a day",
        "reviewed a day",
    );
    // At most about one message a minute over an eight-hour day each.
    assert!(
        reviewed / reviewers <= 480.0,
        "reviewers label more than one message a minute"
    );

    // The monthly labelled sample and the 0.1% rate it must measure.
    let sample = num(current, r"random sample of ([\d,]+) messages", "sample");
    assert!(sample <= DAYS_PER_MONTH * reviewed);
    let legit_in_sample = sample * (1.0 - spam_share);
    let ex = &s.exemplar;
    near(
        "exemplar: legitimate messages in the monthly sample",
        num(
            ex,
            r"holds about ([\d,]+) legitimate messages",
            "exemplar legit sample",
        ),
        legit_in_sample,
        0.0,
    );
    near(
        "exemplar: errors at the target rate",
        num(ex, r"rests on about (\d+) errors", "exemplar errors"),
        legit_in_sample * target,
        0.0,
    );
    // Capacity: text model CPU time x peak rate = cores.
    let ms = num(ex, r"costs (\d+) ms of CPU per message", "text model cost");
    near(
        "exemplar: cores at peak",
        num(ex, r"needs about (\d+) cores", "cores"),
        peak * ms / 1000.0,
        0.0,
    );
    near(
        "capacity example: cores at peak",
        num(
            example(&s, "capacity"),
            r"needs roughly (\d+) cores",
            "example cores",
        ),
        peak * ms / 1000.0,
        0.0,
    );
}

#[test]
fn credit_numbers_add_up() {
    let s = scenario("credit-risk");
    let volumes = fact(&s, "volumes");
    let apps = num(
        volumes,
        r"About ([\d,]+) applications a month",
        "applications",
    );
    let approval = num(volumes, r"(\d+)% approved today", "approval rate") / 100.0;
    let loans = num(volumes, r"roughly ([\d,]+) new loans", "new loans");
    near(
        "loans = applications x approval",
        loans,
        apps * approval,
        0.0,
    );
    near(
        "context: loans a month",
        num(
            &s.context,
            r"issuing about ([\d,]+) unsecured",
            "context loans",
        ),
        loans,
        0.0,
    );
    near(
        "context: applications a month",
        num(
            &s.context,
            r"from roughly ([\d,]+) applications",
            "context applications",
        ),
        apps,
        0.0,
    );
    let hist_apps = num(
        volumes,
        r"([\d.]+) million applications",
        "history applications",
    ) * 1e6;
    let hist_loans = num(volumes, r"([\d.]+) million booked loans", "history loans") * 1e6;
    // Over the history the booked share is close to today's approval rate…
    rounds_to(
        "booked share of applications (%)",
        100.0 * approval,
        100.0 * hist_loans / hist_apps,
        2.0,
    );
    // …and volumes that tripled linearly average two thirds of today's.
    assert!(flat(volumes).contains("seven years of history, during which volumes roughly tripled"));
    near(
        "average applications a month over seven years",
        hist_apps / 84.0,
        apps * 2.0 / 3.0,
        0.05,
    );
    let reject = fact(&s, "reject-inference");
    near(
        "approved share in the reject-inference fact",
        num(reject, r"the (\d+)% we approved", "approved share") / 100.0,
        approval,
        0.0,
    );
    near(
        "declined share",
        num(reject, r"For the (\d+)% we declined", "declined share") / 100.0,
        1.0 - approval,
        0.0,
    );

    let bad = num(
        fact(&s, "default-definition"),
        r"bad rate is about ([\d.]+)%",
        "bad rate",
    );
    let bad_before = num(
        fact(&s, "default-definition"),
        r"it was ([\d.]+)% two years ago",
        "bad rate before",
    );
    let target = num(
        fact(&s, "success"),
        r"bad rate back under ([\d.]+)%",
        "target bad rate",
    );
    assert!(
        bad_before < target && target < bad,
        "the target must lie between then and now"
    );
    near(
        "class-distribution example: approve-everyone accuracy",
        num(
            example(&s, "class-distribution"),
            r"is ([\d.]+)% accurate",
            "approve-all",
        ),
        100.0 - bad,
        0.0001,
    );

    let econ = fact(&s, "economics");
    let margin = num(econ, r"A good loan earns about GBP ([\d,]+)", "margin");
    let loss = num(econ, r"a default loses about GBP ([\d,]+)", "loss");
    let ratio = loss / margin;
    assert!(
        (5.5..6.0).contains(&ratio),
        "'nearly six good loans' needs a ratio just under six, got {ratio:.2}"
    );
    // Approving pays while PD x loss < (1 - PD) x margin.
    let break_even = margin / (margin + loss);
    rounds_to(
        "exemplar: break-even default probability (%)",
        num(
            &s.exemplar,
            r"break-even near (\d+)%",
            "exemplar break-even",
        ),
        100.0 * break_even,
        0.5,
    );
    assert!(flat(emphasis(&s, "fp-fn-cost")).contains("one-in-seven chance of default"));
    near("one chance in seven", 1.0 / 7.0, break_even, 0.05);
    let bt = example(&s, "business-translation");
    let per_point = loans / 100.0;
    near(
        "business-translation: defaults per point of bad rate",
        num(bt, r"about (\d+) defaults", "defaults per point"),
        per_point,
        0.0,
    );
    rounds_to(
        "business-translation: losses per point (GBP million)",
        num(bt, r"roughly GBP (\d+) million", "losses per point"),
        per_point * loss / 1e6,
        0.5,
    );

    let success = fact(&s, "success");
    let gini = num(success, r"Gini of ([\d.]+)", "gini");
    let auc = num(success, r"an AUC of ([\d.]+)", "auc");
    near("Gini = 2 AUC - 1", gini, 2.0 * auc - 1.0, 0.001);

    let latency = fact(&s, "latency");
    let end_to_end = num(latency, r"within (\d+) seconds end to end", "end to end");
    let bureau = num(
        latency,
        r"bureau call alone takes about ([\d.]+) seconds",
        "bureau call",
    );
    assert!(bureau < end_to_end);
    let peak = num(
        latency,
        r"About (\d+) applications a minute at peak",
        "peak",
    );
    let avg = num(latency, r"around (\d+) a minute on average", "average");
    rounds_to(
        "applications a minute on average",
        avg,
        apps / (DAYS_PER_MONTH * 24.0 * 60.0),
        0.5,
    );
    assert!(peak > avg);

    let uw = fact(&s, "underwriters");
    // The count is written as a word.
    assert!(
        flat(uw).starts_with("Twelve underwriters"),
        "update the underwriter count here"
    );
    let underwriters = 12.0;
    assert!(flat(&s.exemplar).contains("the twelve underwriters"));
    let cases = num(
        uw,
        r"about ([\d,]+) grey-zone applications a month",
        "cases",
    );
    let per_day = num(uw, r"roughly (\d+) a day each", "per day");
    // Between 20 and 22 working days a month.
    let per_month = cases / underwriters;
    assert!(
        per_month / 22.0 <= per_day && per_day <= per_month / 20.0,
        "{per_day} a day each does not match {per_month} a month"
    );

    let pricing = fact(&s, "pricing");
    let low = num(pricing, r"from (\d+)% to", "lowest APR");
    let high = num(pricing, r"to (\d+)% APR", "highest APR");
    let apr = num(econ, r"at (\d+)% APR", "average APR");
    assert!(
        low <= apr && apr <= high,
        "the average APR must lie within the bands"
    );
    let take_low = num(
        pricing,
        r"about (\d+)% take the offer",
        "take-up lowest band",
    );
    let take_high = num(
        pricing,
        r"about (\d+)% in the highest",
        "take-up highest band",
    );
    assert!(take_low > take_high);
    let consent = num(
        fact(&s, "data-sources"),
        r"for the (\d+)% who consent",
        "consent share",
    );
    near(
        "ablation example: share without open banking",
        num(
            example(&s, "ablations"),
            r"the (\d+)% of applicants who don't consent",
            "no consent",
        ),
        100.0 - consent,
        0.0,
    );
}

#[test]
fn harmful_content_numbers_add_up() {
    let s = scenario("harmful-content");
    let volume = fact(&s, "volume");
    let posts = num(volume, r"About (\d+) million new posts a day", "posts") * 1e6;
    let text = num(volume, r"(\d+)% text only", "text share");
    let images = num(volume, r"(\d+)% with images", "image share");
    let video = num(volume, r"(\d+)% short video", "video share");
    near("shares add to 100%", text + images + video, 100.0, 0.0);
    let avg = num(
        volume,
        r"about (\d+) posts a second on average",
        "average rate",
    );
    let peak = num(
        volume,
        r"around ([\d,]+) a second in the evening",
        "peak rate",
    );
    near(
        "posts a second on average",
        avg,
        posts / SECONDS_PER_DAY,
        0.02,
    );
    assert!(peak > avg);
    let ex = &s.exemplar;
    near(
        "exemplar: share of posts with images or video",
        num(ex, r"(\d+)% of posts carry images or video", "media share"),
        images + video,
        0.0,
    );
    near(
        "exemplar: videos a day (million)",
        num(ex, r"The ([\d.]+) million videos a day", "videos"),
        posts * video / 100.0 / 1e6,
        0.0,
    );

    let prevalence = fact(&s, "prevalence");
    let p = num(
        prevalence,
        r"Around ([\d.]+)% of posts violate",
        "prevalence",
    ) / 100.0;
    near(
        "violating posts a day",
        num(prevalence, r"about ([\d,]+) a day", "violating a day"),
        posts * p,
        0.0,
    );
    near(
        "class-distribution example: keep-everything accuracy",
        num(
            example(&s, "class-distribution"),
            r"already be ([\d.]+)% accurate",
            "keep-all",
        ),
        100.0 * (1.0 - p),
        0.0001,
    );

    let mods = fact(&s, "moderators");
    let moderators = num(mods, r"([\d,]+) moderators review", "moderators");
    let reviewed = num(mods, r"review about ([\d,]+) items a day", "reviewed");
    let reports = num(
        mods,
        r"report about ([\d.]+) million posts a day",
        "reports",
    ) * 1e6;
    let report_precision = num(
        mods,
        r"only about (\d+)% of reported posts",
        "report precision",
    ) / 100.0;
    // Violating reported posts cannot outnumber violating posts.
    assert!(
        reports * report_precision <= posts * p,
        "more violating reports than violating posts"
    );
    // At most about one item a minute over an eight-hour day each.
    assert!(reviewed / moderators <= 480.0);
    assert!(
        reviewed < reports,
        "the story is that moderators can't keep up with reports"
    );

    let languages = fact(&s, "languages");
    let english = num(languages, r"(\d+)% are English", "english share");
    assert!(flat(&red_flag_text(&s, "english-only-model")).contains("Four posts in ten"));
    near("non-English share", 40.0, 100.0 - english, 0.0);

    let cap = example(&s, "capacity");
    near(
        "capacity example: posts a second",
        num(cap, r"roughly (\d+) a second", "example rate"),
        avg,
        0.0,
    );
    assert!(flat(cap).contains("about a thousand at the evening peak"));
    near("evening peak", peak, 1000.0, 0.0);
}

#[test]
fn churn_numbers_add_up() {
    let s = scenario("churn-prediction");
    let postpaid = num(&s.context, r"with (\d+) million postpaid", "postpaid") * 1e6;
    let prepaid = num(&s.context, r"and (\d+) million prepaid", "prepaid") * 1e6;
    let subs = fact(&s, "subscribers");
    near(
        "subscribers fact: postpaid",
        num(subs, r"(\d+) million postpaid", "postpaid") * 1e6,
        postpaid,
        0.0,
    );
    near(
        "subscribers fact: prepaid",
        num(subs, r"(\d+) million prepaid", "prepaid") * 1e6,
        prepaid,
        0.0,
    );

    let def = fact(&s, "churn-definition");
    let monthly = num(def, r"([\d.]+)% for postpaid", "postpaid monthly churn") / 100.0;
    near(
        "context: postpaid monthly churn",
        num(
            &s.context,
            r"Monthly churn is ([\d.]+)% for postpaid",
            "context churn",
        ) / 100.0,
        monthly,
        0.0,
    );
    let leavers = num(def, r"about ([\d,]+) people a month", "leavers a month");
    near("postpaid leavers a month", leavers, postpaid * monthly, 0.0);
    near(
        "exemplar: postpaid leavers a month",
        num(
            &s.exemplar,
            r"1\.8% a month, about ([\d,]+) people",
            "exemplar leavers",
        ),
        leavers,
        0.0,
    );
    near(
        "class-distribution example: nobody-leaves accuracy",
        num(
            example(&s, "class-distribution"),
            r"is ([\d.]+)% accurate",
            "nobody leaves",
        ),
        100.0 * (1.0 - monthly),
        0.0001,
    );

    // Both the rule's hit rate and the control test are 30-day figures,
    // comparable with the monthly rate.
    let rule = fact(&s, "current-rule");
    let flagged = num(
        rule,
        r"flags about ([\d,]+) postpaid customers a month",
        "flagged",
    );
    let called_churn = num(
        rule,
        r"([\d.]+)% of the customers we call churn within 30 days",
        "rule hit rate",
    ) / 100.0;
    assert!(flat(rule).contains("three times the 1.8% monthly rate"));
    near("the rule's lift", 3.0, called_churn / monthly, 0.01);
    let uplift_fact = fact(&s, "uplift");
    let share_uncalled = num(
        uplift_fact,
        r"(\d+)% of the customers the rule flagged",
        "uncalled share",
    ) / 100.0;
    let months = 3.0;
    assert!(flat(uplift_fact).contains("for three months"));
    let no_call = num(
        uplift_fact,
        r"Within 30 days ([\d.]+)% of that no-call group",
        "no-call churn",
    ) / 100.0;
    let called = num(
        uplift_fact,
        r"against ([\d.]+)% of the customers we called",
        "called churn",
    ) / 100.0;
    near("called churn in both facts", called, called_churn, 0.0);
    let uplift = no_call - called;
    near(
        "uplift in points",
        num(uplift_fact, r"saved only ([\d.]+) points", "uplift points"),
        100.0 * uplift,
        0.001,
    );

    let cap = fact(&s, "capacity");
    let calls = num(cap, r"make about ([\d,]+) retention calls a month", "calls");
    assert!(
        flagged <= calls,
        "the rule flags more than the agents can call"
    );
    let agent_cost = num(cap, r"A call costs about EUR (\d+)", "agent cost");
    let accept = num(
        cap,
        r"about (\d+)% of the customers we call accept",
        "acceptance",
    ) / 100.0;
    let offer = num(cap, r"costs on average EUR (\d+)", "offer cost");
    let value = num(cap, r"worth about EUR (\d+)", "customer value");
    let call_cost = agent_cost + accept * offer;
    let ex = &s.exemplar;
    near(
        "exemplar: cost of a call",
        num(
            ex,
            r"each call costs about EUR ([\d.]+)",
            "exemplar call cost",
        ),
        call_cost,
        0.0,
    );
    near(
        "fp-fn-cost example: cost of a call",
        num(
            example(&s, "fp-fn-cost"),
            r"worth about EUR ([\d.]+)",
            "example call cost",
        ),
        call_cost,
        0.0,
    );
    rounds_to(
        "exemplar: break-even uplift in points",
        num(ex, r"by roughly ([\d.]+) points", "break-even uplift"),
        100.0 * call_cost / value,
        0.05,
    );
    let saves = flagged * uplift;
    near(
        "exemplar: customers kept by today's calls",
        num(ex, r"calls keep about (\d+) customers", "saves"),
        saves,
        0.001,
    );
    near(
        "exemplar: margin kept (EUR)",
        num(ex, r"some EUR ([\d,]+) of margin", "margin kept"),
        saves * value,
        0.01,
    );
    near(
        "exemplar: spent on calls (EUR)",
        num(ex, r"for roughly EUR ([\d,]+) spent", "spent"),
        flagged * call_cost,
        0.01,
    );
    let bt = example(&s, "business-translation");
    near(
        "business-translation: saves",
        num(bt, r"keep about (\d+) subscribers", "bt saves"),
        saves,
        0.001,
    );
    near(
        "business-translation: margin",
        num(bt, r"roughly EUR ([\d,]+) of margin", "bt margin"),
        saves * value,
        0.01,
    );
    near(
        "business-translation: cost",
        num(bt, r"costing about EUR ([\d,]+)", "bt cost"),
        flagged * call_cost,
        0.01,
    );
    // The control test's size and how many of it churned.
    let uncalled = flagged * share_uncalled * months;
    near(
        "exemplar: uncalled customers in the test",
        num(ex, r"about ([\d,]+) uncalled customers", "uncalled"),
        uncalled,
        0.0,
    );
    near(
        "exemplar: uncalled customers who churned",
        num(ex, r"of whom roughly (\d+) churned", "uncalled churned"),
        uncalled * no_call,
        0.0,
    );
    // "fewer than half as many calls as there are monthly postpaid leavers"
    assert!(
        flat(&red_flag_text(&s, "catch-every-churner")).contains("fewer than half as many calls")
    );
    assert!(calls < leavers / 2.0);
    let opted_out = num(
        fact(&s, "privacy"),
        r"about (\d+)% of postpaid customers opted out",
        "opt-out",
    );
    near(
        "exemplar: opted-out share",
        num(ex, r"The (\d+)% who opted out", "exemplar opt-out"),
        opted_out,
        0.0,
    );
    assert!(key_point_text(&s, "call-budget-value").contains("few hundred euros"));
}
