//! `malverkstad list`: the workshops in the sessions folder, one per line in
//! aligned columns: folder, title, date, groups, last saved.

use anyhow::anyhow;
use unicode_width::UnicodeWidthStr;

use super::{exit, Cli};
use crate::i18n::{cli::T, common, Lang};
use crate::store;
use crate::{tr, trn};

/// `text` padded with spaces to `width` terminal columns (åäö and emoji counted right).
fn pad(text: &str, width: usize) -> String {
    let fill = width.saturating_sub(text.width());
    format!("{text}{}", " ".repeat(fill))
}

pub fn run(cli: &Cli, lang: Lang) -> anyhow::Result<i32> {
    let sessions = store::sessions_dir(cli.dir.as_deref()).map_err(|e| anyhow!(e.message(lang)))?;
    let list = store::list_workshops(&sessions, lang).map_err(|e| anyhow!(e.message(lang)))?;
    if list.is_empty() {
        println!("{}", tr!(lang, T::NoWorkshops, dir = sessions.display()));
        return Ok(exit::OK);
    }
    println!("{}", tr!(lang, T::ListHeader, dir = sessions.display()));
    // Each row: the folder, then either the columns or why it cannot be read.
    let rows: Vec<(String, Result<[String; 4], String>)> = list
        .into_iter()
        .map(|s| {
            let folder = s.dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let columns = s.workshop.map(|w| {
                let date = w.date.map(|d| d.to_string()).unwrap_or_else(|| "–".into());
                let saved = match s.last_saved {
                    Some(t) => {
                        tr!(lang, T::ListLastSaved, when = t.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M"))
                    }
                    None => tr!(lang, T::ListNeverSaved),
                };
                [w.title.replace('\n', " "), date, trn!(lang, common::P::Groups, w.groups.len()), saved]
            });
            (folder, columns)
        })
        .collect();
    let folder_width = rows.iter().map(|(f, _)| f.width()).max().unwrap_or(0);
    let mut widths = [0usize; 4];
    for (_, columns) in &rows {
        if let Ok(columns) = columns {
            for (w, c) in widths.iter_mut().zip(columns) {
                *w = (*w).max(c.width());
            }
        }
    }
    for (folder, columns) in rows {
        let line = match columns {
            Ok(columns) => {
                let cells: Vec<String> = columns.iter().zip(widths).map(|(c, w)| pad(c, w)).collect();
                format!("  {}  {}", pad(&folder, folder_width), cells.join("  "))
            }
            Err(e) => format!("  {}  {}", pad(&folder, folder_width), tr!(lang, T::ListUnreadable, error = e)),
        };
        println!("{}", line.trim_end());
    }
    Ok(exit::OK)
}
