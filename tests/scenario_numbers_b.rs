//! The numbers five scenarios state must agree with each other wherever a
//! formula links them: keyers against invoice volume, PPV against the
//! radiologists' trust threshold, peak against mean traffic, costs against
//! budgets. Each check reads the numbers from the shipped text (facts,
//! context, curveballs, examples, exemplar), so an edit that changes one
//! number without the others fails here.
//!
//! Scenarios: eta-prediction, demand-forecasting, ads-ctr,
//! medical-imaging-triage, document-understanding.

#[path = "support/numbers.rs"]
mod numbers;

use numbers::*;
use regex::Regex;

#[test]
fn eta_orders_requests_and_costs_add_up() {
    let s = scenario("eta-prediction");
    let volume = fact(&s, "volume");
    let per_week = num(volume, r"([\d.]+) million orders a week", "orders a week") * 1e6;
    assert_eq!(
        per_week,
        num(
            &s.context,
            r"([\d.]+) million orders a week",
            "context orders"
        ) * 1e6,
        "context and facts disagree on weekly orders"
    );
    let per_day = num(volume, r"about ([\d,]+) a day", "orders a day");
    close(per_day, per_week / 7.0, 0.02, "orders a day = weekly / 7");
    let mean_per_min = num(
        volume,
        r"average of about ([\d,]+) a minute",
        "mean a minute",
    );
    close(
        mean_per_min,
        per_week / (7.0 * 24.0 * 60.0),
        0.03,
        "mean orders a minute",
    );
    let peak_per_min = num(
        volume,
        r"peaking at ([\d,]+) orders a minute",
        "peak a minute",
    );
    let order_peak_ratio = peak_per_min / mean_per_min;
    assert!(
        (2.0..=6.0).contains(&order_peak_ratio),
        "order peak is {order_peak_ratio:.1}x the mean"
    );

    // List-page calls peak like orders do, and the exemplar's capacity
    // figure is peak calls times restaurants per call.
    let requests = fact(&s, "eta-requests");
    let calls_per_day = num(
        requests,
        r"about ([\d.]+) million list calls a day",
        "calls a day",
    ) * 1e6;
    let per_call = num(
        requests,
        r"up to ([\d,]+) restaurants",
        "restaurants per call",
    );
    let peak_calls = num(
        requests,
        r"peaking at about ([\d,]+) calls a second",
        "peak calls",
    );
    let call_peak_ratio = peak_calls / (calls_per_day / 86_400.0);
    assert!(
        (2.0..=6.0).contains(&call_peak_ratio)
            && (call_peak_ratio / order_peak_ratio - 1.0).abs() < 0.5,
        "list-call peak is {call_peak_ratio:.1}x its mean, orders {order_peak_ratio:.1}x"
    );
    assert_eq!(
        per_call,
        num(
            fact(&s, "latency"),
            r"up to ([\d,]+) restaurants",
            "restaurants in latency fact"
        )
    );
    for text in [s.exemplar.as_str(), example(&s, "capacity")] {
        assert_eq!(
            num(
                text,
                r"([\d,]+) list calls a second",
                "capacity: peak calls"
            ),
            peak_calls
        );
        assert_eq!(
            num(
                text,
                r"([\d,]+) predictions a second",
                "capacity: predictions"
            ),
            peak_calls * per_call
        );
    }

    // Expected refund on a very late order, and the order economics.
    let cost = fact(&s, "asymmetric-cost");
    let refund_share = num(cost, r"about ([\d.]+)% of the time", "refund share") / 100.0;
    let refund = num(cost, r"averaging EUR ([\d.]+)", "refund size");
    let expected = num(
        &s.exemplar,
        r"about ([\d.]+) euros per such order",
        "expected refund",
    );
    close(
        expected,
        refund_share * refund,
        0.01,
        "expected refund per very late order",
    );
    let econ = fact(&s, "order-economics");
    close(
        num(econ, r"roughly EUR ([\d.]+) per order", "kept per order"),
        num(econ, r"basket is EUR ([\d.]+)", "basket")
            * num(econ, r"about ([\d.]+)% commission", "commission")
            / 100.0,
        0.01,
        "commission per order",
    );

    // The exemplar quotes today's error and sets a goal below it.
    let current = fact(&s, "current-error");
    let mae = num(current, r"mean absolute error of ([\d.]+) minutes", "MAE");
    let late = num(
        current,
        r"([\d.]+)% of orders arrive more than 10 minutes",
        "late share",
    );
    assert!(mae < num(current, r"median delivery of ([\d.]+) minutes", "median"));
    assert_eq!(
        num(&s.exemplar, r"off by ([\d.]+) minutes", "exemplar MAE"),
        mae
    );
    assert_eq!(
        num(
            &s.exemplar,
            r"and ([\d.]+)% of orders arrive",
            "exemplar late share"
        ),
        late
    );
    assert!(num(&s.exemplar, r"under ([\d.]+)% with conversion flat", "goal") < late);
}

