//! The numbers three scenarios state must agree with each other wherever a
//! formula links them: sends against users and candidates, series against
//! points per second, panoramas against GPU-hours, deadlines and budgets.
//! Each check reads the numbers from the shipped text (context, facts,
//! curveballs, examples, exemplar), so an edit that changes one number
//! without the others fails here. The same scenarios' example sentences
//! must earn what they illustrate, and their exemplars must read as strong
//! answers.
//!
//! Scenarios: notification-ranking, metrics-anomaly-detection,
//! face-plate-blurring.

#[path = "support/numbers.rs"]
mod numbers;

use mlsd_coach::core::content::{Content, load_embedded};
use mlsd_coach::core::scoring::{AnswerInput, Scorer, check_examples};
use numbers::*;

const MINE: [&str; 3] = [
    "notification-ranking",
    "metrics-anomaly-detection",
    "face-plate-blurring",
];

const MILLION: f64 = 1e6;
const BILLION: f64 = 1e9;

#[test]
fn notification_sends_add_up() {
    let s = scenario("notification-ranking");
    let volume = fact(&s, "volume");
    let enabled = num(volume, r"(\d+) million with push enabled", "push-enabled") * MILLION;
    let candidates = num(volume, r"([\d.]+) billion candidate", "candidates") * BILLION;
    let per_user = num(
        volume,
        r"roughly (\d+) per push-enabled user",
        "candidates/user",
    );
    close(
        candidates / enabled,
        per_user,
        0.01,
        "candidates per push-enabled user",
    );
    let per_sec = num(
        volume,
        r"about ([\d,]+) a second on average",
        "candidates/s",
    );
    close(candidates / 86_400.0, per_sec, 0.02, "candidates a second");

    let sends = fact(&s, "sends");
    let ranked = num(
        sends,
        r"about (\d+) million ranked pushes a day",
        "ranked sends",
    ) * MILLION;
    let avg = num(
        sends,
        r"(\d+) per push-enabled user on average",
        "sends/user",
    );
    close(ranked / enabled, avg, 0.01, "ranked sends per user");
    let share = num(sends, r"(\d+)% of the candidates", "share sent") / 100.0;
    close(ranked / candidates, share, 0.01, "share of candidates sent");
    let cap = num(sends, r"hard cap of (\d+) per user per day", "cap");
    assert!(
        avg < cap,
        "the average ({avg}) must sit below the cap ({cap})"
    );
    assert_eq!(
        ranked,
        num(
            &s.context,
            r"about (\d+) million ranked pushes",
            "context sends"
        ) * MILLION
    );

    // 40% more volume and 25% more opens take the open rate from 4.5% to 4.0%.
    let opens = fact(&s, "open-rates");
    let more_volume = num(opens, r"raised ranked volume by (\d+)%", "volume rise") / 100.0;
    let more_opens = num(opens, r"opens from pushes rose (\d+)%", "opens rise") / 100.0;
    let before = num(opens, r"fell from ([\d.]+)%", "rate before");
    let after = num(opens, r"to ([\d.]+)%\.", "rate after");
    close(
        before * (1.0 + more_opens) / (1.0 + more_volume),
        after,
        0.02,
        "open rate after the rise",
    );
    assert_eq!(
        more_volume,
        num(&s.context, r"raised volume by (\d+)%", "context rise") / 100.0
    );

    // 0.5% of push-enabled users a week, and one switch-off per ~4,200 pushes.
    let off = fact(&s, "switch-off-cost");
    let weekly = num(off, r"to ([\d.]+)%, about", "weekly switch-off rate") / 100.0;
    let people = num(off, r"about ([\d,]+) people a week", "switch-offs a week");
    close(enabled * weekly, people, 0.01, "switch-offs a week");
    let weekly_sends = ranked * 7.0;
    close(
        weekly_sends,
        num(
            &s.exemplar,
            r"about (\d+) million ranked pushes a week",
            "exemplar weekly sends",
        ) * MILLION,
        0.01,
        "ranked pushes a week",
    );
    let one_in = weekly_sends / people;
    close(
        one_in,
        num(&s.exemplar, r"is one in ([\d,]+)", "exemplar ratio"),
        0.01,
        "exemplar ratio",
    );
    close(
        one_in,
        num(
            example(&s, "class-imbalance"),
            r"once per ([\d,]+) ranked pushes",
            "example ratio",
        ),
        0.01,
        "class-imbalance example",
    );

    // The capacity example restates the stream rates.
    let cap_ex = example(&s, "capacity");
    close(
        num(
            cap_ex,
            r"([\d.]+) billion candidates",
            "capacity candidates",
        ) * BILLION,
        candidates,
        0.0,
        "capacity example candidates",
    );
    close(
        num(cap_ex, r"roughly (\d+)k per second", "capacity rate") * 1e3,
        per_sec,
        0.0,
        "capacity rate",
    );
    let peak = num(volume, r"([\d,]+) a second at the evening peak", "peak");
    close(
        num(cap_ex, r"peaks near (\d+)k", "capacity peak") * 1e3,
        peak,
        0.0,
        "capacity peak",
    );
}

