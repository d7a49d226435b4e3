//! Setting up a workshop: details, goals (pasted or imported, then edited),
//! groups, the goals × groups assignment, the questions, and finally
//! creating the workshop (or saving the edited one). One screen with a page
//! per part; the draft [`Workshop`] in the state is the truth, text fields
//! copy their text into it as it changes.

pub mod form;
pub mod import;
pub mod pages;
pub use crate::app::session::setup_rebase as rebase;

use std::path::PathBuf;

use crossterm::event::KeyEvent;
use uuid::Uuid;

use super::{FacilEffect, FacilMsg};
use crate::app::{Action, App, Context, Effect};
use crate::domain::{assign::Strategy, validate, GroupFile, Question, Workshop};
use crate::i18n::setup::T;
use crate::tr;

pub use form::{Form, Target};

/// The pages, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    Details,
    Goals,
    Groups,
    Assign,
    Questions,
    Finish,
}

impl Page {
    pub const ALL: [Page; 6] = [Page::Details, Page::Goals, Page::Groups, Page::Assign, Page::Questions, Page::Finish];

    pub fn index(self) -> usize {
        Page::ALL.iter().position(|p| *p == self).unwrap_or(0)
    }

    pub fn title(self) -> T {
        match self {
            Page::Details => T::PageDetails,
            Page::Goals => T::PageGoals,
            Page::Groups => T::PageGroups,
            Page::Assign => T::PageAssign,
            Page::Questions => T::PageQuestions,
            Page::Finish => T::PageFinish,
        }
    }
}

/// A list to pick from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Choose {
    /// The kind (or a suggested question) of a new question.
    Question { sel: usize },
    /// A saved question template.
    Template { sel: usize },
}

pub use crate::app::msg::facil::Removal;

/// A question before something is removed for good.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Confirm {
    /// The question has `answers` answers (they stay in the files).
    RemoveQuestion {
        key: String,
        answers: usize,
    },
    RemoveGoal {
        goal: Uuid,
        answers: usize,
    },
    RemoveGroup {
        group: Uuid,
    },
    /// Leave with unsaved changes.
    Leave,
    /// Quit the program with unsaved changes.
    Quit,
    /// At save time the groups had written more about something removed:
    /// save anyway (the answers stay in their files)?
    SaveRemoved {
        counts: Vec<(Removal, usize)>,
    },
}

#[derive(Debug)]
pub enum Mode {
    Browse,
    Form(Box<Form>),
    Import(Box<import::ImportState>),
    Choose(Choose),
    Confirm(Confirm),
}

/// A line under the page: an error or a confirmation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub error: bool,
    pub text: String,
}

#[derive(Debug)]
pub struct SetupState {
    pub draft: Workshop,
    /// The date as typed (`ÅÅÅÅ-MM-DD`), checked when saving.
    pub date: String,
    /// The folder of the workshop being edited; `None` for a new one.
    pub existing: Option<PathBuf>,
    /// The workshop as it was when the editor opened (or last saved): saving
    /// applies only what changed since onto the file as it is then.
    pub base: Workshop,
    /// The group files at opening, to count answers before removing.
    pub files: Vec<GroupFile>,
    pub page: Page,
    /// The selected row (goal, group, question) of the page.
    pub sel: usize,
    /// The selected column (group) of the assignment matrix.
    pub col: usize,
    pub mode: Mode,
    pub dirty: bool,
    /// The facilitator toggled cells by hand: groups and goals added later
    /// no longer re-run the strategy.
    pub manual: bool,
    pub strategy: Strategy,
    pub message: Option<Message>,
    pub templates: Vec<(String, Vec<Question>)>,
    /// Answer counts the facilitator accepted when removing a question or
    /// goal (saving asks again when the files hold more by then).
    pub accepted: std::collections::BTreeMap<Removal, usize>,
}