#[test]
fn demand_series_waste_and_batch_window_add_up() {
    let s = scenario("demand-forecasting");
    let stores = num(&s.context, r"runs ([\d,]+) supermarkets", "stores");
    let products = num(
        &s.context,
        r"about ([\d,]+) products each",
        "products per store",
    );
    let scale = fact(&s, "scale");
    assert_eq!(stores, num(scale, r"^([\d,]+) stores", "stores in fact"));
    assert_eq!(
        products,
        num(scale, r"about ([\d,]+) products each", "products in fact")
    );
    let series = num(
        scale,
        r"about ([\d.]+) million store-product series",
        "series",
    ) * 1e6;
    close(
        series,
        stores * products,
        0.03,
        "series = stores x products",
    );
    let horizon = num(scale, r"next ([\d]+) days", "horizon");
    let nightly = num(
        scale,
        r"about ([\d,]+) million numbers every night",
        "forecasts a night",
    ) * 1e6;
    close(
        nightly,
        series * horizon,
        0.06,
        "nightly forecasts = series x horizon",
    );
    close(
        num(
            example(&s, "capacity"),
            r"some ([\d,]+) million forecasts",
            "capacity example",
        ) * 1e6,
        series * horizon,
        0.06,
        "capacity example forecasts",
    );

    // Fresh economics: what we pay plus the margin is the shelf price, and
    // the waste figures follow from the sales.
    let costs = fact(&s, "costs");
    let paid = num(costs, r"about ([\d.]+)% of the shelf price", "cost share") / 100.0;
    let margin = num(costs, r"loses the ([\d.]+)% margin", "margin") / 100.0;
    close(paid + margin, 1.0, 1e-9, "cost share + margin");
    let fresh_sales = num(costs, r"about EUR ([\d.]+) billion a year", "fresh sales") * 1e9;
    let waste_now = num(
        &s.context,
        r"waste is ([\d.]+)% of fresh sales",
        "waste share",
    ) / 100.0;
    close(
        num(costs, r"([\d.]+)% waste", "waste share in fact") / 100.0,
        waste_now,
        1e-9,
        "waste share in fact",
    );
    close(
        num(costs, r"about EUR ([\d.]+) million at shelf", "waste value") * 1e6,
        waste_now * fresh_sales,
        0.01,
        "waste value",
    );
    let success = fact(&s, "success");
    let waste_target = num(
        success,
        r"fresh waste from [\d.]+% to ([\d.]+)%",
        "waste target",
    ) / 100.0;
    let saved_shelf = num(
        &s.exemplar,
        r"([\d.]+) million euros of shelf value",
        "saved at shelf",
    ) * 1e6;
    close(
        saved_shelf,
        (waste_now - waste_target) * fresh_sales,
        0.01,
        "waste saving at shelf price",
    );
    close(
        num(
            &s.exemplar,
            r"about ([\d.]+) million at what we paid",
            "saved at cost",
        ) * 1e6,
        saved_shelf * paid,
        0.01,
        "waste saving at cost",
    );
    let availability = num(success, r"availability from ([\d.]+)%", "availability now");
    assert!(
        availability
            < num(
                success,
                r"availability from [\d.]+% to ([\d.]+)%",
                "availability target"
            )
    );

    // The nightly window fits the job; the curveball's shorter window does
    // not, so it really forces a change.
    let timing = fact(&s, "timing");
    let ready = num(
        timing,
        r"complete in the warehouse by ([\d]+):00",
        "data ready",
    );
    let due = num(timing, r"ordering screen by ([\d]+):00", "due");
    let window = due - ready;
    let job = num(
        example(&s, "capacity"),
        r"take about ([\d.]+) hours",
        "job hours",
    );
    assert!(
        job <= window,
        "job of {job} h does not fit the {window} h window"
    );
    let cb = curveball(&s, "deadline-earlier");
    let new_ready = num(cb, r"land at ([\d]+):00", "new data time");
    let new_due = num(cb, r"on screen by ([\d]+):00", "new due");
    assert_eq!(new_due, due, "the curveball keeps the screen deadline");
    assert!(
        new_due - new_ready < job,
        "the curveball's window must be too short for the job"
    );
    assert!(flat(cb).contains(&format!("{} batch window is now one hour", word(window))));
}

