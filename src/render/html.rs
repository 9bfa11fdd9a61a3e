//! The printable page and the embeddable fragment (askama templates), both
//! written from the itinerary [`View`]: the templates in `templates/` only
//! loop, branch and escape. The one string inserted unescaped is the
//! JSON-LD, escaped here for a `<script>` element.

use askama::Template;
use serde_json::{Value, json};

use super::catalog::Msg;
use super::map::{self, Map};
use super::view::{Bi, DayView, Lang, PlaceKind, RowKind, View};
use crate::plan::{Itinerary, Refusal};

#[derive(Template)]
#[template(path = "page.html")]
struct Page<'v> {
    doc: &'v View,
    days: Vec<DayPage<'v>>,
    /// Plain text for `<title>`.
    title_text: String,
    /// Already escaped for a script element by [`json_ld`].
    json_ld: String,
    /// Many places: the cover uses smaller type to stay on one sheet.
    dense: bool,
    addresses: Vec<Address<'v>>,
    sources: Vec<Source<'v>>,
    pack_source: String,
    /// The agency's name, licence and phone for every sheet's foot, as a
    /// CSS string escaped by [`css_string`].
    footer_css: Option<String>,
}

/// The itinerary's element, shared by the fragment's two copies.
#[derive(Template)]
#[template(path = "itinerary.html")]
struct Article<'v> {
    doc: &'v View,
    days: Vec<DayPage<'v>>,
}

#[derive(Template)]
#[template(path = "fragment.html")]
struct Fragment<'v> {
    doc: &'v View,
    /// An id of this plan's own, which the fallback styles are scoped to.
    uid: String,
    /// Rendered by askama from the [`Article`] template, escaped there.
    article: String,
    fallback_css: String,
}

/// The sheets the fragment is styled with.
const FRAGMENT_CSS: &str = concat!(
    include_str!("../../templates/common.css"),
    include_str!("../../templates/fragment.css")
);

/// A day and its route map.
struct DayPage<'v> {
    view: &'v DayView,
    map: Option<Map>,
    /// Many rows and notes: a smaller map keeps the day on one sheet.
    crowded: bool,
}

/// Rows and notes beyond which a day is crowded.
const CROWDED_LINES: usize = 14;

/// A place of the trip as a taxi driver needs it.
struct Address<'v> {
    number: usize,
    place: &'v super::view::Place,
}

/// How much of each source the cover shows; the route pack holds the rest.
const SOURCE_CHARS: usize = 90;
const PACK_SOURCE_CHARS: usize = 240;
/// A cover holding more than this (places, notes, sites left out) is dense.
const DENSE_LOAD: usize = 18;

struct Source<'v> {
    name: &'v super::view::Bi,
    text: String,
}

/// The full printable A4 page.
pub fn page(view: &View, itinerary: &Itinerary) -> String {
    // Places a driver at the destination takes the party to: not the far (Beijing) station.
    let places: Vec<&super::view::Place> = view.places.iter().filter(|p| p.local).collect();
    // What the cover holds, in lines of the address card.
    let load =
        places.len() + 2 * (view.notes.len() + view.warnings.len()) + itinerary.omitted.len() / 3;
    let dense = load > DENSE_LOAD;
    // A dense cover keeps a shorter reference of each source.
    let source_chars = if dense {
        SOURCE_CHARS / 2
    } else {
        SOURCE_CHARS
    };
    // The sources are the data editors' notes, in English: a Chinese reader is told where they are.
    let sources = match view.sources_elsewhere {
        Some(_) => Vec::new(),
        None => (places.iter())
            .filter(|p| !p.source.is_empty())
            .map(|p| Source {
                name: &p.short,
                text: brief(&p.source, source_chars),
            })
            .collect(),
    };
    let page = Page {
        doc: view,
        days: days(view),
        title_text: view.title.plain(),
        json_ld: json_ld(view, itinerary),
        dense,
        addresses: (places.iter().enumerate())
            .map(|(i, place)| Address {
                number: i + 1,
                place,
            })
            .collect(),
        sources,
        pack_source: brief(&view.pack_source, PACK_SOURCE_CHARS),
        footer_css: view.brand.as_ref().map(|brand| {
            let line = [
                brand.name.plain(),
                brand.licence.clone(),
                brand.phone.clone(),
            ];
            css_string(&line.join(" · "))
        }),
    };
    page.render()
        .expect("the page template renders from plain strings")
}