impl SetupState {
    fn new(draft: Workshop, existing: Option<PathBuf>, files: Vec<GroupFile>) -> SetupState {
        let date = draft.date.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default();
        let mut s = SetupState {
            base: draft.clone(),
            draft,
            date,
            manual: existing.is_some(),
            existing,
            files,
            page: Page::Details,
            sel: 0,
            col: 0,
            mode: Mode::Browse,
            dirty: false,
            strategy: Strategy::EvenlyInOrder,
            message: None,
            templates: Vec::new(),
            accepted: Default::default(),
        };
        s.enter_page(Page::Details);
        s
    }

    /// What the draft removed since `base` (questions, goals), each with the
    /// answer count the facilitator accepted (0 when not asked).
    pub fn removed(&self) -> Vec<(Removal, usize)> {
        let questions = self
            .base
            .questions
            .iter()
            .filter(|q| self.draft.question(&q.key).is_none())
            .map(|q| Removal::Question(q.key.clone()));
        let goals = self.base.goals.iter().filter(|g| self.draft.goal(g.id).is_none()).map(|g| Removal::Goal(g.id));
        questions
            .chain(goals)
            .map(|r| {
                let n = self.accepted.get(&r).copied().unwrap_or(0);
                (r, n)
            })
            .collect()
    }

    /// The words for something removed: the question's prompt, the goal's label.
    pub fn removal_label(&self, r: &Removal, lang: crate::i18n::Lang) -> String {
        match r {
            Removal::Question(key) => self.base.question(key).map(|q| q.prompt.get(lang).to_string()),
            Removal::Goal(id) => self.base.goal(*id).map(|g| g.label()),
        }
        .unwrap_or_default()
    }

    /// Keep the selection inside the page's rows after the draft changed.
    fn fix_selection(&mut self) {
        let rows = match self.page {
            Page::Goals => self.draft.goals.len(),
            Page::Groups | Page::Assign => self.draft.groups.len() + 1,
            Page::Questions => self.draft.questions.len() + 1,
            _ => return,
        };
        self.sel = self.sel.min(rows.saturating_sub(1));
    }

    pub fn is_new(&self) -> bool {
        self.existing.is_none()
    }

    pub fn info(&mut self, text: String) {
        self.message = Some(Message { error: false, text });
    }

    pub fn error(&mut self, text: String) {
        self.message = Some(Message { error: true, text });
    }

    pub fn edited(&mut self) {
        self.dirty = true;
    }

    /// Re-run the strategy after goals or groups changed (until the
    /// facilitator toggles cells by hand).
    pub fn reassign(&mut self) {
        if !self.manual {
            crate::domain::assign::apply(&mut self.draft, self.strategy);
        }
    }

    /// Go to a page: the details page is a form, the goals page of an empty
    /// new workshop opens the import.
    pub fn enter_page(&mut self, page: Page) {
        self.page = page;
        self.sel = 0;
        self.col = 0;
        self.mode = match page {
            Page::Details => Mode::Form(Box::new(Form::open(self, Target::Details, false))),
            Page::Goals if self.draft.goals.is_empty() => Mode::Import(Box::default()),
            _ => Mode::Browse,
        };
    }

    /// Back to the page after a question: its list, or the details form.
    pub fn browse(&mut self) {
        self.mode = match self.page {
            Page::Details => Mode::Form(Box::new(Form::open(self, Target::Details, false))),
            _ => Mode::Browse,
        };
    }

    pub fn paste(&mut self, text: &str) {
        match &mut self.mode {
            Mode::Form(f) => {
                f.input.paste(text);
                form::sync(self);
            }
            Mode::Import(i) => i.paste(text),
            _ => {}
        }
    }

    pub fn hint(&self, app: &App) -> String {
        let key = match (&self.mode, self.page) {
            (Mode::Form(f), _) => f.hint(),
            (Mode::Import(_), _) => T::HintImport,
            (Mode::Choose(_), _) => T::HintChoose,
            (Mode::Confirm(_), _) => T::HintConfirm,
            (Mode::Browse, Page::Goals) => T::HintGoals,
            (Mode::Browse, Page::Groups) => T::HintGroups,
            (Mode::Browse, Page::Assign) => T::HintAssign,
            (Mode::Browse, Page::Questions) => T::HintQuestions,
            (Mode::Browse, _) if self.is_new() => T::HintFinishNew,
            (Mode::Browse, _) => T::HintFinishEdit,
        };
        format!(" {}", app.ts(key))
    }