fn word(n: f64) -> &'static str {
    match n as u32 {
        1 => "one-hour",
        2 => "two-hour",
        3 => "three-hour",
        4 => "four-hour",
        5 => "five-hour",
        _ => "many-hour",
    }
}

#[test]
fn ads_rates_revenue_and_load_add_up() {
    let s = scenario("ads-ctr");
    let rate = fact(&s, "base-rate");
    let ctr = num(rate, r"rate is ([\d.]+)%", "average CTR") / 100.0;
    let mobile = num(rate, r"([\d.]+)% on mobile", "mobile CTR") / 100.0;
    let mobile_share = num(rate, r"which is ([\d.]+)% of impressions", "mobile share") / 100.0;
    let desktop = num(rate, r"([\d.]+)% on desktop", "desktop CTR") / 100.0;
    close(
        mobile_share * mobile + (1.0 - mobile_share) * desktop,
        ctr,
        0.005,
        "CTR mix",
    );

    let scale = fact(&s, "scale");
    let per_day = num(
        scale,
        r"about ([\d.]+) billion ad requests a day",
        "requests a day",
    ) * 1e9;
    let peak = num(scale, r"peaking at ([\d,]+) requests a second", "peak");
    let ratio = peak / (per_day / 86_400.0);
    assert!((1.5..=5.0).contains(&ratio), "peak is {ratio:.1}x the mean");
    let candidates = num(scale, r"roughly ([\d,]+) candidate ads", "candidates");
    assert_eq!(
        candidates,
        num(
            fact(&s, "latency"),
            r"score the ([\d,]+) candidates",
            "candidates in latency"
        )
    );
    assert!(
        num(
            fact(&s, "latency"),
            r"model gets ([\d]+) ms",
            "model budget"
        ) < num(fact(&s, "latency"), r"within ([\d]+) ms", "auction budget")
    );
    for text in [s.exemplar.as_str(), example(&s, "capacity")] {
        close(
            num(text, r"([\d.]+) million scores a second", "scores a second") * 1e6,
            peak * candidates,
            1e-9,
            "scores a second = peak x candidates",
        );
    }

    let revenue = fact(&s, "revenue");
    let spend = num(revenue, r"USD ([\d.]+) million a day", "spend") * 1e6;
    let clicks = num(revenue, r"about ([\d.]+) million clicks", "clicks") * 1e6;
    let cpc = num(revenue, r"average of ([\d.]+) cents", "CPC") / 100.0;
    close(clicks, per_day * ctr, 0.01, "clicks = requests x CTR");
    close(clicks * cpc, spend, 0.01, "spend = clicks x CPC");
    let per_point = num(
        revenue,
        r"about ([\d.]+)% more revenue",
        "revenue per 1% log loss",
    ) / 100.0;
    close(
        num(
            &s.exemplar,
            r"roughly ([\d,]+) dollars a day",
            "worth of 1%",
        ),
        spend * per_point,
        0.01,
        "value of a 1% log-loss gain",
    );
    let gain = num(
        curveball(&s, "log-loss-so-what"),
        r"improved by ([\d.]+)%",
        "gain",
    );
    // Relative log-loss gain in percent times revenue share per percent.
    let share = gain * per_point;
    assert_eq!(
        num(
            &s.exemplar,
            r"a ([\d.]+)% log-loss gain is worth",
            "exemplar gain"
        ),
        gain
    );
    close(
        num(
            &s.exemplar,
            r"log-loss gain is worth about ([\d.]+)% of revenue",
            "exemplar share",
        ) / 100.0,
        share,
        0.01,
        "share of revenue for the curveball's gain",
    );
    let bound = num(
        &s.exemplar,
        r"under ([\d,]+) dollars a day",
        "exemplar bound",
    );
    let value = spend * share;
    assert!(
        value < bound && bound - value < 0.2 * value,
        "{value} vs 'under {bound}'"
    );
}