/// One element to embed in another page, its styles sealed in a shadow
/// root, or scoped to its id where no shadow root attaches.
pub fn fragment(view: &View) -> String {
    let article = Article {
        doc: view,
        days: days(view),
    }
    .render()
    .expect("the itinerary template renders from plain strings");
    let uid = format!("jingqin-{:016x}", fnv1a(article.as_bytes()));
    let fragment = Fragment {
        doc: view,
        fallback_css: super::css::scoped(FRAGMENT_CSS, &uid),
        uid,
        article,
    };
    fragment
        .render()
        .expect("the fragment template renders from plain strings")
}

/// The reader's languages, as the templates ask for them.
struct Doc {
    lang: Lang,
}

#[derive(Template)]
#[template(path = "refusal.html")]
struct RefusalPage {
    doc: Doc,
    page: bool,
    title_text: String,
    heading: Bi,
    reason: Bi,
}

/// What a promoter's page shows for a request with no plan: why, in the
/// reader's language, as a page of its own or as a fragment to embed.
pub fn refusal(refusal: &Refusal, lang: Lang, page: bool) -> String {
    let heading = Bi::say(lang, &Msg::NoTrip);
    let reason = Bi::say(lang, &Msg::Refused(refusal));
    RefusalPage {
        doc: Doc { lang },
        page,
        title_text: heading.plain(),
        heading,
        reason,
    }
    .render()
    .expect("the refusal template renders from plain strings")
}

/// FNV-1a, 64 bits: an id that differs between plans and never between
/// runs of one.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

fn days(view: &View) -> Vec<DayPage<'_>> {
    (view.days.iter())
        .map(|day| DayPage {
            view: day,
            map: map::day_map(view, day),
            crowded: day.rows.len() + day.notes.len() + day.legend.len() > CROWDED_LINES,
        })
        .collect()
}

/// The start of `text`, cut after a word and marked with "…" when longer
/// than `max` characters: the cover has room for a reference, not the
/// full provenance, which stays in the route pack.
fn brief(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max).collect();
    let word_end = cut
        .rfind([' ', ',', ';', '，', '；'])
        .filter(|&i| i > cut.len() / 2);
    format!("{}…", cut[..word_end.unwrap_or(cut.len())].trim_end())
}

/// `text` as a quoted CSS string in which every character but ASCII
/// letters, digits and spaces is a hex escape: nothing in it can end the
/// string, the rule or the style element.
fn css_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || c == ' ' {
            out.push(c);
        } else {
            // The escape's trailing space ends it; it is not part of the text.
            out.push_str(&format!("\\{:x} ", u32::from(c)));
        }
    }
    out.push('"');
    out
}

/// schema.org `TouristTrip` JSON-LD, escaped for a `<script>` element.
fn json_ld(view: &View, itinerary: &Itinerary) -> String {
    let mut items = Vec::new();
    for row in view.days.iter().flat_map(|d| &d.rows) {
        let kind = match row.kind {
            RowKind::Visit | RowKind::Sunrise => "TouristAttraction",
            RowKind::Lodging => "LodgingBusiness",
            _ => continue,
        };
        let Some(place) = row.at.map(|i| &view.places[i]) else {
            continue;
        };
        let mut item = json!({
            "@type": kind,
            "name": place.name.plain(),
            "description": place.summary.as_ref().map(|s| s.plain()),
            "geo": geo(place.coord),
        });
        if place.kind == PlaceKind::Site && !place.placeholder {
            item["address"] = json!(place.address);
        }
        items.push(json!({ "@type": "ListItem", "position": items.len() + 1, "item": item }));
    }
    let request = &itinerary.request;
    let end = itinerary.days.last().map_or(request.date, |d| d.date);
    let trip = json!({
        "@context": "https://schema.org",
        "@type": "TouristTrip",
        "name": view.title.plain(),
        "description": view.summary.as_ref().map(|s| s.plain()),
        "startDate": request.date.to_string(),
        "endDate": end.to_string(),
        "itinerary": {
            "@type": "ItemList",
            "numberOfItems": items.len(),
            "itemListElement": items,
        },
        "offers": {
            "@type": "Offer",
            "price": format!("{:.0}", itinerary.totals.cost_cny.party),
            "priceCurrency": "CNY",
        },
    });
    let mut trip = trip;
    if let Some(brand) = &view.brand {
        trip["provider"] = json!({
            "@type": "TravelAgency",
            "name": brand.name.plain(),
            "identifier": brand.licence,
            "telephone": brand.phone,
            "email": brand.email,
            "url": brand.website,
            "address": brand.address.plain(),
            "logo": brand.logo,
        });
    }
    script_safe(&trip)
}

