//! How `App` hands a screen its context and carries out where it asks to
//! go: the screens never see `App`.

use std::time::Instant;

use super::ctx::{Ctx, Cx, Outcome, Route};
use super::{export, facil, outline, plenary, route, App, Effect, Screen};

impl App {
    /// What drawing gets.
    pub fn ctx(&self) -> Ctx<'_> {
        Ctx {
            lang: self.lang,
            theme: &self.theme,
            keymap: &self.keymap,
            now: self.now,
            sessions: &self.sessions,
            fixed_group: &self.fixed_group,
            loaded: &self.loaded,
            group: &self.group,
            outline: &self.outline,
            quality: &self.quality,
            kolada: &self.kolada,
        }
    }

    /// The screen, and what handling input on it gets, borrowed apart.
    pub(crate) fn split<'a>(&'a mut self, fx: &'a mut Vec<Effect>, instant: Instant) -> (&'a mut Screen, Cx<'a>) {
        let cx = Cx {
            lang: self.lang,
            theme: &self.theme,
            keymap: &self.keymap,
            now: self.now,
            instant,
            sessions: &self.sessions,
            fixed_group: &self.fixed_group,
            loaded: &mut self.loaded,
            group: &mut self.group,
            outline: &mut self.outline,
            quality: &mut self.quality,
            kolada: &self.kolada,
            notice: &mut self.notice,
            size: self.size,
            fx,
        };
        (&mut self.screen, cx)
    }

    /// Carry out a screen's answer.
    pub(crate) fn outcome(&mut self, outcome: Outcome, now: Instant, fx: &mut Vec<Effect>) {
        match outcome {
            Outcome::Go(route) => self.go(route, now, fx),
            Outcome::Help => self.help = true,
            Outcome::Consumed | Outcome::Ignored => {}
        }
    }

    /// Go where `route` says: the screen states are built in `route.rs`;
    /// dialogs and leaving the facilitator's screens are `App`'s own.
    pub(crate) fn go(&mut self, route: Route, now: Instant, fx: &mut Vec<Effect>) {
        let from_groups = self.facil_origin == facil::Origin::Groups;
        let built = {
            let (_, mut cx) = self.split(fx, now);
            route::build(&route, &mut cx, from_groups)
        };
        if let Some(screen) = built {
            self.screen = screen;
            return;
        }
        match route {
            Route::ExportOutline => export::open_outline(self),
            Route::ExportGroup => export::open_group(self),
            Route::LeaveFacil => facil::leave(self, fx),
            Route::SetupNew => facil::setup::open_new(self),
            Route::SetupEdit => facil::setup::open_edit(self, fx),
            Route::Plenary { overview } => {
                let view = if overview { plenary::View::Overview } else { plenary::View::Goal };
                plenary::open(self, view, fx)
            }
            Route::Outline => outline::screen::open(self, fx),
            Route::Menu | Route::Timer | Route::Start | Route::Groups | Route::Goals { .. } => {}
        }
    }
}
