//! The group session's answers from the shell: a save's note.

use super::session::save::SaveNote;
use super::{wizard, App};
use crate::domain::rebase::{rebase, Prefer};

/// Take a [`SaveNote`]: adopt the merged file (rebasing edits made while the
/// save ran onto it), reload the editor from the model, show the words.
pub fn on_save_note(app: &mut App, note: SaveNote) {
    let Some(g) = &mut app.group else { return };
    if let Some((sent, merged)) = note.replaced {
        if g.save.generation == note.generation {
            g.file = *merged;
        } else {
            // Typed while the save ran: those edits go on top of the merged file.
            let r = rebase(&sent, &g.file, &merged, Prefer::Ours);
            g.file = r.file;
        }
        wizard::reload(app);
    }
    let Some(g) = &mut app.group else { return };
    if note.saved_to.is_some() && note.saved_to == g.save.home {
        // Back in the original place: saves go there again.
        g.path = g.save.home.take().unwrap_or_default();
        g.save.saved_to = None;
    } else {
        g.save.saved_to = note.saved_to;
    }
    match note.note {
        // The lasting words take the hint line; the passing ones the status bar.
        Some(lasting) => {
            g.save.note = Some(lasting);
            if note.notice.is_some() {
                app.notice = note.notice;
            }
        }
        None if note.notice.is_some() => g.save.flash = note.notice,
        None => {}
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;
    use std::time::Instant;

    use super::*;
    use crate::app::session::save::SaveState;
    use crate::domain::GroupFile;

    /// A merged file comes back from the saver after more was typed: the
    /// newer typing goes on top of it, nothing of either is lost.
    #[test]
    fn a_merged_file_is_rebased_under_edits_typed_while_it_was_saved() {
        use crate::app::{App, GroupSession, Loaded, Theme};
        use crate::domain::model::{keys, Answer, Goal, Group, Workshop};
        let mut w = Workshop::new("T");
        let (g1, g2) = (Goal::new(None, "ett"), Goal::new(None, "två"));
        let group =
            Group { id: crate::domain::new_id(), name: "G".into(), slug: "g".into(), goals: vec![g1.id, g2.id] };
        w.goals = vec![g1.clone(), g2.clone()];
        w.groups.push(group.clone());
        let text = |f: &mut GroupFile, goal, t: &str| {
            f.answers_mut(goal).answers.insert(keys::EFFECT.into(), Answer::Text(t.into()));
        };
        let mut sent = GroupFile::new(&w, &group);
        text(&mut sent, g1.id, "vår");
        let mut app = App::new(crate::i18n::Lang::Sv, Theme::plain(), PathBuf::new(), None);
        let dir = crate::store::WorkshopDir { root: PathBuf::from("/nowhere") };
        app.loaded = Some(Loaded { dir, workshop: w.clone(), group_files: Default::default() });
        let mut current = sent.clone();
        text(&mut current, g1.id, "vår och mer");
        let mut save = SaveState::default();
        let t0 = Instant::now();
        save.edited(t0);
        let generation = save.generation;
        save.edited(t0);
        app.group = Some(GroupSession {
            group: group.clone(),
            path: PathBuf::from("/nowhere/g.ron"),
            file: current,
            read_only: false,
            save,
            history: Default::default(),
        });
        let mut merged = sent.clone();
        text(&mut merged, g2.id, "deras");
        let replaced = Some((Box::new(sent), Box::new(merged)));
        on_save_note(&mut app, SaveNote { generation, replaced, saved_to: None, notice: None, note: None });
        let f = &app.group.as_ref().unwrap().file;
        assert_eq!(f.answers(g1.id).unwrap().text(keys::EFFECT), Some("vår och mer"), "typed during the save");
        assert_eq!(f.answers(g2.id).unwrap().text(keys::EFFECT), Some("deras"), "merged from disk");
    }
}
