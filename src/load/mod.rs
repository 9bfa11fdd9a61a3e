//! Pack loading: reads the seven TOML files of a route pack, checks every
//! value and reference, and builds the [`Pack`] — or reports every problem
//! at once, each at its file, line and column.

mod agency;
mod contracts;
mod diagnostic;
mod document;
mod raw;
mod scope;
mod validate;

use std::path::{Path, PathBuf};

pub use agency::{load_agency, load_agency_for};
pub use diagnostic::{Diagnostic, Diagnostics, Position, SourceFile};
pub use validate::MAX_DAYS;

use crate::model::{Calendar, Pack};
use document::Document;
use scope::Registry;

/// The files of a pack, in the order they are read.
pub const FILES: [&str; 7] = [
    "pack.toml",
    "calendar.toml",
    "sites.toml",
    "hubs.toml",
    "services.toml",
    "lodging.toml",
    "products.toml",
];

/// Where the default pack lives in the repository; its files are embedded.
pub const DEFAULT_PACK_DIR: &str = "routes/beijing-qinhuangdao";

const EMBEDDED: [&str; 7] = [
    include_str!("../../routes/beijing-qinhuangdao/pack.toml"),
    include_str!("../../routes/beijing-qinhuangdao/calendar.toml"),
    include_str!("../../routes/beijing-qinhuangdao/sites.toml"),
    include_str!("../../routes/beijing-qinhuangdao/hubs.toml"),
    include_str!("../../routes/beijing-qinhuangdao/services.toml"),
    include_str!("../../routes/beijing-qinhuangdao/lodging.toml"),
    include_str!("../../routes/beijing-qinhuangdao/products.toml"),
];

/// The default Beijing–Qinhuangdao pack, carried by the binary.
pub fn load_default() -> Result<Pack, Diagnostics> {
    let files = FILES.into_iter().zip(EMBEDDED).map(|(name, text)| {
        Ok(SourceFile {
            path: Path::new(DEFAULT_PACK_DIR).join(name),
            text: text.to_owned(),
        })
    });
    build(files.collect())
}

/// The largest pack file read: far above any real pack, far below memory.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// The pack in folder `dir`.
pub fn load_dir(dir: &Path) -> Result<Pack, Diagnostics> {
    let files = FILES.map(|name| {
        let path = dir.join(name);
        read_file(&path)
            .map(|text| SourceFile {
                path: path.clone(),
                text,
            })
            .map_err(|message| Diagnostic::whole_file(&path, message))
    });
    build(files.into_iter().collect())
}

/// The files of FILES missing from `dir`, or `dir` itself when it is not a folder.
pub fn missing(dir: &Path) -> Vec<PathBuf> {
    if !dir.is_dir() {
        return vec![dir.to_owned()];
    }
    (FILES.iter())
        .map(|name| dir.join(name))
        .filter(|path| !path.exists())
        .collect()
}

/// The text of a pack file, an agency profile or a saved itinerary: a
/// regular file (a FIFO would block, a device never end) of at most
/// [`MAX_FILE_BYTES`], in UTF-8.
pub fn read_file(path: &Path) -> Result<String, String> {
    use std::io::Read;
    let metadata = std::fs::metadata(path).map_err(|e| format!("cannot read the file: {e}"))?;
    if !metadata.is_file() {
        return Err("cannot read the file: it is not a regular file".into());
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(format!(
            "cannot read the file: {} bytes, more than the {} MiB a pack file may have",
            metadata.len(),
            MAX_FILE_BYTES / 1024 / 1024
        ));
    }
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read the file: {e}"))?;
    let mut bytes = Vec::new();
    // The file may grow between the check and the read.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read the file: {e}"))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(format!(
            "cannot read the file: more than the {} MiB a pack file may have",
            MAX_FILE_BYTES / 1024 / 1024
        ));
    }
    String::from_utf8(bytes).map_err(|e| format!("cannot read the file: it is not UTF-8 ({e})"))
}

