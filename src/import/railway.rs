//! A 12306 query as people copy it into a spreadsheet and save as CSV:
//! 车次, 出发站, 到达站, 出发时间, 到达时间, 历时, 二等座 (or the English
//! headers), commas or tabs, full-width punctuation, "当日到达" marks.

use std::path::Path;

use super::{
    Days, ImportError, ImportErrors, Period, Row, Train, rail_hub, read, real_id, services_toml,
};
use crate::model::{Pack, TimeOfDay};

/// The columns, each by the headers it may have (compared without case,
/// spaces or underscores).
const TRAIN: &[&str] = &["车次", "train", "trainno", "number"];
const FROM: &[&str] = &["出发站", "from", "departurestation", "fromstation"];
const TO: &[&str] = &["到达站", "to", "arrivalstation", "tostation"];
const DEPART: &[&str] = &[
    "出发时间",
    "发车时间",
    "depart",
    "departure",
    "departuretime",
];
const ARRIVE: &[&str] = &["到达时间", "arrive", "arrival", "arrivaltime"];
const DURATION: &[&str] = &["历时", "duration"];
const FARE: &[&str] = &["二等座", "二等", "secondclass", "2ndclass", "fare"];

/// The services.toml of the 12306 copy at `path`, valid for `period`.
pub fn from_12306_csv(path: &Path, pack: &Pack, period: Period) -> Result<String, ImportErrors> {
    let text = halfwidth(&read(path)?);
    let at = |line: usize, message: String| ImportError {
        file: path.to_owned(),
        line,
        message,
    };
    let header = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let delimiter = if header.contains('\t') { b'\t' } else { b',' };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| ImportErrors(vec![at(1, format!("cannot read the header: {e}"))]))?
        .clone();
    let key = |h: &str| h.to_lowercase().replace([' ', '_', '-'], "");
    let column = |names: &[&str]| {
        headers
            .iter()
            .position(|h| names.contains(&key(h).as_str()))
    };
    let mut errors = Vec::new();
    let mut required = |names: &[&str]| {
        let found = column(names);
        if found.is_none() {
            errors.push(at(
                1,
                format!("no {} column (or {})", names[0], names[1..].join(", ")),
            ));
        }
        found
    };
    let columns = (
        required(TRAIN),
        required(FROM),
        required(TO),
        required(DEPART),
        required(ARRIVE),
        required(FARE),
    );
    let (Some(train), Some(from), Some(to), Some(depart), Some(arrive), Some(fare)) = columns
    else {
        return Err(ImportErrors(errors));
    };
    let duration = column(DURATION);

    let file_name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let mut rows: Vec<Row> = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                errors.push(at(line, format!("cannot read the row: {e}")));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line() as usize);
        if record.iter().all(str::is_empty) {
            continue;
        }
        let cell = |i: usize| record.get(i).unwrap_or("");
        let row = (|| -> Result<Row, String> {
            if record.iter().any(|c| c.contains("次日")) {
                return Err("the train arrives the next day (次日到达); the pack's services arrive on the day they leave".into());
            }
            let id = cell(train).to_owned();
            if id.is_empty() {
                return Err("no train number (车次)".into());
            }
            real_id(&id)?;
            let from = rail_hub(pack, cell(from))?;
            let to = rail_hub(pack, cell(to))?;
            if from.id == to.id {
                return Err(format!("leaves and arrives at {}", from.name.zh));
            }
            let depart = clock(cell(depart))
                .ok_or_else(|| format!("出发时间 \"{}\" is not a time (HH:MM)", cell(depart)))?;
            let arrive = clock(cell(arrive))
                .ok_or_else(|| format!("到达时间 \"{}\" is not a time (HH:MM)", cell(arrive)))?;
            if arrive <= depart {
                return Err(format!(
                    "arrives at {arrive}, not after it leaves at {depart}; the pack's services arrive on the day they leave"
                ));
            }
            let ride = arrive.minutes() - depart.minutes();
            if let Some(stated) = duration.map(cell).filter(|d| !d.is_empty())
                && minutes(stated).is_some_and(|m| m != ride)
            {
                return Err(format!(
                    "历时 \"{stated}\" does not match {depart}–{arrive}; check the row"
                ));
            }
            let adult = money(cell(fare)).ok_or_else(|| {
                format!(
                    "二等座 \"{}\" is not a fare in CNY; copy the price, not the seats left",
                    cell(fare)
                )
            })?;
            let train = Train {
                id,
                from,
                to,
                depart,
                arrive,
                days: Days::Daily("daily"),
                period,
                adult,
            };
            if train.listed(&rows) {
                return Err(format!(
                    "{} from {} to {} is listed twice",
                    train.id, from.name.zh, to.name.zh
                ));
            }
            Ok(train.row(
                format!(
                    "12306 query copied to {file_name}, line {line}; a query is for one date, so the running days are assumed daily; child fare half the adult fare (China Railway child ticket, ages 6–14), seniors pay the adult fare"
                ),
                vec!["days"],
            ))
        })();
        match row {
            Ok(row) => rows.push(row),
            Err(message) => errors.push(at(line, message)),
        }
    }
    if rows.is_empty() && errors.is_empty() {
        errors.push(at(0, "no trains in the file".into()));
    }
    if !errors.is_empty() {
        return Err(ImportErrors(errors));
    }
    Ok(services_toml(&format!("12306 ({file_name})"), period, rows))
}

