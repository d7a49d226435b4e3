//! Kolada suggestions in the indicator form (issue #20): while the name or
//! the Kolada-id field has focus and holds at least two characters, the
//! best KPIs of the offline catalogue are listed under it. Enter (or a
//! click) takes one: the KPI's id, its title as the name, its description
//! as the definition and "Kolada" as the source. Taking it is the group's
//! choice for the field they typed the query in and for the id; a
//! definition, source or name they wrote themselves is only replaced after
//! a "j" to a one-line question. The whole take is one undo step.

use std::time::Instant;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use uuid::Uuid;

use super::{change, checkpoint, current, read_only, rebuild_editor, wiz};
use crate::app::session::fields::{self, Focus, IndField};
use crate::app::{App, Effect, Screen};
use crate::i18n::kolada::T;
use crate::kolada::Kpi;
use crate::tr;

/// The most suggestions kept for one query (the popup shows what fits).
pub const MAX_SUGGESTIONS: usize = 12;
/// The fewest characters that make a query.
pub const MIN_QUERY_CHARS: usize = 2;
/// What a KPI taken from Kolada gets as its source.
pub const SOURCE: &str = "Kolada";

/// The suggestion list of the focused field.
#[derive(Debug, Default)]
pub struct Suggestions {
    /// The field and text the list was made for.
    pub focus: Option<Focus>,
    pub query: String,
    /// Best first.
    pub hits: Vec<Kpi>,
    pub sel: usize,
    /// Esc closed the list (until the text changes).
    pub closed: bool,
}

impl Suggestions {
    /// True when the list is shown for `focus`.
    pub fn open_for(&self, focus: Focus) -> bool {
        self.focus == Some(focus) && !self.closed && !self.hits.is_empty()
    }
}

/// Kolada's texts for fields the group had already filled in differently,
/// waiting for a "j" (replace) or "n" (keep).
#[derive(Clone, Debug, PartialEq)]
pub struct Offer {
    pub indicator: Uuid,
    pub key: String,
    pub fields: Vec<(IndField, String)>,
}

/// True when `focus` is a field that suggests KPIs.
fn suggests(focus: Focus) -> bool {
    matches!(focus, Focus::Indicator { field: IndField::Name | IndField::Kolada, .. })
}

/// After every message: when the focused field's text changed, ask the
/// shell to search for it (a search of 6,000 KPIs takes about a millisecond,
/// longer than a frame's budget, so it never runs on a keystroke). The list
/// shown meanwhile stays until the answer comes ([`on_hits`]).
pub fn refresh(app: &mut App, fx: &mut Vec<Effect>) {
    let has_catalogue = app.kolada.is_some();
    let Screen::Wizard(w) = &mut app.screen else { return };
    let query = w.editor.as_ref().filter(|e| e.focus == w.focus && suggests(w.focus)).map(|e| e.text());
    match query {
        Some(q) if has_catalogue && q.trim().chars().count() >= MIN_QUERY_CHARS => {
            if w.suggest.focus == Some(w.focus) && w.suggest.query == q {
                return;
            }
            if w.suggest.focus != Some(w.focus) {
                w.suggest.hits.clear();
            }
            w.suggest.focus = Some(w.focus);
            w.suggest.query = q.clone();
            w.suggest.closed = false;
            fx.push(Effect::KoladaSearch(q));
        }
        _ => w.suggest = Suggestions::default(),
    }
}

/// The shell's answer to a search: shown if the field still holds that text.
pub fn on_hits(app: &mut App, query: &str, hits: Vec<Kpi>) {
    let Screen::Wizard(w) = &mut app.screen else { return };
    if w.suggest.focus == Some(w.focus) && w.suggest.query == query {
        w.suggest.hits = hits;
        w.suggest.sel = 0;
    }
}

/// What the shell's search worker answers for `query`.
pub fn search(catalogue: &crate::kolada::Catalogue, query: &str) -> Vec<Kpi> {
    crate::kolada::suggest(catalogue, query, MAX_SUGGESTIONS).into_iter().map(|m| m.kpi.clone()).collect()
}