    /// Errors that stop creating or saving: the date and the workshop's
    /// reference checks (warnings are shown, not blocking).
    pub fn blocking(&self, lang: crate::i18n::Lang) -> Vec<String> {
        let mut out = Vec::new();
        if !self.date.trim().is_empty() && parse_date(&self.date).is_none() {
            out.push(tr!(lang, T::BadDate, date = self.date.trim()));
        }
        let w = self.workshop_to_save();
        out.extend(validate::check_workshop(&w).into_iter().filter(|f| !f.is_warning()).map(|f| f.message(lang)));
        out
    }

    /// The draft as it will be written: text normalised, date parsed.
    pub fn workshop_to_save(&self) -> Workshop {
        let mut w = self.draft.clone();
        w.title = crate::domain::text::normalize(w.title.trim());
        w.organisation = crate::domain::text::normalize(w.organisation.trim());
        w.plan = crate::domain::text::normalize(w.plan.trim());
        w.date = parse_date(&self.date);
        w
    }
}

/// A conflict in the facilitator's words.
fn conflict_words(c: &rebase::Conflict, lang: crate::i18n::Lang) -> String {
    use rebase::Conflict;
    match c {
        Conflict::Title => tr!(lang, T::ConflictTitle),
        Conflict::Organisation => tr!(lang, T::ConflictOrganisation),
        Conflict::Plan => tr!(lang, T::ConflictPlan),
        Conflict::Date => tr!(lang, T::ConflictDate),
        Conflict::Language => tr!(lang, T::ConflictLanguage),
        Conflict::Timebox => tr!(lang, T::ConflictTimebox),
        Conflict::Goal(name) => tr!(lang, T::ConflictGoal, name = name),
        Conflict::Group(name) => tr!(lang, T::ConflictGroup, name = name),
        Conflict::Question(name) => tr!(lang, T::ConflictQuestion, name = name),
    }
}

pub fn parse_date(text: &str) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

pub(crate) fn state(app: &mut App) -> Option<&mut SetupState> {
    match &mut app.screen {
        crate::app::Screen::Setup(s) => Some(s),
        _ => None,
    }
}

/// "Ny workshop": an empty draft with the default questions and four groups.
pub fn open_new(app: &mut App) {
    let mut w = Workshop::new("");
    w.language = app.lang;
    let names = crate::domain::setup::default_group_names(4, app.lang).unwrap_or_default();
    w.groups = crate::domain::setup::make_groups(&names);
    let s = SetupState::new(w, None, Vec::new());
    app.screen = crate::app::Screen::Setup(Box::new(s));
}

/// Edit the open workshop (and read the groups' files afresh: groups may
/// have written since it was opened).
pub fn open_edit(app: &mut App, fx: &mut Vec<Effect>) {
    let Some(l) = &app.loaded else { return };
    fx.push(Effect::Facil(FacilEffect::LoadGroupFiles(l.dir.root.clone())));
    let s = SetupState::new(l.workshop.clone(), Some(l.dir.root.clone()), l.group_files.values().cloned().collect());
    app.screen = crate::app::Screen::Setup(Box::new(s));
}

