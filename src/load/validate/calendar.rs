//! calendar.toml: the `[calendar]` source and the `[[holiday]]` blocks.

use crate::load::diagnostic::Diagnostic;
use crate::load::document::{Document, Entry};
use crate::load::raw::{TomlCalendar, TomlHoliday};
use crate::load::scope::Scope;
use crate::model::{Calendar, Holiday, HolidayStatus};

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
        if let (Some(name), Some(status), Some(source), Some((from, to))) =
            (name, status, source, dates)
        {
            checked.push(Holiday {
                from,
                to,
                name,
                status,
                source,
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
