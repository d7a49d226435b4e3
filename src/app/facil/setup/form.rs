//! The text forms of the setup: the workshop's details, a goal, a group's
//! name, the group count or names, a question's texts, a template's name.
//! Details, goals and questions are written into the draft as they are
//! typed; names and counts are checked and applied on Enter.

use crossterm::event::KeyEvent;
use uuid::Uuid;

use super::{Mode, SetupState};
use crate::app::facil::FacilEffect;
use crate::app::widgets::input::Input;
use crate::app::{Action, Context, Effect, Keymap};
use crate::domain::setup::{self as dsetup, GoalField};
use crate::domain::Bilingual;
use crate::i18n::setup::T;
use crate::i18n::Lang;

/// What a form edits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    Details,
    Goal(Uuid),
    /// "4" or "Röd, Blå, Grön": replaces the groups of a new workshop.
    GroupSpec,
    Group(Uuid),
    NewGroup,
    Question(String),
    TemplateName,
}

impl Target {
    /// The labels of the form's fields.
    pub fn labels(&self) -> &'static [T] {
        match self {
            Target::Details => &[T::FTitle, T::FOrganisation, T::FPlan, T::FDate],
            Target::Goal(_) => &[T::FCode, T::FWording, T::FPerspective, T::FOwner],
            Target::GroupSpec => &[T::FGroupSpec],
            Target::Group(_) | Target::NewGroup => &[T::FGroupName],
            Target::Question(_) => &[T::FPromptSv, T::FPromptEn, T::FGuidanceSv, T::FGuidanceEn],
            Target::TemplateName => &[T::FTemplateName],
        }
    }
}

#[derive(Debug)]
pub struct Form {
    pub target: Target,
    pub field: usize,
    pub input: Input,
    /// Made for this form: dropped again when left blank.
    pub new: bool,
}

impl Form {
    pub fn open(s: &SetupState, target: Target, new: bool) -> Form {
        Form::open_at(s, target, 0, new)
    }

    /// Open on field `field`.
    pub fn open_at(s: &SetupState, target: Target, field: usize, new: bool) -> Form {
        let text = value(s, &target, field);
        Form { target, field, input: Input::new(&text, false), new }
    }

    pub fn hint(&self) -> T {
        match self.target {
            Target::Details => T::HintDetails,
            _ if self.target.labels().len() > 1 => T::HintForm,
            _ => T::HintLine,
        }
    }
}

/// The text of a field in the draft.
pub fn value(s: &SetupState, target: &Target, field: usize) -> String {
    let w = &s.draft;
    let opt = |o: &Option<String>| o.clone().unwrap_or_default();
    match target {
        Target::Details => match field {
            0 => w.title.clone(),
            1 => w.organisation.clone(),
            2 => w.plan.clone(),
            _ => s.date.clone(),
        },
        Target::Goal(id) => w
            .goal(*id)
            .map(|g| match field {
                0 => opt(&g.code),
                1 => g.wording.clone(),
                2 => opt(&g.perspective),
                _ => opt(&g.owner),
            })
            .unwrap_or_default(),
        Target::GroupSpec => w.groups.iter().map(|g| g.name.clone()).collect::<Vec<_>>().join(", "),
        Target::Group(id) => w.group(*id).map(|g| g.name.clone()).unwrap_or_default(),
        Target::NewGroup | Target::TemplateName => String::new(),
        Target::Question(key) => w
            .questions
            .iter()
            .find(|q| q.key == *key)
            .map(|q| match field {
                0 => q.prompt.sv.clone(),
                1 => q.prompt.en.clone(),
                2 => q.guidance.sv.clone(),
                _ => q.guidance.en.clone(),
            })
            .unwrap_or_default(),
    }
}