#[test]
fn anomaly_series_and_pages_add_up() {
    let s = scenario("metrics-anomaly-detection");
    let series_fact = fact(&s, "series");
    let series = num(series_fact, r"^([\d,]+) series", "series");
    let metrics = num(series_fact, r"(\d+) metrics", "metrics");
    let slices = num(series_fact, r"about ([\d,]+) slices", "slices");
    close(metrics * slices, series, 0.0, "metrics times slices");
    assert_eq!(
        series,
        num(
            &s.context,
            r"roughly ([\d,]+) metric series",
            "context series"
        )
    );
    let per_day = num(
        series_fact,
        r"about ([\d.]+) million points a day",
        "points a day",
    ) * MILLION;
    close(
        series * 1_440.0,
        per_day,
        0.01,
        "points a day at one a minute",
    );
    let per_sec = num(series_fact, r"(\d+) a second", "points a second");
    close(series / 60.0, per_sec, 0.0, "points a second");
    let cap_ex = example(&s, "capacity");
    close(
        num(cap_ex, r"Scoring (\d+) points a second", "capacity rate"),
        per_sec,
        0.0,
        "capacity example",
    );
    close(
        num(cap_ex, r"across ([\d,]+) series", "capacity series"),
        series,
        0.0,
        "capacity series",
    );

    // About 15 of 150 weekly pages need action: the context's 10%.
    let alerting = fact(&s, "current-alerting");
    let pages = num(alerting, r"around (\d+) pages a week", "pages");
    let actionable = num(
        alerting,
        r"of which about (\d+) needed action",
        "actionable",
    );
    let share = num(&s.context, r"of which about (\d+)% need", "context share") / 100.0;
    close(actionable / pages, share, 0.0, "actionable share");
    assert_eq!(
        pages,
        num(&s.context, r"around (\d+) pages a week", "context pages")
    );
    assert_eq!(
        pages,
        num(&s.exemplar, r"about (\d+) pages a week", "exemplar pages")
    );
    assert_eq!(
        actionable,
        num(
            &s.exemplar,
            r"only about (\d+) need action",
            "exemplar actionable"
        )
    );
    let pain = example(&s, "pain-point");
    let ex_pages = num(pain, r"about (\d+) times a week", "example pages");
    let ex_real = num(pain, r"roughly (\d+) real problems", "example real");
    close(ex_real / ex_pages, share, 0.0, "pain-point example share");

    // 0.5% of minutes missing is one in two hundred.
    let missing = num(
        fact(&s, "pipeline"),
        r"about ([\d.]+)% of minutes",
        "missing share",
    ) / 100.0;
    assert!(example(&s, "data-quality").contains("one minute in two hundred"));
    close(1.0 / 200.0, missing, 0.0, "missing minutes");

    // On-call's tolerance (one false page in three) is the exemplar's goal.
    assert!(fact(&s, "on-call").contains("more than about one page in three is noise"));
    assert!(
        s.exemplar
            .contains("at least two in three pages actionable")
    );

    // The 42 postmortems are the same incidents everywhere.
    let labels = num(fact(&s, "labels"), r"Labels: (\d+) incidents", "incidents");
    assert_eq!(
        labels,
        num(
            fact(&s, "changes"),
            r"half of the (\d+) postmortem",
            "changes"
        )
    );
    assert_eq!(
        labels,
        num(&s.exemplar, r"only (\d+) postmortem incidents", "exemplar")
    );
}