fn build(files: Vec<Result<SourceFile, Diagnostic>>) -> Result<Pack, Diagnostics> {
    let mut out = Vec::new();
    let files: Vec<Option<SourceFile>> = files
        .into_iter()
        .map(|file| file.map_err(|d| out.push(d)).ok())
        .collect();
    let mut docs: Vec<Option<Document>> = files
        .iter()
        .map(|file| file.as_ref().and_then(|f| Document::parse(f, &mut out)))
        .collect();
    let [pack, calendar, sites, hubs, services, lodging, products] = docs.as_mut_slice() else {
        unreachable!("one document per file of FILES");
    };
    let mut registry = Registry::default();

    let pack = pack
        .as_mut()
        .and_then(|doc| validate::pack_file(doc, &mut out));
    let calendar = calendar
        .as_mut()
        .and_then(|doc| validate::calendar_file(doc, &mut out));
    let seasons = pack.as_ref().map(|p| p.seasons.as_slice());
    let areas = pack.as_ref().map(|p| p.areas.as_slice());
    // Opening hours need the calendar; without it they cannot be checked.
    // Without a readable calendar, `PH` in opening hours means no day.
    let no_holidays = Calendar::default();
    let sites = sites.as_mut().map(|doc| {
        let calendar = calendar.as_ref().unwrap_or(&no_holidays);
        validate::sites_file(doc, calendar, seasons, areas, &mut registry, &mut out)
    });
    let hubs = hubs
        .as_mut()
        .map(|doc| validate::hubs_file(doc, areas, &mut registry, &mut out));
    let hub_ids = hubs.as_ref().map(|(_, ids)| ids.as_slice());
    let services = services
        .as_mut()
        .and_then(|doc| validate::services_file(doc, hub_ids, &mut out));
    let lodging = lodging
        .as_mut()
        .map(|doc| validate::lodging_file(doc, areas, &mut registry, &mut out));
    let site_ids = sites.as_ref().map(|(_, ids)| ids.as_slice());
    let beijing: Option<Vec<&str>> = hubs.as_ref().map(|(hubs, _)| {
        let origin = pack.as_ref().map_or("beijing", |p| p.info.origin.as_str());
        let beijing = hubs.iter().filter(|h| h.city == origin);
        beijing.map(|h| h.id.as_str()).collect()
    });
    // Areas are the pack's [[area]] ids and the districts that stand for one.
    let area_ids: Option<Vec<String>> = pack.as_ref().zip(sites.as_ref()).map(|(p, (sites, _))| {
        let declared = p.areas.iter().map(|a| a.id.clone());
        let mut ids: Vec<String> = declared
            .chain(sites.iter().map(|s| s.area.clone()))
            .collect();
        ids.sort();
        ids.dedup();
        ids
    });
    let products = products.as_mut().map(|doc| {
        let areas = area_ids.as_deref();
        validate::products_file(doc, site_ids, areas, hub_ids, beijing.as_deref(), &mut out)
    });
    // pack.toml names sites, hubs and lodging, which are known only now.
    if let (Some(pack), Some(file), Some(sites), Some(hubs), Some(lodging)) = (
        pack.as_ref(),
        files[0].as_ref(),
        site_ids,
        hub_ids,
        lodging.as_ref().map(|(_, ids)| ids.as_slice()),
    ) {
        let origin_hubs = beijing.as_deref();
        validate::pack_links(pack, file, sites, hubs, lodging, origin_hubs, &mut out);
    }

    for doc in docs.into_iter().flatten() {
        doc.finish(&mut out);
    }
    match (pack, calendar, sites, hubs, services, lodging, products) {
        (
            Some(pack),
            Some(calendar),
            Some((sites, _)),
            Some((hubs, _)),
            Some((timetable, services)),
            Some((lodging, _)),
            Some(products),
        ) if out.is_empty() => Ok(Pack {
            info: pack.info,
            areas: pack.areas,
            seasons: pack.seasons,
            day: pack.day,
            paces: pack.paces,
            meals: pack.meals,
            travel: pack.travel,
            times: pack.times.into_iter().map(|(time, _)| time).collect(),
            concessions: (pack.concessions.into_iter()).map(|(c, _)| c).collect(),
            group: pack.group.map(|(group, _, _)| group),
            rides: pack.rides,
            drive: pack.drive.map(|(drive, _)| drive),
            calendar,
            sites,
            hubs,
            timetable,
            services,
            lodging,
            products,
        }),
        _ => Err(Diagnostics(sort(out))),
    }
}

/// File order of [`FILES`], then position: the order an editor reads them.
fn sort(mut out: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let rank = |file: &PathBuf| {
        FILES
            .iter()
            .position(|name| file.file_name().is_some_and(|f| f == *name))
            .unwrap_or(FILES.len())
    };
    out.sort_by_key(|d| (rank(&d.file), d.position.map(|p| (p.line, p.column))));
    out
}
