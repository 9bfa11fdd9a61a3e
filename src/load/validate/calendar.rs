//! calendar.toml: the `[calendar]` source and the `[[holiday]]` blocks.

use crate::load::diagnostic::Diagnostic;
use crate::load::document::{Document, Entry};
use crate::load::raw::{TomlCalendar, TomlHoliday};
use crate::load::scope::Scope;
use crate::model::{Calendar, Holiday, HolidayDay, HolidayStatus};

/// No holiday block of China's calendar is longer (Spring Festival: 9 days).
const MAX_HOLIDAY_DAYS: i64 = 31;

pub fn calendar_file(doc: &mut Document, out: &mut Vec<Diagnostic>) -> Option<Calendar> {
    let calendar = doc.table::<TomlCalendar>("calendar", out);
    let (holidays, _) = doc.array::<TomlHoliday>("holiday", out);
    let file = doc.file;
    let mut checked = Vec::new();
    for Entry { value: raw, span } in holidays {
        let mut s = Scope::new(file, format!("holiday \"{}\"", raw.name.get_ref().en), out);
        let name = s.text("name", &raw.name);
        let status = s.choice(
            "status",
            &raw.status,
            &[
                ("official", HolidayStatus::Official),
                ("statutory", HolidayStatus::Statutory),
            ],
        );
        let source = s.non_empty("source", &raw.source);
        let dates = match (&raw.date, &raw.from, &raw.to) {
            (Some(date), None, None) => s.date("date", date).map(|d| (d, d)),
            (None, Some(from), Some(to)) => {
                let (from_date, to_date) = (s.date("from", from), s.date("to", to));
                match (from_date, to_date) {
                    (Some(f), Some(t)) if t < f => {
                        s.error(
                            from.span().start..to.span().end,
                            format!("to = {t} is before from = {f}"),
                        );
                        None
                    }
                    (Some(f), Some(t)) if (t - f).num_days() >= MAX_HOLIDAY_DAYS => {
                        s.error(
                            from.span().start..to.span().end,
                            format!(
                                "{f}..{t} is longer than {MAX_HOLIDAY_DAYS} days; is a year wrong?"
                            ),
                        );
                        None
                    }
                    (f, t) => f.zip(t),
                }
            }
            _ => {
                s.error(
                    span,
                    "give either date = \"YYYY-MM-DD\" or both from and to",
                );
                None
            }
        };
        let days = named_days(&mut s, &raw, dates);
        if let (Some(name), Some(status), Some(source), Some((from, to)), Some(days)) =
            (name, status, source, dates, days)
        {
            checked.push(Holiday {
                from,
                to,
                name,
                status,
                source,
                days,
            });
        }
    }
    let calendar = calendar?;
    let mut s = Scope::new(file, "[calendar]".into(), out);
    let source = s.non_empty("source", &calendar.value.source)?;
    Some(Calendar {
        source,
        holidays: checked,
    })
}

/// The `[[holiday.day]]` entries of a holiday: ids, names and dates inside
/// it, each date once.
fn named_days(
    s: &mut Scope,
    raw: &TomlHoliday,
    dates: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
) -> Option<Vec<HolidayDay>> {
    let mut days: Vec<Option<HolidayDay>> = Vec::new();
    for day in &raw.day {
        let id = s.id_field("day.id", &day.id);
        let name = s.text("day.name", &day.name);
        let notes = day.notes.as_ref().map(|n| s.text("day.notes", n));
        let date = s.date("day.date", &day.date).filter(|date| {
            let inside = dates.is_none_or(|(from, to)| (from..=to).contains(date));
            if !inside {
                s.error(
                    day.date.span(),
                    format!("day.date = {date} is not a day of this holiday"),
                );
            }
            let twice = days.iter().flatten().any(|d| d.date == *date);
            if twice {
                s.error(day.date.span(), format!("{date} is named twice"));
            }
            inside && !twice
        });
        days.push((|| {
            Some(HolidayDay {
                id: id?,
                date: date?,
                name: name?,
                notes: notes.map_or(Some(None), |n| n.map(Some))?,
            })
        })());
    }
    let mut days: Vec<HolidayDay> = days.into_iter().collect::<Option<_>>()?;
    days.sort_by_key(|d| d.date);
    Some(days)
}
