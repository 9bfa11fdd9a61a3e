//! The static catalog a promoter uploads anywhere: an index of products, a
//! month calendar of each product's dates (plannable or not and why, the
//! sunrise, public holidays, seasons), and for each date a folder with the
//! printable page, the fragment, the calendar file, the JSON and an embed
//! snippet; a sitemap. Links are relative, so it works from `file://` and
//! any static host; the bytes depend only on the inputs, and a file whose
//! bytes have not changed is left alone; the folder of a date that no
//! longer plans is taken down.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use askama::Template;
use chrono::{Datelike, NaiveDate, Weekday};
use serde_json::json;

use crate::model::{Pack, Product};
use crate::plan::{self, Event, Infeasible, Itinerary, Refusal, RequestSpec};
use crate::render::catalog::Msg;
use crate::render::html::script_safe;
use crate::render::view::Bi;
use crate::render::{self, Format, Lang, Options};

/// What to publish.
pub struct Catalog<'a> {
    /// The first and last start dates.
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub products: Vec<&'a Product>,
    pub options: Options<'a>,
    /// Where the catalog will be served from, for the sitemap's and the
    /// embed snippets' absolute addresses; relative without it.
    pub base_url: Option<String>,
}

/// What a run did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub plans: usize,
    /// The start dates that do not plan, by product and date.
    pub refused: Vec<Refused>,
    pub written: usize,
    pub unchanged: usize,
    /// Files of start dates that planned once and no longer do.
    pub removed: usize,
}

/// A start date that does not plan, with the detail an operator needs to
/// act on it (the calendar tells visitors only the kind of reason).
#[derive(Debug, PartialEq, Eq)]
pub struct Refused {
    pub product: String,
    pub date: NaiveDate,
    pub detail: String,
}

/// The files of one start date's folder.
const DATE_FILES: [&str; 5] = [
    "index.html",
    "fragment.html",
    "trip.ics",
    "trip.json",
    "embed.html",
];

/// Files written, left unchanged and removed.
#[derive(Default)]
struct Counts {
    written: usize,
    unchanged: usize,
    removed: usize,
}

/// A start date of a product, as its calendar shows it.
struct DateEntry {
    date: NaiveDate,
    /// Why no trip starts that day; planned when `None`.
    refused: Option<Infeasible>,
    sunrise: bool,
}

/// The most start dates one run publishes: ten years of days.
pub const MAX_DATES: i64 = 3660;

