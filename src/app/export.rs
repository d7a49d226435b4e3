//! The export dialog: choose a format, see where the file went. Opened from
//! the facilitator menu (the merged outline) and from a group's goal list
//! (the group's own file). Writing is the shell's job: the dialog only emits
//! [`Effect::Export`] and shows the [`Msg::Exported`] that comes back.

use std::path::PathBuf;

use crossterm::event::KeyEvent;

use super::{Action, App, Context, Dialog, Effect};
pub use crate::app::msg::export::{ExportRequest, ExportResult, Target};
use crate::export::Format;

/// Where the dialog is.
#[derive(Clone, Debug, PartialEq)]
pub enum Stage {
    Choosing,
    /// The shell is writing.
    Working,
    /// Written: the full path, and a note when the outline was merged first.
    Done {
        path: PathBuf,
        note: Option<String>,
    },
    /// The error in words.
    Failed(String),
}

#[derive(Clone, Debug, PartialEq)]
pub struct ExportDialog {
    pub target: Target,
    /// Index into [`Format::ALL`].
    pub selected: usize,
    pub stage: Stage,
}

/// Open the dialog for the merged outline (facilitator menu).
pub fn open_outline(app: &mut App) {
    if app.loaded.is_some() {
        app.dialog =
            Some(Dialog::Export(ExportDialog { target: Target::Outline, selected: 0, stage: Stage::Choosing }));
    }
}

/// Open the dialog for the open group's own file (its goal list).
pub fn open_group(app: &mut App) {
    let Some(g) = &app.group else { return };
    let target = Target::Group { group: g.group.id, file: Box::new(g.file.clone()) };
    app.dialog = Some(Dialog::Export(ExportDialog { target, selected: 0, stage: Stage::Choosing }));
}

/// A key while the dialog is open. Returns the dialog to keep, or `None` to close it.
pub fn on_key(app: &mut App, mut d: ExportDialog, key: KeyEvent, fx: &mut Vec<Effect>) -> Option<ExportDialog> {
    let action = app.keymap.lookup(&[Context::Global, Context::Nav], &key);
    match (&d.stage, action) {
        (Stage::Working, _) => Some(d),
        (Stage::Choosing, Some(Action::Up)) => {
            d.selected = d.selected.saturating_sub(1);
            Some(d)
        }
        (Stage::Choosing, Some(Action::Down)) => {
            d.selected = (d.selected + 1).min(Format::ALL.len() - 1);
            Some(d)
        }
        (Stage::Choosing, Some(Action::First)) => {
            d.selected = 0;
            Some(d)
        }
        (Stage::Choosing, Some(Action::Last)) => {
            d.selected = Format::ALL.len() - 1;
            Some(d)
        }
        (Stage::Choosing, Some(Action::Open)) => {
            let Some(l) = &app.loaded else { return None };
            fx.push(Effect::Export(ExportRequest {
                root: l.dir.root.clone(),
                workshop: Box::new(l.workshop.clone()),
                target: d.target.clone(),
                format: Format::ALL[d.selected.min(Format::ALL.len() - 1)],
            }));
            d.stage = Stage::Working;
            Some(d)
        }
        // A failed export goes back to the choice, to try again.
        (Stage::Failed(_), Some(Action::Open)) => {
            d.stage = Stage::Choosing;
            Some(d)
        }
        (_, Some(Action::Back | Action::Open)) => None,
        _ => Some(d),
    }
}

/// The shell's answer.
pub fn on_exported(app: &mut App, result: ExportResult) {
    if let Some(Dialog::Export(d)) = &mut app.dialog {
        d.stage = match result {
            Ok((path, note)) => Stage::Done { path, note },
            Err(e) => Stage::Failed(e),
        };
    }
}

/// The help's words for the export key.
pub fn help_text(action: Action, lang: crate::i18n::Lang) -> Option<String> {
    (action == Action::Export).then(|| crate::i18n::export::T::ActExport.get(lang).to_string())
}

/// The facilitator menu's entry: title and the line under it.
pub fn menu_entry(lang: crate::i18n::Lang) -> (String, String) {
    use crate::i18n::export::T;
    (T::MenuExport.get(lang).to_string(), T::MenuExportAbout.get(lang).to_string())
}

/// The words for a format in the dialog.
pub fn format_text(format: Format, lang: crate::i18n::Lang) -> &'static str {
    use crate::i18n::export::T;
    match format {
        Format::Md => T::FormatMd,
        Format::Html => T::FormatHtml,
        Format::Docx => T::FormatDocx,
        Format::Xlsx => T::FormatXlsx,
        Format::Csv => T::FormatCsv,
        Format::Json => T::FormatJson,
        Format::Opml => T::FormatOpml,
    }
    .get(lang)
}
