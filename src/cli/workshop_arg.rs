//! The WORKSHOP argument of `open`, `present`, `import-goals`, `timer`,
//! `merge` and `template save --from`: a workshop folder (or its
//! `workshop.ron`), or the folder name (slug) or title of a workshop in the
//! sessions folder (`--dir`, `MALVERKSTAD_DIR` or the default).
//!
//! A path that is a workshop wins; otherwise a bare name is looked up among
//! the sessions folder's workshops: the folder name exactly, then the folder
//! name or title in any case (or spelled as its slug). A name that fits no
//! workshop, or several, is answered with the workshops that are there.

use std::path::{Component, Path};

use crate::domain::{slug, text::normalize};
use crate::i18n::{cli::T, Lang};
use crate::store::{self, StoreError, WorkshopDir, WorkshopSummary};
use crate::tr;

/// What a name finds among the workshops of a sessions folder.
#[derive(Debug)]
pub enum Lookup {
    One(WorkshopDir),
    /// Several workshops fit the name.
    Ambiguous(Vec<WorkshopSummary>),
    /// None fits; every workshop there, for the message.
    NotFound(Vec<WorkshopSummary>),
}

/// True when `arg` is one plain name (no folder part, not `.` or `..`).
fn is_bare_name(arg: &Path) -> bool {
    let mut components = arg.components();
    matches!((components.next(), components.next()), (Some(Component::Normal(_)), None))
}

fn folder_name(s: &WorkshopSummary) -> String {
    s.dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

/// Look `name` up among the workshops in `sessions`.
pub fn lookup(sessions: &Path, name: &str, lang: Lang) -> Result<Lookup, StoreError> {
    let list = store::list_workshops(sessions, lang)?;
    if let Some(exact) = list.iter().find(|s| folder_name(s) == name) {
        return Ok(Lookup::One(WorkshopDir { root: exact.dir.clone() }));
    }
    let wanted = normalize(name.trim()).to_lowercase();
    let wanted_slug = slug::slugify(name, "");
    let fits = |s: &WorkshopSummary| {
        let folder = folder_name(s);
        let title = s.workshop.as_ref().map(|w| normalize(w.title.trim()).to_lowercase()).unwrap_or_default();
        folder.to_lowercase() == wanted || (!wanted_slug.is_empty() && folder == wanted_slug) || title == wanted
    };
    let (found, rest): (Vec<WorkshopSummary>, Vec<WorkshopSummary>) = list.into_iter().partition(|s| fits(s));
    Ok(match found.len() {
        1 => Lookup::One(WorkshopDir { root: found[0].dir.clone() }),
        0 => Lookup::NotFound(rest),
        _ => Lookup::Ambiguous(found),
    })
}

/// The workshops as lines of a message: `  folder  (title)`.
fn listing(list: &[WorkshopSummary]) -> String {
    list.iter()
        .map(|s| match &s.workshop {
            Ok(w) => format!("\n  {}  ({})", folder_name(s), w.title.replace('\n', " ")),
            Err(_) => format!("\n  {}", folder_name(s)),
        })
        .collect()
}

/// Open the workshop `arg` names (see the module's documentation). The error
/// is the message to show, in the user's language.
pub fn open(dir_flag: Option<&Path>, arg: &Path, lang: Lang) -> Result<WorkshopDir, String> {
    let first = match WorkshopDir::open(arg) {
        Ok(dir) => return Ok(dir),
        Err(e) => e,
    };
    let Some(name) = arg.to_str().filter(|_| is_bare_name(arg)) else {
        return Err(first.message(lang));
    };
    let sessions = store::sessions_dir(dir_flag).map_err(|_| first.message(lang))?;
    match lookup(&sessions, name, lang).map_err(|e| e.message(lang))? {
        Lookup::One(dir) => Ok(dir),
        // A folder that is there but is no workshop: say that, not "unknown name".
        Lookup::NotFound(_) if arg.exists() => Err(first.message(lang)),
        Lookup::NotFound(list) => {
            let mut msg = tr!(lang, T::UnknownWorkshop, name = name, dir = sessions.display());
            if list.is_empty() {
                msg.push(' ');
                msg.push_str(&tr!(lang, T::NoWorkshops, dir = sessions.display()));
            } else {
                msg.push('\n');
                msg.push_str(&tr!(lang, T::ListHeader, dir = sessions.display()));
                msg.push_str(&listing(&list));
            }
            Err(msg)
        }
        Lookup::Ambiguous(list) => {
            Err(tr!(lang, T::AmbiguousWorkshop, name = name, dir = sessions.display()) + &listing(&list))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Workshop;

    fn make(sessions: &Path, title: &str) -> WorkshopDir {
        store::create_workshop(sessions, &Workshop::new(title)).unwrap()
    }

    #[test]
    fn a_name_finds_a_workshop_by_folder_or_title() {
        let tmp = tempfile::tempdir().unwrap();
        let dag = make(tmp.path(), "Målstyrningsdag 2027");
        let other = make(tmp.path(), "Annan dag");
        let by = |name: &str| open(Some(tmp.path()), Path::new(name), Lang::Sv);
        assert_eq!(by("malstyrningsdag-2027"), Ok(dag.clone()));
        assert_eq!(by("MÅLSTYRNINGSDAG 2027"), Ok(dag.clone()));
        assert_eq!(by("annan dag"), Ok(other.clone()));
        assert_eq!(by(other.root.to_str().unwrap()), Ok(other));
        let err = by("ingen").unwrap_err();
        assert!(err.contains("\"ingen\"") && err.contains("malstyrningsdag-2027  (Målstyrningsdag 2027)"), "{err}");
        let err = open(Some(&tmp.path().join("tom")), Path::new("ingen"), Lang::En).unwrap_err();
        assert!(err.contains("No workshops in"), "{err}");
    }

    #[test]
    fn a_name_that_fits_several_workshops_is_refused_with_the_list() {
        let tmp = tempfile::tempdir().unwrap();
        let first = make(tmp.path(), "Dag");
        let mut renamed = first.load_workshop().unwrap();
        renamed.title = "Ny dag".into();
        first.save_workshop(&renamed).unwrap();
        make(tmp.path(), "Ny dag"); // folder "ny-dag"; the other folder is "dag"
                                    // "dag" is a folder name exactly: that one.
        assert_eq!(open(Some(tmp.path()), Path::new("dag"), Lang::Sv), Ok(first));
        // "Ny dag" is the title of both.
        let err = open(Some(tmp.path()), Path::new("Ny dag"), Lang::En).unwrap_err();
        assert!(err.contains("matches several workshops") && err.contains("\n  dag  (Ny dag)"), "{err}");
    }
}