/// Copy the open field's text into the draft (details, goals, questions).
pub fn sync(s: &mut SetupState) {
    let Mode::Form(f) = &s.mode else { return };
    let (target, field, text) = (f.target.clone(), f.field, f.input.text());
    let some = |t: &str| (!t.trim().is_empty()).then(|| t.to_string());
    let w = &mut s.draft;
    match &target {
        Target::Details => match field {
            0 => w.title = text,
            1 => w.organisation = text,
            2 => w.plan = text,
            _ => s.date = text,
        },
        Target::Goal(id) => {
            if let Some(g) = w.goals.iter_mut().find(|g| g.id == *id) {
                match field {
                    0 => g.code = some(&text),
                    1 => g.wording = text,
                    2 => g.perspective = some(&text),
                    _ => g.owner = some(&text),
                }
            }
        }
        Target::Question(key) => {
            if let Some(q) = w.questions.iter_mut().find(|q| q.key == *key) {
                let slot = match field {
                    0 => &mut q.prompt.sv,
                    1 => &mut q.prompt.en,
                    2 => &mut q.guidance.sv,
                    _ => &mut q.guidance.en,
                };
                *slot = text;
            }
        }
        _ => return,
    }
    s.edited();
}

fn move_field(s: &mut SetupState, delta: isize) {
    let Mode::Form(f) = &s.mode else { return };
    let n = f.target.labels().len() as isize;
    let next = (f.field as isize + delta).rem_euclid(n) as usize;
    let text = value(s, &f.target, next);
    if let Mode::Form(f) = &mut s.mode {
        f.field = next;
        f.input = Input::new(&text, false);
    }
}

/// Leave the form, applying what needs checking. False (with a message)
/// when the text cannot be used; the form then stays open.
pub fn close(s: &mut SetupState, lang: Lang) -> bool {
    let Mode::Form(f) = &s.mode else { return true };
    let (target, new, text) = (f.target.clone(), f.new, f.input.text());
    let result = match &target {
        Target::Goal(id) => {
            let blank = s.draft.goal(*id).is_none_or(|g| g.wording.trim().is_empty());
            if blank && new {
                let _ = dsetup::remove_goal(&mut s.draft, *id);
                Ok(())
            } else if blank {
                Err(dsetup::SetupError::EmptyWording)
            } else {
                // Trimmed and normalised through the domain's own setter.
                let values: Vec<String> = (0..4).map(|i| value(s, &target, i)).collect();
                let kinds = [GoalField::Code, GoalField::Wording, GoalField::Perspective, GoalField::Owner];
                for (kind, value) in kinds.into_iter().zip(values) {
                    let _ = dsetup::set_goal_field(&mut s.draft, *id, kind, &value);
                }
                if new {
                    s.reassign();
                }
                Ok(())
            }
        }
        Target::GroupSpec => apply_group_spec(s, &text, lang),
        Target::Group(id) => dsetup::rename_group(&mut s.draft, *id, &text),
        Target::NewGroup if text.trim().is_empty() => Ok(()),
        Target::NewGroup => dsetup::add_group(&mut s.draft, &text).map(|_| s.reassign()),
        Target::Question(key) => {
            let blank =
                s.draft.questions.iter().find(|q| q.key == *key).is_none_or(|q| q.prompt == Bilingual::default());
            if blank && new {
                s.draft.questions.retain(|q| q.key != *key);
            }
            Ok(())
        }
        Target::Details | Target::TemplateName => Ok(()),
    };
    match result {
        Ok(()) => {
            if !matches!(target, Target::Details | Target::TemplateName) {
                s.edited();
            }
            s.mode = Mode::Browse;
            true
        }
        Err(e) => {
            s.error(e.message(lang));
            false
        }
    }
}

/// "4" makes four groups, "Röd, Blå" two named ones (new workshops only:
/// an existing workshop's groups may already have files).
fn apply_group_spec(s: &mut SetupState, text: &str, lang: Lang) -> Result<(), dsetup::SetupError> {
    let text = text.trim();
    let names = match text.parse::<usize>() {
        Ok(n) => dsetup::default_group_names(n, lang)?,
        Err(_) => dsetup::check_group_names(&text.split(',').map(String::from).collect::<Vec<_>>())?,
    };
    s.draft.groups = dsetup::make_groups(&names);
    s.reassign();
    Ok(())
}