/// `text` with full-width ASCII (０-９, Ａ-Ｚ, ：，￥ …) and the ideographic
/// space made half-width, and without a byte-order mark.
fn halfwidth(text: &str) -> String {
    text.trim_start_matches('\u{feff}')
        .chars()
        .map(|c| match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            '\u{3000}' => ' ',
            '￥' => '¥',
            c => c,
        })
        .collect()
}

/// `07:46` or `7:46`, with a trailing 当日到达 allowed.
fn clock(text: &str) -> Option<TimeOfDay> {
    let text = text.replace("当日到达", "");
    let (hours, minutes) = text.trim().split_once(':')?;
    let (hours, minutes): (u32, u32) = (hours.parse().ok()?, minutes.parse().ok()?);
    (minutes < 60).then_some(())?;
    TimeOfDay::from_minutes(hours * 60 + minutes).filter(|t| t.minutes() < 24 * 60)
}

/// `01:39`, `1小时39分` or `99分钟`, in minutes.
fn minutes(text: &str) -> Option<u32> {
    let text = text.replace("当日到达", "");
    let text = text.trim();
    if let Some((hours, minutes)) = text.split_once(':') {
        return Some(hours.parse::<u32>().ok()? * 60 + minutes.parse::<u32>().ok()?);
    }
    let (hours, rest) = match text.split_once("小时") {
        Some((hours, rest)) => (hours.parse::<u32>().ok()?, rest),
        None => (0, text),
    };
    let rest = rest.trim_end_matches("钟").trim_end_matches('分');
    let minutes = if rest.is_empty() {
        0
    } else {
        rest.parse::<u32>().ok()?
    };
    Some(hours * 60 + minutes)
}

/// `¥120.0`, `120`, `120元`: a fare in CNY.
fn money(text: &str) -> Option<f64> {
    let number = text
        .trim()
        .trim_start_matches('¥')
        .trim_end_matches('元')
        .trim();
    number
        .parse::<f64>()
        .ok()
        .filter(|n| n.is_finite() && *n > 0.0 && *n < 100_000.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_text_reads_as_ascii() {
        assert_eq!(halfwidth("\u{feff}Ｇ８８０１，０７：４６"), "G8801,07:46");
    }

    #[test]
    fn durations_in_either_notation() {
        assert_eq!(minutes("01:39"), Some(99));
        assert_eq!(minutes("1小时39分"), Some(99));
        assert_eq!(minutes("45分钟"), Some(45));
        assert_eq!(minutes("2小时"), Some(120));
        assert_eq!(minutes("soon"), None);
    }

    #[test]
    fn fares_with_or_without_signs() {
        assert_eq!(money("¥120.5"), Some(120.5));
        assert_eq!(money("95元"), Some(95.0));
        assert_eq!(money("候补"), None);
        assert_eq!(money("--"), None);
    }
}