fn geo(c: crate::model::Coord) -> Value {
    json!({ "@type": "GeoCoordinates", "latitude": c.lat, "longitude": c.lon })
}

/// JSON whose `<`, `>` and `&` are `\u` escapes: the same JSON value, but no
/// `</script>` or `<!--` can end or confuse the script element it sits in.
pub(crate) fn script_safe(value: &Value) -> String {
    let json = serde_json::to_string(value).expect("a JSON value serializes");
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Pack;
    use crate::plan::RequestSpec;
    use crate::render::view::{self, Lang};
    use chrono::NaiveDate;

    fn options(lang: Lang) -> crate::render::Options<'static> {
        crate::render::Options {
            lang,
            ..Default::default()
        }
    }

    fn three_days() -> (Pack, Itinerary) {
        let pack = crate::load::load_default().expect("the embedded pack loads");
        let spec = RequestSpec {
            product: Some("qhd-3day".into()),
            date: NaiveDate::from_ymd_opt(2027, 7, 16),
            ..RequestSpec::default()
        };
        let today = NaiveDate::from_ymd_opt(2027, 7, 1).unwrap();
        let request = spec.resolve(&pack, today).expect("the product resolves");
        let itinerary = crate::plan::plan(&pack, &request).expect("the product plans");
        (pack, itinerary)
    }

    #[test]
    fn page_carries_json_ld_that_parses_as_a_tourist_trip() {
        let (pack, itinerary) = three_days();
        let html = page(
            &view::build(&pack, &itinerary, &options(Lang::Both)),
            &itinerary,
        );
        let open = r#"<script type="application/ld+json">"#;
        let start = html.find(open).expect("JSON-LD is present") + open.len();
        let end = start + html[start..].find("</script>").unwrap();
        let value: Value = serde_json::from_str(&html[start..end]).unwrap();
        assert_eq!(value["@type"], "TouristTrip");
        assert_eq!(value["startDate"], "2027-07-16");
        assert!(value["itinerary"]["numberOfItems"].as_u64().unwrap() > 0);
        assert_eq!(
            html.matches("<section class=\"day").count(),
            itinerary.days.len()
        );
        assert_eq!(html.matches("<svg").count(), itinerary.days.len());
    }

    #[test]
    fn fragment_is_one_element_without_scripts() {
        let (pack, itinerary) = three_days();
        let html = fragment(&view::build(&pack, &itinerary, &options(Lang::Zh)));
        let html = html.trim();
        assert!(html.starts_with("<div class=\"jingqin-itinerary\""));
        assert!(html.ends_with("</article></div>"));
        // The itinerary twice: in the shadow root, and beside it for innerHTML.
        assert_eq!(html.matches("<article class=\"itinerary\"").count(), 2);
        assert_eq!(html.matches("<div class=\"jingqin-itinerary\"").count(), 1);
        for banned in [
            "<script", "<html", "<head>", "<body", "<link", "src=", "@import", "url(http",
        ] {
            assert!(!html.contains(banned), "{banned}");
        }
    }

    #[test]
    fn output_is_deterministic() {
        let (pack, itinerary) = three_days();
        assert_eq!(
            page(
                &view::build(&pack, &itinerary, &options(Lang::En)),
                &itinerary
            ),
            page(
                &view::build(&pack, &itinerary, &options(Lang::En)),
                &itinerary
            )
        );
    }

    #[test]
    fn script_safe_json_cannot_close_its_script_element() {
        let value = json!({ "name": "</script><!-- & \"quoted\"" });
        let text = script_safe(&value);
        assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'));
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn brief_cuts_long_sources_after_a_word() {
        assert_eq!(brief("short", 10), "short");
        assert_eq!(brief("one two three four", 12), "one two…");
        assert_eq!(brief("北戴河区鸽赤路北戴河区鸽赤路", 4), "北戴河区…");
    }
}