pub fn on_key(app: &mut App, key: KeyEvent, global: Option<Action>, fx: &mut Vec<Effect>) {
    let lang = app.lang;
    let keymap = app.keymap.clone();
    let sessions = app.sessions.clone();
    let Some(s) = state(app) else { return };
    if !matches!(s.mode, Mode::Form(_)) {
        s.message = None;
    }
    // Page changes and Ctrl-S work everywhere but in a question or a list to pick from.
    let step = global.or_else(|| keymap.lookup(&[Context::Wizard], &key));
    let free = !matches!(s.mode, Mode::Confirm(_) | Mode::Choose(_));
    if step == Some(Action::Quit) {
        // Asked first (see `guards_quit`); a second Ctrl-Q quits.
        match s.mode {
            Mode::Confirm(Confirm::Quit) => fx.push(Effect::Quit),
            _ => s.mode = Mode::Confirm(Confirm::Quit),
        }
        return;
    }
    match step {
        Some(a @ (Action::NextStep | Action::PrevStep)) if free => {
            let i = s.page.index() as isize + if a == Action::NextStep { 1 } else { -1 };
            if let Some(page) = usize::try_from(i).ok().and_then(|i| Page::ALL.get(i)) {
                if form::close(s, lang) && import::close(s, lang) {
                    s.enter_page(*page);
                }
            }
            return;
        }
        Some(Action::Save) if free => {
            if form::close(s, lang) && import::close(s, lang) {
                finish(s, lang, &sessions, fx);
            }
            return;
        }
        // F1 (a global key, never typed text) opens the help everywhere.
        Some(Action::Help) => {
            app.help = true;
            return;
        }
        _ => {}
    }
    let back = pages::on_key(s, &keymap, key, global, lang, &sessions, fx);
    if back {
        super::to_menu(app);
    }
}

/// Create the workshop or save the edited one, once nothing blocks it.
pub fn finish(s: &mut SetupState, lang: crate::i18n::Lang, sessions: &std::path::Path, fx: &mut Vec<Effect>) {
    let blocking = s.blocking(lang);
    if let Some(first) = blocking.first() {
        s.error(first.clone());
        s.page = Page::Finish;
        s.mode = Mode::Browse;
        return;
    }
    let workshop = Box::new(s.workshop_to_save());
    match &s.existing {
        Some(root) => {
            let base = Box::new(s.base.clone());
            let removed = s.removed();
            fx.push(Effect::Facil(FacilEffect::SaveSetup { root: root.clone(), base, workshop, removed }))
        }
        None => fx.push(Effect::Facil(FacilEffect::Create { sessions: sessions.to_path_buf(), workshop })),
    }
    s.info(tr!(lang, T::Saving));
}

pub fn on_msg(app: &mut App, msg: FacilMsg) {
    let lang = app.lang;
    if let FacilMsg::SetupSaved(Ok((w, _))) = &msg {
        if let Some(l) = &mut app.loaded {
            l.workshop = (**w).clone();
        }
    }
    let Some(s) = state(app) else { return };
    match msg {
        FacilMsg::GoalFile { name, bytes } => import::file_read(s, &name, bytes, lang),
        FacilMsg::SetupSaved(Ok((w, conflicts))) => {
            // What others added meanwhile is now in the draft too.
            s.date = w.date.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default();
            s.base = (*w).clone();
            s.draft = *w;
            s.dirty = false;
            s.fix_selection();
            if conflicts.is_empty() {
                s.info(tr!(lang, T::SavedSetup));
            } else {
                let fields: Vec<String> = conflicts.iter().map(|c| conflict_words(c, lang)).collect();
                s.info(tr!(lang, T::SavedWithConflicts, fields = fields.join(", ")));
            }
        }
        FacilMsg::Templates(Ok(list)) if list.is_empty() => s.info(tr!(lang, T::NoTemplates)),
        FacilMsg::Templates(Ok(list)) => {
            s.templates = list;
            s.mode = Mode::Choose(Choose::Template { sel: 0 });
        }
        FacilMsg::TemplateSaved(Ok(name)) => s.info(tr!(lang, T::TemplateSaved, name = name)),
        FacilMsg::GroupFiles(files) => s.files = files,
        FacilMsg::RemovedAnswered(counts) => {
            s.message = None;
            s.mode = Mode::Confirm(Confirm::SaveRemoved { counts });
        }
        FacilMsg::SetupSaved(Err(e))
        | FacilMsg::Created(Err(e))
        | FacilMsg::Templates(Err(e))
        | FacilMsg::TemplateSaved(Err(e)) => s.error(e),
        FacilMsg::Created(Ok(_)) | FacilMsg::TimerSaved(_) | FacilMsg::Outline(_) | FacilMsg::OutlineSaved { .. } => {}
    }
}