/// Keys in a form. Returns true when the facilitator leaves the setup.
pub fn on_key(
    s: &mut SetupState,
    keymap: &Keymap,
    key: KeyEvent,
    global: Option<Action>,
    lang: Lang,
    fx: &mut Vec<Effect>,
) -> bool {
    let Mode::Form(f) = &mut s.mode else { return false };
    let details = f.target == Target::Details;
    let last = f.field + 1 == f.target.labels().len();
    match global.or_else(|| keymap.lookup(&[Context::Form, Context::Wizard], &key)) {
        Some(Action::Back) if details && s.dirty => s.mode = Mode::Confirm(super::Confirm::Leave),
        Some(Action::Back) if details => return true,
        Some(Action::Back) => {
            close(s, lang);
        }
        Some(Action::NextField) => move_field(s, 1),
        Some(Action::PrevField) => move_field(s, -1),
        Some(Action::Confirm) if f.target == Target::TemplateName => {
            let name = f.input.text().trim().to_string();
            if !name.is_empty() {
                fx.push(Effect::Facil(FacilEffect::SaveTemplate { name, questions: s.draft.questions.clone() }));
            }
            s.mode = Mode::Browse;
        }
        Some(Action::Confirm) if details && last => {
            s.enter_page(super::Page::Goals);
        }
        Some(Action::Confirm) if !last => move_field(s, 1),
        Some(Action::Confirm) => {
            close(s, lang);
        }
        _ => {
            if f.input.key(key) {
                sync(s);
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::facil::setup::{Page, SetupState};
    use crate::domain::{Goal, Workshop};

    fn state() -> SetupState {
        let mut w = Workshop::new("Dag");
        w.goals.push(Goal::new(Some("1".into()), "Trygg uppväxt"));
        w.groups = dsetup::make_groups(&["Röd".into(), "Blå".into()]);
        let mut s = SetupState::new(w, None, Vec::new());
        s.enter_page(Page::Goals);
        s
    }

    fn typing(s: &mut SetupState, target: Target, field: usize, text: &str, new: bool) {
        let mut f = Form::open_at(s, target, field, new);
        f.input = Input::new(text, false);
        s.mode = Mode::Form(Box::new(f));
        sync(s);
    }

    #[test]
    fn a_blank_new_goal_is_dropped_and_a_blanked_old_one_refused() {
        let mut s = state();
        let id = Goal::new(None, "").id;
        s.draft.goals.push(Goal { id, ..Goal::new(None, "") });
        typing(&mut s, Target::Goal(id), 1, "  ", true);
        assert!(close(&mut s, Lang::Sv));
        assert_eq!(s.draft.goals.len(), 1, "the blank new goal is gone");
        let old = s.draft.goals[0].id;
        typing(&mut s, Target::Goal(old), 1, "", false);
        assert!(!close(&mut s, Lang::Sv), "an existing goal keeps a wording");
        assert!(s.message.as_ref().is_some_and(|m| m.error));
        typing(&mut s, Target::Goal(old), 1, "  Trygg  uppväxt för alla ", false);
        assert!(close(&mut s, Lang::Sv));
        assert_eq!(s.draft.goals[0].wording, "Trygg  uppväxt för alla");
    }

    #[test]
    fn group_spec_is_a_count_or_names() {
        let mut s = state();
        typing(&mut s, Target::GroupSpec, 0, "0", false);
        assert!(!close(&mut s, Lang::Sv));
        assert_eq!(s.draft.groups.len(), 2, "unchanged after a bad count");
        typing(&mut s, Target::GroupSpec, 0, "Röd, röd", false);
        assert!(!close(&mut s, Lang::En));
        assert!(s.message.as_ref().is_some_and(|m| m.text.contains("röd")));
        typing(&mut s, Target::GroupSpec, 0, "3", false);
        assert!(close(&mut s, Lang::En));
        let names: Vec<&str> = s.draft.groups.iter().map(|g| g.name.as_str()).collect();
        assert_eq!(names, vec!["Group 1", "Group 2", "Group 3"]);
        assert_eq!(s.draft.groups[0].goals, vec![s.draft.goals[0].id], "re-assigned evenly");
    }
}