/// Publishes `catalog` into `dir`, planning every product on every date on
/// all cores.
pub fn publish(pack: &Pack, catalog: &Catalog, dir: &Path) -> io::Result<Report> {
    let dates: Vec<NaiveDate> = catalog
        .from
        .iter_days()
        .take_while(|d| *d <= catalog.to)
        .collect();
    let jobs: Vec<(usize, NaiveDate)> = (0..catalog.products.len())
        .flat_map(|p| dates.iter().map(move |d| (p, *d)))
        .collect();
    let report = Mutex::new(Report::default());
    let entries: Mutex<Vec<Vec<DateEntry>>> =
        Mutex::new(catalog.products.iter().map(|_| Vec::new()).collect());
    let failure: Mutex<Option<io::Error>> = Mutex::new(None);
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let next = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..cores.min(jobs.len().max(1)) {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(&(p, date)) = jobs.get(i) else {
                        break;
                    };
                    let product = catalog.products[p];
                    let (entry, counts) = match date_folder(pack, catalog, product, date, dir) {
                        Ok(done) => done,
                        Err(error) => {
                            lock(&failure).get_or_insert(error);
                            break;
                        }
                    };
                    let mut report = lock(&report);
                    report.plans += 1;
                    if let Some(why) = &entry.refused {
                        report.refused.push(Refused {
                            product: product.id.clone(),
                            date,
                            detail: why.to_string(),
                        });
                    }
                    report.written += counts.written;
                    report.unchanged += counts.unchanged;
                    report.removed += counts.removed;
                    lock(&entries)[p].push(entry);
                }
            });
        }
    });
    if let Some(error) = lock(&failure).take() {
        return Err(error);
    }
    let mut report = report.into_inner().unwrap_or_else(|e| e.into_inner());
    // Products in the catalog's order, then dates: not the threads' order.
    let rank = |id: &str| catalog.products.iter().position(|p| p.id == id);
    report.refused.sort_by_key(|r| (rank(&r.product), r.date));
    let mut entries = entries.into_inner().unwrap_or_else(|e| e.into_inner());
    let mut pages = vec!["index.html".to_owned()];
    let mut files = Vec::new();
    for (product, list) in catalog.products.iter().zip(&mut entries) {
        list.sort_by_key(|e| e.date);
        files.push((
            format!("{}/index.html", product.id),
            product_page(pack, catalog, product, list).into_bytes(),
        ));
        pages.push(format!("{}/index.html", product.id));
        pages.extend(
            (list.iter().filter(|e| e.refused.is_none()))
                .map(|e| format!("{}/{}/index.html", product.id, e.date)),
        );
    }
    files.push((
        "index.html".to_owned(),
        index_page(pack, catalog, &entries).into_bytes(),
    ));
    files.push((
        "sitemap.xml".to_owned(),
        sitemap(catalog, &pages).into_bytes(),
    ));
    for (path, bytes) in files {
        match write_if_changed(&dir.join(path), &bytes)? {
            true => report.written += 1,
            false => report.unchanged += 1,
        }
    }
    Ok(report)
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// Plans `product` from `date` and writes its folder; the calendar's entry,
/// and the files written and left unchanged.
fn date_folder(
    pack: &Pack,
    catalog: &Catalog,
    product: &Product,
    date: NaiveDate,
    dir: &Path,
) -> io::Result<(DateEntry, Counts)> {
    let spec = RequestSpec {
        product: Some(product.id.clone()),
        date: Some(date),
        ..RequestSpec::default()
    };
    let folder = dir.join(&product.id).join(date.to_string());
    let planned = (spec.resolve(pack, date))
        .map_err(|e| Infeasible::new(Refusal::Unsupported, e.to_string()))
        .and_then(|request| plan::plan(pack, &request));
    let itinerary = match planned {
        Ok(itinerary) => itinerary,
        Err(why) => {
            let entry = DateEntry {
                date,
                refused: Some(why),
                sunrise: false,
            };
            let removed = remove_stale(&folder)?;
            let counts = Counts {
                removed,
                ..Counts::default()
            };
            return Ok((entry, counts));
        }
    };
    let options = &catalog.options;
    let page = |format| render::itinerary_for(pack, &itinerary, format, options);
    let address = |file: &str| match &catalog.base_url {
        Some(base) => format!(
            "{}/{}/{date}/{file}",
            base.trim_end_matches('/'),
            product.id
        ),
        None => file.to_owned(),
    };
    let texts = [
        page(Format::Html),
        page(Format::Fragment),
        page(Format::Ics),
        page(Format::Json),
        embed_snippet(pack, &itinerary, options.lang, &address("index.html")),
    ];
    let mut counts = Counts::default();
    for (name, text) in DATE_FILES.iter().zip(texts) {
        match write_if_changed(&folder.join(name), text.as_bytes())? {
            true => counts.written += 1,
            false => counts.unchanged += 1,
        }
    }
    let sunrise = (itinerary.days.iter().flat_map(|d| &d.events))
        .any(|e| matches!(e, Event::Visit { sunrise: true, .. }));
    let entry = DateEntry {
        date,
        refused: None,
        sunrise,
    };
    Ok((entry, counts))
}