/// The keys of the open list and of a pending offer. Returns true when the
/// key was theirs.
pub fn on_key(app: &mut App, key: KeyEvent, now: Instant) -> bool {
    if let Some(offer) = wiz(app).and_then(|w| w.offer.take()) {
        let yes = matches!(key.code, KeyCode::Enter | KeyCode::Char('j' | 'J' | 'y' | 'Y'));
        let no = matches!(key.code, KeyCode::Esc | KeyCode::Char('n' | 'N'));
        let names = field_names(app, &offer.fields);
        if yes {
            replace(app, offer, now);
            app.notice = Some(tr!(app.lang, T::FormReplaced, fields = names));
            return true;
        }
        // Any other key keeps what the group wrote (and does what it does).
        app.notice = Some(tr!(app.lang, T::FormKept, fields = names));
        return no;
    }
    let Some((_, _, focus, _)) = current(app) else { return false };
    let Some(w) = wiz(app) else { return false };
    if !w.suggest.open_for(focus) {
        return false;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let last = w.suggest.hits.len() - 1;
    match key.code {
        KeyCode::Down if key.modifiers.is_empty() => w.suggest.sel = (w.suggest.sel + 1).min(last),
        KeyCode::Char('n') if ctrl => w.suggest.sel = (w.suggest.sel + 1).min(last),
        KeyCode::Up if key.modifiers.is_empty() => w.suggest.sel = w.suggest.sel.saturating_sub(1),
        KeyCode::Char('p') if ctrl => w.suggest.sel = w.suggest.sel.saturating_sub(1),
        KeyCode::Esc => w.suggest.closed = true,
        KeyCode::Enter => {
            let sel = w.suggest.sel;
            take(app, sel, now);
        }
        _ => return false,
    }
    true
}

/// Take suggestion `n` of the open list into the focused indicator.
pub fn take(app: &mut App, n: usize, now: Instant) {
    let Some((_, _, focus, q)) = current(app) else { return };
    let Focus::Indicator { id, field } = focus else { return };
    let Some(w) = wiz(app) else { return };
    let Some(kpi) = w.suggest.hits.get(n).cloned() else { return };
    let query = w.suggest.query.trim().to_string();
    if read_only(app) {
        return;
    }
    checkpoint(app, None);
    let key = q.key.clone();
    let (filled, differ) = change(app, now, |a| {
        let Some(ind) = fields::indicator_mut(a, &key, id) else { return (Vec::new(), Vec::new()) };
        // Taking the KPI is the choice for the field typed in and for the id.
        let mut wanted = vec![(IndField::Kolada, kpi.id.clone()), (IndField::Name, kpi.title.clone())];
        wanted.push((IndField::Definition, kpi.description.trim().to_string()));
        wanted.push((IndField::Source, SOURCE.to_string()));
        let (mut filled, mut differ) = (Vec::new(), Vec::new());
        for (f, value) in wanted {
            let Some(slot) = f.text_mut(ind) else { continue };
            let mine = slot.trim();
            let chosen = f == field || f == IndField::Kolada || mine.is_empty() || mine == query;
            if value.is_empty() || mine == value.trim() || (f == IndField::Source && mine.eq_ignore_ascii_case(SOURCE))
            {
                continue;
            }
            if chosen {
                *slot = value;
                filled.push(f);
            } else {
                differ.push((f, value));
            }
        }
        (filled, differ)
    })
    .unwrap_or_default();
    rebuild_editor(app);
    let filled_names = filled.iter().map(|f| label(app, *f)).collect::<Vec<_>>().join(", ");
    app.notice = Some(tr!(app.lang, T::FormTaken, id = kpi.id, fields = filled_names));
    if !differ.is_empty() {
        if let Some(w) = wiz(app) {
            w.offer = Some(Offer { indicator: id, key, fields: differ });
        }
    }
    // The field now holds the KPI's text: no list for it until it is edited.
    if let Some(w) = wiz(app) {
        let text = w.editor.as_ref().map(|e| e.text()).unwrap_or_default();
        w.suggest = Suggestions { focus: Some(focus), query: text, closed: true, ..Suggestions::default() };
    }
}

/// "j" to the offer: Kolada's texts replace the group's, in the same undo
/// step as the take (no checkpoint in between).
fn replace(app: &mut App, offer: Offer, now: Instant) {
    if read_only(app) {
        return;
    }
    change(app, now, |a| {
        if let Some(ind) = fields::indicator_mut(a, &offer.key, offer.indicator) {
            for (f, value) in &offer.fields {
                if let Some(slot) = f.text_mut(ind) {
                    slot.clone_from(value);
                }
            }
        }
    });
    rebuild_editor(app);
    if let Some(w) = wiz(app) {
        let text = w.editor.as_ref().map(|e| e.text()).unwrap_or_default();
        w.suggest = Suggestions { focus: Some(w.focus), query: text, closed: true, ..Suggestions::default() };
    }
}

fn label(app: &App, f: IndField) -> String {
    use crate::i18n::tui::T as U;
    let t = match f {
        IndField::Name => U::FName,
        IndField::Definition => U::FDefinition,
        IndField::Source => U::FSource,
        _ => U::FKolada,
    };
    app.t(t).to_lowercase()
}

fn field_names(app: &App, fields: &[(IndField, String)]) -> String {
    fields.iter().map(|(f, _)| label(app, *f)).collect::<Vec<_>>().join(", ")
}

/// The question of a pending offer, for the line above the form.
pub fn offer_text(app: &App, offer: &Offer) -> String {
    tr!(app.lang, T::FormOffer, fields = field_names(app, &offer.fields))
}