/// Pixels, tiles, GPU-hours, euros and days for the blurring pipeline.
#[test]
fn blurring_compute_and_review_add_up() {
    let s = scenario("face-plate-blurring");
    let compute = fact(&s, "compute");
    let tiles = num(compute, r"runs on (\d+) tiles", "tiles");
    let tile_px = num(compute, r"tiles of (\d+) by", "tile side");
    let (w, h) = (
        num(&s.context, r"is (\d+) by", "width"),
        num(&s.context, r"by (\d+) pixels", "height"),
    );
    close(
        tiles * tile_px * tile_px,
        w * h,
        0.0,
        "tiles cover the panorama",
    );
    let ms = num(compute, r"about (\d+) ms a tile", "ms a tile");
    let secs = num(
        compute,
        r"so about ([\d.]+) seconds a panorama",
        "seconds a panorama",
    );
    close(tiles * ms / 1e3, secs, 0.0, "seconds a panorama");
    let gpus = num(compute, r"up to (\d+) GPUs", "GPUs");
    let eur = num(compute, r"EUR ([\d.]+) per GPU-hour", "price");

    let volume = fact(&s, "volume");
    let daily = num(volume, r"About (\d+) million new panoramas a day", "daily") * MILLION;
    close(
        daily * 30.0,
        num(volume, r"about (\d+) million a month", "monthly") * MILLION,
        0.0,
        "month",
    );
    let faces = daily * num(volume, r"holds ([\d.]+) faces", "faces each");
    let plates = daily * num(volume, r"and (\d+) plates \(", "plates each");
    close(
        faces,
        num(volume, r"about (\d+) million faces", "faces a day") * MILLION,
        0.0,
        "faces",
    );
    close(
        plates,
        num(volume, r"and (\d+) million plates a day", "plates a day") * MILLION,
        0.0,
        "plates",
    );
    let archive = num(volume, r"and ([\d.]+) billion already published", "archive") * BILLION;

    // Misses a day at the audited recall.
    let quality = fact(&s, "current-quality");
    let face_recall = num(quality, r"finds ([\d.]+)% of faces", "face recall") / 100.0;
    let plate_recall = num(quality, r"and (\d+)% of plates", "plate recall") / 100.0;
    let example_misses = num(
        key_point_example(&s, "misses-per-day"),
        r"about ([\d,]+) unblurred",
        "kp",
    );
    close(
        faces * (1.0 - face_recall),
        example_misses,
        0.0,
        "faces missed a day",
    );
    close(
        plates * (1.0 - plate_recall),
        num(&s.exemplar, r"leaves ([\d,]+) plates", "exemplar plates"),
        0.0,
        "plates missed a day",
    );
    close(
        faces * 0.001,
        num(
            &s.exemplar,
            r"99\.9% would leave ([\d,]+) faces",
            "at 99.9%",
        ),
        0.0,
        "99.9%",
    );

    // Daily GPU-hours, wall-clock on the pool, cost; the archive re-scan.
    let gpu_hours = daily * secs / 3_600.0;
    close(
        gpu_hours,
        num(
            example(&s, "capacity"),
            r"roughly (\d+) GPU-hours",
            "capacity",
        ),
        0.01,
        "daily GPU-hours",
    );
    close(
        gpu_hours * eur,
        num(example(&s, "capacity"), r"about (\d+) euros", "daily cost"),
        0.03,
        "daily cost",
    );
    let wall = gpu_hours / gpus;
    assert!(
        wall < 3.0,
        "the daily batch takes {wall:.1} h on {gpus} GPUs, stated as under three hours"
    );
    let window = num(fact(&s, "deadline"), r"blurring gets (\d+) hours", "window");
    assert!(wall < window);
    let archive_hours = archive * secs / 3_600.0;
    close(
        archive_hours,
        num(
            key_point_example(&s, "gpu-throughput-cost"),
            r"around ([\d,]+) GPU-hours",
            "archive",
        ),
        0.01,
        "archive GPU-hours",
    );
    close(
        archive_hours * eur,
        num(
            &s.exemplar,
            r"roughly ([\d,]+) euros and more than four months",
            "archive cost",
        ),
        0.01,
        "archive cost",
    );
    let archive_days = archive_hours / gpus / 24.0;
    assert!(
        (120.0..150.0).contains(&archive_days),
        "archive re-scan takes {archive_days:.0} days"
    );

    // Curveballs stay feasible (they test the reasoning, not an impossible demand).
    let city = num(
        curveball(&s, "school-incident"),
        r"all (\d+) million published",
        "city",
    ) * MILLION;
    let days = city * secs / 3_600.0 / gpus / 24.0;
    assert!(
        days < 14.0,
        "re-checking the city takes {days:.1} days on the pool"
    );
    let cut = num(
        curveball(&s, "gpu-cut"),
        r"from \d+ GPUs to (\d+)",
        "cut pool",
    );
    assert!(
        gpu_hours / cut < window,
        "10 GPUs must still meet the window"
    );

    // Review capacity: 25 people at 400 a day is 0.5% of new imagery.
    let review = fact(&s, "review-team");
    let reviewed = num(review, r"team of (\d+) people", "reviewers")
        * num(review, r"about (\d+) panoramas a day", "per reviewer");
    close(
        reviewed,
        num(review, r"so about ([\d,]+) a day", "reviewed a day"),
        0.0,
        "reviewed a day",
    );
    close(
        reviewed / daily * 100.0,
        num(review, r"([\d.]+)% of new panoramas", "share"),
        0.0,
        "review share",
    );

    // Extra annotation in the exemplar uses the vendor's price.
    let price = num(
        fact(&s, "annotations"),
        r"about EUR ([\d.]+) per panorama",
        "annotation price",
    );
    let extra = num(
        &s.exemplar,
        r"so ([\d,]+) more panoramas",
        "extra panoramas",
    );
    close(
        extra * price,
        num(&s.exemplar, r"would cost ([\d,]+) euros", "extra cost"),
        0.0,
        "annotation",
    );
}

