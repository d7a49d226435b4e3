//! `malverkstad list`: the workshops in the sessions folder.

use anyhow::anyhow;

use super::{exit, Cli};
use crate::i18n::{cli::T, Lang};
use crate::store;
use crate::tr;

pub fn run(cli: &Cli, lang: Lang) -> anyhow::Result<i32> {
    let sessions = store::sessions_dir(cli.dir.as_deref()).map_err(|e| anyhow!(e.message(lang)))?;
    let list = store::list_workshops(&sessions, lang).map_err(|e| anyhow!(e.message(lang)))?;
    if list.is_empty() {
        println!("{}", tr!(lang, T::NoWorkshops, dir = sessions.display()));
        return Ok(exit::OK);
    }
    println!("{}", tr!(lang, T::ListHeader, dir = sessions.display()));
    for s in list {
        let folder = s.dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        match s.workshop {
            Ok(w) => {
                let date = w.date.map(|d| d.to_string()).unwrap_or_else(|| "–".into());
                let saved = match s.last_saved {
                    Some(t) => {
                        tr!(lang, T::ListLastSaved, when = t.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M"))
                    }
                    None => tr!(lang, T::ListNeverSaved),
                };
                println!("  {folder}  {}  {date}  {}  {saved}", w.title, tr!(lang, T::ListGroups, n = w.groups.len()));
            }
            Err(e) => println!("  {folder}  {}", tr!(lang, T::ListUnreadable, error = e)),
        }
    }
    Ok(exit::OK)
}