/// The snippet to paste into a page: the plan in an iframe, titled in the
/// reader's language (the fragment itself, `fragment.html`, may be pasted
/// instead).
fn embed_snippet(pack: &Pack, itinerary: &Itinerary, lang: Lang, src: &str) -> String {
    let attribute = |text: &str| {
        text.replace('&', "&amp;")
            .replace('"', "&quot;")
            .replace('<', "&lt;")
    };
    let title = Bi::of(lang, &render::view::trip_title(pack, itinerary)).plain();
    let date = Bi::say(lang, &Msg::Date(itinerary.request.date)).plain();
    format!(
        "<iframe src=\"{}\" title=\"{} · {}\" style=\"width:100%;height:80vh;border:0\" loading=\"lazy\"></iframe>\n",
        attribute(src),
        attribute(&title),
        attribute(&date)
    )
}

#[derive(Template)]
#[template(path = "publish/index.html")]
struct IndexPage {
    lang: Lang,
    title: Bi,
    title_text: String,
    span: Bi,
    plannable: Bi,
    products: Vec<ProductLink>,
    json_ld: String,
}

struct ProductLink {
    href: String,
    name: Bi,
    days: Bi,
    summary: Bi,
    dates: usize,
    plannable: usize,
}

fn index_page(pack: &Pack, catalog: &Catalog, entries: &[Vec<DateEntry>]) -> String {
    let lang = catalog.options.lang;
    let title = Bi::map(lang, |l| {
        format!("{} · {}", l.of(&pack.info.name), Msg::TripCalendar.text(l))
    });
    let products: Vec<ProductLink> = (catalog.products.iter().zip(entries))
        .map(|(p, list)| ProductLink {
            href: format!("{}/index.html", p.id),
            name: Bi::of(lang, &p.name),
            days: Bi::say(lang, &Msg::TripDays(p.days)),
            summary: Bi::of(lang, &p.summary),
            dates: list.len(),
            plannable: list.iter().filter(|e| e.refused.is_none()).count(),
        })
        .collect();
    let items: Vec<_> = (catalog.products.iter().enumerate())
        .map(|(i, p)| {
            json!({
                "@type": "ListItem",
                "position": i + 1,
                "url": format!("{}/index.html", p.id),
                "item": { "@type": "TouristTrip", "name": Bi::of(lang, &p.name).plain(),
                          "description": Bi::of(lang, &p.summary).plain() },
            })
        })
        .collect();
    let ld = json!({
        "@context": "https://schema.org",
        "@type": "ItemList",
        "name": title.plain(),
        "itemListElement": items,
    });
    IndexPage {
        lang,
        title_text: title.plain(),
        title,
        span: Bi::say(lang, &Msg::DateRange(catalog.from, catalog.to)),
        plannable: Bi::say(lang, &Msg::Plannable),
        products,
        json_ld: script_safe(&ld),
    }
    .render()
    .expect("the index template renders from plain strings")
}

#[derive(Template)]
#[template(path = "publish/product.html")]
struct ProductPage {
    lang: Lang,
    title_text: String,
    all: Bi,
    name: Bi,
    summary: Bi,
    calendar: Bi,
    legend: Bi,
    not_plannable: Bi,
    weekdays: Vec<Bi>,
    months: Vec<Month>,
    json_ld: String,
}

struct Month {
    title: Bi,
    /// Monday to Sunday; `None` outside the month or the catalog's dates.
    weeks: Vec<Vec<Option<Cell>>>,
}

struct Cell {
    day: u32,
    /// The date's folder, when a trip starts that day.
    href: Option<String>,
    /// Why no trip starts that day.
    why: Option<String>,
    sunrise: bool,
    holiday: Option<Bi>,
    season: Bi,
}