#[test]
fn triage_ppv_trust_threshold_and_budgets_add_up() {
    let s = scenario("medical-imaging-triage");
    let volume = fact(&s, "volume");
    let per_day = num(
        volume,
        r"about ([\d,]+) chest x-rays a day",
        "studies a day",
    );
    assert_eq!(
        per_day,
        num(
            &s.context,
            r"about ([\d,]+) chest\s+x-rays a day",
            "context studies"
        )
    );
    assert_eq!(num(volume, r"([\d,]+) a year", "a year"), per_day * 365.0);
    let years = num(volume, r"archive holds ([\d]+) years", "archive years");
    let archive = num(volume, r"about ([\d.]+) million studies", "archive") * 1e6;
    assert!(
        archive <= years * per_day * 365.0,
        "archive larger than years x today's volume"
    );
    let daytime = num(volume, r"about ([\d.]+)% arrive between", "daytime share") / 100.0;
    let hours = num(volume, r"between (\d+):00", "from") - num(volume, r"and (\d+):00", "to");
    let peak_hour = daytime * per_day / hours.abs();
    for text in [s.exemplar.as_str(), example(&s, "capacity")] {
        assert_eq!(
            num(
                text,
                r"([\d,]+) an hour at the daytime peak",
                "peak an hour"
            ),
            peak_hour
        );
    }

    // Operating point: the sensitivity target and "fewer than one flag in
    // three is real" fix the false-flag budget and the specificity needed.
    let findings = fact(&s, "urgent-findings");
    let prevalence = num(
        findings,
        r"together about ([\d.]+)% of studies",
        "prevalence",
    ) / 100.0;
    let pneumo = num(findings, r"pneumothorax \(about ([\d.]+)%", "pneumothorax") / 100.0;
    assert!(pneumo < prevalence);
    let positives = per_day * prevalence;
    assert_eq!(
        num(findings, r"so about ([\d,]+) a day", "positives a day"),
        positives
    );
    let trust = fact(&s, "error-costs");
    assert!(
        flat(trust).contains("fewer than one flag in three turns out to be a real"),
        "the trust threshold changed: update this check"
    );
    let min_ppv = 1.0 / 3.0;
    let sensitivity = num(
        fact(&s, "success"),
        r"at least ([\d.]+)% sensitivity",
        "sensitivity",
    ) / 100.0;
    let tp = positives * sensitivity;
    let max_fp = tp * (1.0 / min_ppv - 1.0);
    let negatives = per_day - positives;
    let min_specificity = 1.0 - max_fp / negatives;
    let ex = &s.exemplar;
    close(
        num(ex, r"catch about ([\d,]+) of them", "true flags"),
        tp,
        0.01,
        "true flags a day",
    );
    close(
        num(
            ex,
            r"no more than about ([\d,]+) false flags",
            "false-flag budget",
        ),
        max_fp,
        0.01,
        "false flags a day",
    );
    assert_eq!(
        num(ex, r"among the ([\d,]+) other studies", "negatives"),
        negatives
    );
    close(
        num(ex, r"specificity of ([\d.]+)% or better", "specificity") / 100.0,
        min_specificity,
        0.005,
        "specificity",
    );
    // Every PPV the scenario states respects the trust threshold.
    let ppv = Regex::new(r"(?i)\bPPV\b[^.]{0,40}?(\d+(?:\.\d+)?)\s*%").unwrap();
    let mut texts: Vec<String> = vec![s.exemplar.clone(), s.context.clone()];
    texts.extend(s.facts.iter().map(|f| f.answer.clone()));
    texts.extend(s.examples.iter().map(|e| e.text.clone()));
    texts.extend(s.emphasis.iter().map(|e| e.why.clone()));
    texts.extend(
        s.key_points
            .iter()
            .flat_map(|k| [k.example.clone(), k.hint.clone(), k.why.clone()]),
    );
    for t in &texts {
        for c in ppv.captures_iter(&flat(t)) {
            let v: f64 = c[1].parse().unwrap();
            assert!(
                v / 100.0 >= min_ppv,
                "PPV {v}% is below the radiologists' trust threshold in: {t}"
            );
        }
    }

    // Annotation budget: three reads of every test study fit the hours.
    let labels = fact(&s, "labels");
    let budget_reads = num(labels, r"about ([\d,]+) radiologist hours", "hours") * 60.0
        / num(
            labels,
            r"takes about ([\d.]+) minutes a study",
            "minutes per read",
        );
    assert_eq!(num(ex, r"buy about ([\d,]+) reads", "reads"), budget_reads);
    let test_set = num(ex, r"a ([\d,]+)-study test set", "test set");
    assert!(
        test_set * 3.0 <= budget_reads,
        "three reads of {test_set} studies exceed the budget"
    );
    assert_eq!(
        num(
            ex,
            r"would hold only about ([\d,]+) pneumothoraces",
            "random positives"
        ),
        test_set * pneumo
    );
    let enriched = num(ex, r"enrich it to around ([\d,]+)", "enriched positives");
    assert!(enriched <= archive * pneumo);
    let half_width = 1.96 * (sensitivity * (1.0 - sensitivity) / enriched).sqrt();
    close(
        num(ex, r"plus or minus ([\d.]+) points", "interval") / 100.0,
        half_width,
        0.05,
        "interval on sensitivity",
    );
    assert_eq!(
        num(
            example(&s, "class-distribution"),
            r"about ([\d,]+) a day",
            "pneumothorax a day"
        ),
        per_day * pneumo
    );
}

