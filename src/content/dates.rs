//! Dates as editors write them: ISO, RFC 3339 and Vietnamese day-first (`12/6/2023 22:05`),
//! turned into an instant in the site's time zone, remembering whether a time was given.

use crate::tr;
use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use chrono_tz::Tz;

/// The formats we accept, for help messages.
pub const ACCEPTED_FORMATS: &str = "2023-06-12, 2023-06-12 22:05, 2023-06-12T22:05:00+07:00, 12/06/2023, 12/6/2023, 12/06/2023 22:05";

/// A publication or update date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArticleDate {
    pub when: DateTime<Tz>,
    pub has_time: bool,
}

/// A date that cannot be read: what is wrong, and the part of the text that is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError {
    pub message: String,
    /// The unreadable part as written (the time in `12/06/2023 8:30 SA`), to underline it.
    pub part: String,
}

impl std::fmt::Display for DateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

fn error(part: &str, message: String) -> DateError {
    DateError {
        message,
        part: part.to_string(),
    }
}

/// Parses one date as written in front matter; `tz` applies when no offset is given.
pub fn parse_date(text: &str, tz: Tz) -> Result<ArticleDate, DateError> {
    let text = text.trim();
    if let Ok(fixed) = DateTime::parse_from_rfc3339(text) {
        return Ok(ArticleDate {
            when: fixed.with_timezone(&tz),
            has_time: true,
        });
    }
    let (date_part, time_part) = match text.split_once([' ', 'T']) {
        Some((d, t)) => (d, Some(t.trim())),
        None => (text, None),
    };
    let date = parse_day(date_part)?;
    let time = time_part.map(parse_time).transpose()?;
    let naive = NaiveDateTime::new(date, time.unwrap_or(NaiveTime::MIN));
    let when = tz
        .from_local_datetime(&naive)
        .earliest()
        .ok_or_else(|| error(text, tr!("date-not-in-zone", text = text, zone = tz.name())))?;
    Ok(ArticleDate {
        when,
        has_time: time.is_some(),
    })
}

fn numbers(text: &str, separators: &[char]) -> Option<Vec<u32>> {
    text.split(separators)
        .map(|n| {
            if n.is_empty() || n.len() > 4 || !n.bytes().all(|b| b.is_ascii_digit()) {
                None
            } else {
                n.parse().ok()
            }
        })
        .collect()
}

fn parse_day(text: &str) -> Result<NaiveDate, DateError> {
    let unreadable = || error(text, tr!("date-not-a-date", text = text));
    let parts = numbers(text, &['-', '/', '.']).ok_or_else(unreadable)?;
    let (year, month, day) = match parts.as_slice() {
        // Four leading digits: ISO year-month-day; otherwise always day-first.
        [y, m, d]
            if text
                .split(['-', '/', '.'])
                .next()
                .is_some_and(|p| p.len() == 4) =>
        {
            (*y, *m, *d)
        }
        [d, m, y]
            if text
                .rsplit(['-', '/', '.'])
                .next()
                .is_some_and(|p| p.len() == 4) =>
        {
            (*y, *m, *d)
        }
        _ => return Err(unreadable()),
    };
    NaiveDate::from_ymd_opt(year as i32, month, day).ok_or_else(|| {
        error(
            text,
            tr!(
                "date-not-real",
                text = text,
                day = day,
                month = month,
                year = year
            ),
        )
    })
}

fn parse_time(text: &str) -> Result<NaiveTime, DateError> {
    // `SA`/`CH` (sáng, chiều) and `AM`/`PM`: a 12-hour clock the site does not read.
    let twelve_hour = text.split_whitespace().skip(1).any(|w| {
        ["sa", "ch", "am", "pm", "sáng", "chiều", "tối"].contains(&w.to_lowercase().as_str())
    });
    let unreadable = || {
        let id = if twelve_hour {
            "date-twelve-hour"
        } else {
            "date-not-a-time"
        };
        error(text, tr!(id, text = text))
    };
    let parts = numbers(text, &[':', 'h', 'H']).ok_or_else(unreadable)?;
    let (hour, minute, second) = match parts.as_slice() {
        [h, m] => (*h, *m, 0),
        [h, m, s] => (*h, *m, *s),
        _ => return Err(unreadable()),
    };
    NaiveTime::from_hms_opt(hour, minute, second)
        .ok_or_else(|| error(text, tr!("date-not-real-time", text = text)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Datelike, Timelike};

    const TZ: Tz = chrono_tz::Asia::Ho_Chi_Minh;

    fn ymdhm(d: &ArticleDate) -> (i32, u32, u32, u32, u32, bool) {
        (
            d.when.year(),
            d.when.month(),
            d.when.day(),
            d.when.hour(),
            d.when.minute(),
            d.has_time,
        )
    }

    #[test]
    fn accepts_every_documented_format() {
        let table = [
            ("2023-06-12", (2023, 6, 12, 0, 0, false)),
            ("2023-06-12 22:05", (2023, 6, 12, 22, 5, true)),
            ("2023-06-12T22:05:00+07:00", (2023, 6, 12, 22, 5, true)),
            ("2023-06-12T15:05:00Z", (2023, 6, 12, 22, 5, true)),
            ("2023-06-12T22:05", (2023, 6, 12, 22, 5, true)),
            ("12/06/2023", (2023, 6, 12, 0, 0, false)),
            ("12/6/2023", (2023, 6, 12, 0, 0, false)),
            ("12/06/2023 22:05", (2023, 6, 12, 22, 5, true)),
            ("4/5/2019", (2019, 5, 4, 0, 0, false)),
            ("04/05/2019", (2019, 5, 4, 0, 0, false)),
            ("12-06-2023", (2023, 6, 12, 0, 0, false)),
            ("12/06/2023 8h30", (2023, 6, 12, 8, 30, true)),
            (" 2023-06-12 ", (2023, 6, 12, 0, 0, false)),
        ];
        for (input, expected) in table {
            let parsed = parse_date(input, TZ).unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!(ymdhm(&parsed), expected, "{input}");
        }
    }

    #[test]
    fn offset_dates_are_shown_in_site_zone() {
        let d = parse_date("2023-06-12T01:00:00+00:00", TZ).unwrap();
        assert_eq!(d.when.hour(), 8);
    }

    #[test]
    fn rejects_impossible_and_ambiguous_dates() {
        for bad in [
            "31/02/2023",
            "2023-13-01",
            "12/06/23",
            "hôm qua",
            "",
            "12/06/2023 25:00",
            "12/06/2023 22",
            "2023/06",
            "99999999999/1/2023",
        ] {
            assert!(parse_date(bad, TZ).is_err(), "{bad:?} should be rejected");
        }
    }
}
