//! Field checks that several pack files share: whole numbers in a range,
//! day ranges, areas, site categories and references to another file's ids.

use crate::load::raw::{TomlDayRange, TomlText};
use crate::load::scope::Scope;
use crate::model::{Area, Category, DayRange, Span};

/// A whole number in `range`.
pub fn count(
    s: &mut Scope,
    field: &str,
    value: &toml::Spanned<i64>,
    range: std::ops::RangeInclusive<u32>,
) -> Option<u32> {
    let n = u32::try_from(*value.get_ref())
        .ok()
        .filter(|n| range.contains(n));
    if n.is_none() {
        let message = format!(
            "{field} = {} is outside {}..{}",
            value.get_ref(),
            range.start(),
            range.end()
        );
        s.error(value.span(), message);
    }
    n
}

/// `area = "…"`, one of the pack's `[[area]]` ids; the district's Chinese
/// name stands for it when absent.
pub fn area(
    s: &mut Scope,
    raw: &Option<toml::Spanned<String>>,
    district: &TomlText,
    areas: Option<&[Area]>,
) -> Option<String> {
    let Some(raw) = raw else {
        return Some(district.zh.clone());
    };
    let ids: Option<Vec<String>> = areas.map(|list| list.iter().map(|a| a.id.clone()).collect());
    reference(s, "area", raw, ids.as_deref(), "an [[area]] in pack.toml")
}

/// `field = { from = "MM-DD", to = "MM-DD" }`, a range of days of any year.
pub fn day_range(s: &mut Scope, field: &str, raw: &TomlDayRange) -> Option<DayRange> {
    let from = s.month_day(&format!("{field}.from"), &raw.from);
    let to = s.month_day(&format!("{field}.to"), &raw.to);
    Some(DayRange {
        from: from?,
        to: to?,
    })
}

/// The categories of a site, which a product's interests weigh too.
pub const CATEGORIES: [(&str, Category); 7] = [
    ("nature", Category::Nature),
    ("culture", Category::Culture),
    ("art", Category::Art),
    ("wellness", Category::Wellness),
    ("museum", Category::Museum),
    ("food", Category::Food),
    ("shopping", Category::Shopping),
];

/// A reference to a hub; unchecked when hubs.toml could not be read.
pub fn hub_ref(
    s: &mut Scope,
    field: &str,
    id: &toml::Spanned<String>,
    hubs: Option<&[String]>,
) -> Option<String> {
    reference(s, field, id, hubs, "a hub in hubs.toml")
}

/// A reference to an id among `known` (all ids of the referenced file, or
/// `None` when that file could not be read).
pub fn reference(
    s: &mut Scope,
    field: &str,
    id: &toml::Spanned<String>,
    known: Option<&[String]>,
    what: &str,
) -> Option<String> {
    if let Some(known) = known
        && !known.contains(id.get_ref())
    {
        let hint = crate::suggest::closest(id.get_ref(), known.iter().map(String::as_str))
            .map(|c| format!("; did you mean \"{c}\"?"))
            .unwrap_or_default();
        s.error(
            id.span(),
            format!("{field} = \"{}\" is not {what}{hint}", id.get_ref()),
        );
        return None;
    }
    Some(id.get_ref().clone())
}

/// Two clock times, the second after the first.
pub fn span(
    s: &mut Scope,
    start: &toml::Spanned<String>,
    end: &toml::Spanned<String>,
) -> Option<Span> {
    let (open, close) = (s.clock("start", start), s.clock("end", end));
    let (open, close) = (open?, close?);
    if close <= open {
        s.error(
            start.span().start..end.span().end,
            format!("ends at {close}, not after it starts at {open}"),
        );
        return None;
    }
    Some(Span {
        start: open,
        end: close,
    })
}