fn product_page(pack: &Pack, catalog: &Catalog, product: &Product, list: &[DateEntry]) -> String {
    let lang = catalog.options.lang;
    let say = |msg: Msg| Bi::say(lang, &msg);
    let mut months: Vec<Month> = Vec::new();
    let mut current = None;
    for entry in list {
        let date = entry.date;
        if current != Some((date.year(), date.month())) {
            current = Some((date.year(), date.month()));
            months.push(Month {
                title: say(Msg::Month {
                    year: date.year(),
                    month: date.month(),
                }),
                weeks: Vec::new(),
            });
        }
        let Some(month) = months.last_mut() else {
            continue;
        };
        let column = date.weekday().num_days_from_monday() as usize;
        if month.weeks.is_empty() || column == 0 {
            month
                .weeks
                .push(vec![None, None, None, None, None, None, None]);
        }
        let season = match pack.seasons.iter().find(|s| s.id == pack.season_on(date)) {
            Some(season) => Bi::of(lang, &season.name),
            None => say(Msg::OffSeason),
        };
        let cell = Cell {
            day: date.day(),
            href: entry
                .refused
                .is_none()
                .then(|| format!("{date}/index.html")),
            why: (entry.refused.as_ref())
                .map(|why| Bi::say(lang, &Msg::Refused(&why.refusal)).plain()),
            sunrise: entry.sunrise,
            holiday: (pack.calendar.holiday_on(date)).map(|h| Bi::of(lang, &h.name)),
            season,
        };
        if let Some(week) = month.weeks.last_mut() {
            week[column] = Some(cell);
        }
    }
    let name = Bi::of(lang, &product.name);
    let ld = json!({
        "@context": "https://schema.org",
        "@type": "TouristTrip",
        "name": name.plain(),
        "description": Bi::of(lang, &product.summary).plain(),
        "subTrip": (list.iter().filter(|e| e.refused.is_none()))
            .map(|e| json!({ "@type": "TouristTrip", "startDate": e.date.to_string(),
                             "url": format!("{}/index.html", e.date) }))
            .collect::<Vec<_>>(),
    });
    ProductPage {
        lang,
        title_text: name.plain(),
        all: say(Msg::AllProducts),
        summary: Bi::of(lang, &product.summary),
        name,
        calendar: say(Msg::TripCalendar),
        legend: say(Msg::CatalogLegend),
        not_plannable: say(Msg::NotPlannable),
        weekdays: [
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
            Weekday::Sat,
            Weekday::Sun,
        ]
        .map(|d| say(Msg::WeekdayShort(d)))
        .to_vec(),
        months,
        json_ld: script_safe(&ld),
    }
    .render()
    .expect("the product template renders from plain strings")
}

/// The sitemap (sitemaps.org 0.9) of `pages`, under the base URL when given.
fn sitemap(catalog: &Catalog, pages: &[String]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for page in pages {
        let loc = match &catalog.base_url {
            Some(base) => format!("{}/{page}", base.trim_end_matches('/')),
            None => page.clone(),
        };
        let loc = loc
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        out.push_str(&format!("<url><loc>{loc}</loc></url>\n"));
    }
    out.push_str("</urlset>\n");
    out
}

/// Removes from a start date's `folder` the files an earlier run wrote when
/// the date still planned, and the folder unless something else is in it;
/// how many files went. A visitor must not find a plan for a day that no
/// longer has one.
fn remove_stale(folder: &Path) -> io::Result<usize> {
    let mut removed = 0;
    for name in DATE_FILES {
        match std::fs::remove_file(folder.join(name)) {
            Ok(()) => removed += 1,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    if removed > 0 {
        // The folder stays when it holds anything of the user's.
        match std::fs::remove_dir(folder) {
            Err(e) if e.kind() != io::ErrorKind::DirectoryNotEmpty => return Err(e),
            _ => {}
        }
    }
    Ok(removed)
}

/// Writes `bytes` to `path` unless it holds them already, through a
/// temporary file renamed into place; whether it wrote.
fn write_if_changed(path: &Path, bytes: &[u8]) -> io::Result<bool> {
    if std::fs::read(path).is_ok_and(|old| old == bytes) {
        return Ok(false);
    }
    let folder = path
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    std::fs::create_dir_all(&folder)?;
    let mut temporary = tempfile::Builder::new()
        .prefix(".jingqin.")
        .tempfile_in(&folder)?;
    temporary.write_all(bytes)?;
    temporary.persist(path).map_err(|e| e.error)?;
    Ok(true)
}
