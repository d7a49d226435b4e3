//! Drawing the facilitator menu.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Widget;

use super::{Entry, MenuState};
use crate::app::ctx::Ctx;
use crate::app::widgets::frame::heading;
use crate::app::widgets::list::{render_list, Item};
use crate::app::widgets::wrap::ellipsize;
use crate::i18n::setup::T;

/// The heading and the list.
pub fn layout(area: Rect) -> [Rect; 2] {
    let [head, _, list] =
        area.layout(&Layout::vertical([Constraint::Length(1), Constraint::Length(1), Constraint::Fill(1)]));
    [head, list]
}

pub struct MenuView<'a> {
    pub state: &'a MenuState,
    pub ctx: Ctx<'a>,
}

impl Widget for MenuView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (m, ctx) = (self.state, &self.ctx);
        let lang = ctx.lang;
        let [head, list] = layout(area);
        heading(ctx.theme, ctx.ts(T::MenuTitle), head, buf);
        let width = list.width.saturating_sub(4) as usize;
        let items = m
            .entries(ctx)
            .into_iter()
            .map(|e| {
                use crate::i18n::export::T as E;
                use crate::i18n::merge::T as M;
                use crate::i18n::plenary::T as P;
                let (title, about) = match e {
                    Entry::NewWorkshop => (ctx.ts(T::MenuNew), ctx.ts(T::MenuNewAbout)),
                    Entry::EditWorkshop => (ctx.ts(T::MenuEdit), ctx.ts(T::MenuEditAbout)),
                    Entry::Timer => (ctx.ts(T::MenuTimer), ctx.ts(T::MenuTimerAbout)),
                    Entry::Export => (E::MenuExport.get(lang).into(), E::MenuExportAbout.get(lang).into()),
                    Entry::Plenary => (P::MenuPlenary.get(lang).into(), P::MenuPlenaryAbout.get(lang).into()),
                    Entry::Overview => (P::MenuOverview.get(lang).into(), P::MenuOverviewAbout.get(lang).into()),
                    Entry::Outline => (M::MenuOutline.get(lang).into(), M::MenuOutlineAbout.get(lang).into()),
                    Entry::Back => (ctx.ts(T::MenuBack), ctx.ts(T::MenuBackAbout)),
                };
                Item {
                    lines: vec![
                        Line::from(ellipsize(&title, width)),
                        Line::from(ellipsize(&format!("   {about}"), width)),
                    ],
                }
            })
            .collect();
        render_list(ctx.theme, lang, items, m.selected, list, buf);
    }
}