fn mine() -> Content {
    let mut c = load_embedded();
    c.scenarios.retain(|s| MINE.contains(&s.id.as_str()));
    assert_eq!(c.scenarios.len(), MINE.len(), "all three scenarios ship");
    c
}

#[test]
fn examples_earn_what_they_illustrate() {
    let problems: Vec<String> = check_examples(&mine())
        .into_iter()
        .map(|p| format!("{} {}: {}", p.scenario, p.path, p.message))
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn exemplars_are_strong_and_unflagged() {
    let c = mine();
    for s in &c.scenarios {
        let words = s.exemplar.split_whitespace().count();
        assert!(
            (600..=900).contains(&words),
            "{}: exemplar has {words} words",
            s.id
        );
        let card = Scorer::new(&c, Some(s)).score(&[AnswerInput {
            question: "answer",
            text: &s.exemplar,
        }]);
        assert!(
            card.flags.is_empty(),
            "{}: exemplar raises {:?}",
            s.id,
            card.flags
        );
        assert!(
            card.overall >= 80.0,
            "{}: exemplar scores {:.1}",
            s.id,
            card.overall
        );
        let missed: Vec<&str> = card
            .key_points
            .iter()
            .filter(|k| k.status != mlsd_coach::core::scoring::Status::Covered)
            .map(|k| k.id.as_str())
            .collect();
        assert!(
            missed.is_empty(),
            "{}: exemplar misses key points {missed:?}",
            s.id
        );
    }
}