#[test]
fn invoices_keyers_costs_and_audit_add_up() {
    let s = scenario("document-understanding");
    let volume = fact(&s, "volume");
    let monthly = num(
        volume,
        r"([\d.]+) million invoices a month",
        "invoices a month",
    ) * 1e6;
    let team = fact(&s, "keying-team");
    let keyers = num(team, r"about ([\d,]+) outsourced keyers", "keyers");
    assert_eq!(
        keyers,
        num(
            &s.context,
            r"team of about ([\d,]+) people",
            "context keyers"
        )
    );
    let per_keyer = num(
        team,
        r"key about ([\d,]+) invoices per working day",
        "per keyer",
    );
    let days = num(team, r"([\d]+) working days a month", "working days");
    let template_share = num(&s.context, r"about ([\d.]+)% of volume", "template share") / 100.0;
    assert_eq!(
        template_share,
        num(team, r"the other ([\d.]+)%", "template share in fact") / 100.0
    );
    let keyed = monthly * (1.0 - template_share);
    close(
        num(team, r"so about ([\d.]+) million invoices a month", "keyed") * 1e6,
        keyed,
        1e-9,
        "keyed volume",
    );
    close(
        keyers * per_keyer * days,
        keyed,
        0.03,
        "keyers x invoices per day x days = keyed volume",
    );
    assert_eq!(
        num(
            team,
            r"template tool does the other [\d.]+% \(([\d,]+)\)",
            "template volume"
        ),
        monthly * template_share
    );
    let per_invoice = num(team, r"about EUR ([\d.]+) per invoice", "keying cost");
    assert_eq!(
        per_invoice,
        num(
            &s.context,
            r"about EUR ([\d.]+) per keyed invoice",
            "context cost"
        )
    );
    close(
        num(team, r"EUR ([\d.]+) million a month", "keying bill") * 1e6,
        keyed * per_invoice,
        0.01,
        "keying bill",
    );
    // The template tool's 200 layouts are a subset of the top suppliers.
    assert!(
        template_share
            <= num(
                volume,
                r"make up ([\d.]+)% of volume",
                "top suppliers share"
            ) / 100.0
    );
    let years = num(fact(&s, "labels"), r"last ([\d]+) years", "label years");
    assert!(
        num(
            fact(&s, "labels"),
            r"about ([\d.]+) million invoices",
            "labelled"
        ) * 1e6
            <= years * 12.0 * monthly
    );

    // Inference cost: the pilot fits the budget, Finance's cap binds, and
    // the exemplar's plan gets under it.
    let infra = fact(&s, "infra-cost");
    let budget = num(infra, r"budget is EUR ([\d.]+) per invoice", "budget");
    let pilot = num(infra, r"costs about EUR ([\d.]+) per invoice", "pilot cost");
    let ocr = num(infra, r"EUR ([\d.]+) for the OCR licence", "OCR cost");
    let gpu = num(infra, r"EUR ([\d.]+) of rented GPU time", "GPU cost");
    let pages = num(infra, r"([\d.]+) pages on average", "pages");
    assert_eq!(
        pages,
        num(volume, r"([\d.]+) pages on average", "pages in volume fact")
    );
    close(
        num(infra, r"EUR ([\d.]+) per 1,000 pages", "OCR price") / 1000.0 * pages,
        ocr,
        1e-9,
        "OCR cost per invoice",
    );
    close(ocr + gpu, pilot, 1e-9, "pilot = OCR + GPU");
    assert!(pilot <= budget);
    let cap = num(
        curveball(&s, "cost-cap"),
        r"EUR ([\d.]+) per invoice",
        "cap",
    );
    assert!(
        cap < pilot,
        "the cost cap must bind against the pilot's cost"
    );
    assert!(flat(curveball(&s, "cost-cap")).contains("a third of what the pilot costs"));
    close(cap * 3.0, pilot, 1e-9, "cap is a third of the pilot");
    let digital = num(
        fact(&s, "input-quality"),
        r"([\d.]+)% are born-digital",
        "born-digital",
    ) / 100.0;
    let planned = (1.0 - digital) * ocr + 0.2 * gpu;
    assert!(flat(&s.exemplar).contains("escalating only the hardest fifth"));
    assert!(
        planned < cap,
        "the exemplar's plan costs {planned} per invoice, above the {cap} cap"
    );

    // Straight-through value and the audit sample.
    let ex = &s.exemplar;
    let stp = num(
        fact(&s, "success"),
        r"we want ([\d.]+)% of invoices",
        "STP target",
    ) / 100.0;
    assert_eq!(
        num(
            ex,
            r"ten points of straight-through is ([\d,]+) fewer",
            "invoices per 10 points"
        ),
        0.1 * monthly
    );
    close(
        num(ex, r"a month, about ([\d,]+) euros", "value per 10 points"),
        0.1 * monthly * per_invoice,
        0.01,
        "value of 10 points",
    );
    let audit = num(ex, r"random ([\d.]+)% of them", "audit share") / 100.0;
    let sample = num(ex, r"about ([\d,]+) invoices, which pins", "audit size");
    close(sample, audit * stp * monthly, 0.001, "audit size");
    let accuracy = num(
        fact(&s, "success"),
        r"at least ([\d.]+)% on those",
        "amount accuracy",
    ) / 100.0;
    let err = 1.0 - accuracy;
    let half = 1.96 * (err * (1.0 - err) / sample).sqrt();
    close(
        num(ex, r"within about ([\d.]+) points", "audit precision") / 100.0,
        half,
        0.05,
        "audit interval",
    );
    close(
        num(
            example(&s, "capacity"),
            r"about ([\d,]+) per working day",
            "per working day",
        ),
        monthly / days,
        0.01,
        "invoices per working day",
    );
}
