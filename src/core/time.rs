//! Durations as people read them: one format everywhere a time is shown
//! (screens, command output, Markdown reports).

/// `m:ss` under an hour (`0:05`, `3:10`, `59:59`), `h:mm:ss` from an hour
/// on (`1:02:03`). Seconds are shown as they are, never rounded.
pub fn format_mss(seconds: u64) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::format_mss;

    #[test]
    fn minutes_and_seconds_under_an_hour() {
        assert_eq!(format_mss(0), "0:00");
        assert_eq!(format_mss(5), "0:05");
        assert_eq!(format_mss(59), "0:59");
        assert_eq!(format_mss(60), "1:00");
        assert_eq!(format_mss(190), "3:10");
        assert_eq!(format_mss(905), "15:05");
        assert_eq!(format_mss(3599), "59:59");
    }

    #[test]
    fn hours_minutes_and_seconds_from_an_hour() {
        assert_eq!(format_mss(3600), "1:00:00");
        assert_eq!(format_mss(3723), "1:02:03");
        assert_eq!(format_mss(36_000 + 59 * 60 + 9), "10:59:09");
        assert_eq!(format_mss(100 * 3600), "100:00:00");
    }

    #[test]
    fn never_overflows() {
        assert_eq!(format_mss(u64::MAX), format!("{}:00:15", u64::MAX / 3600));
    }
}
