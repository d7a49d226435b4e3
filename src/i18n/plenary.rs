//! Messages of the plenary (storgrupp) mode and the overview of all goals.
crate::catalogue! {
    MenuPlenary => ("Storgrupp – ett mål i taget", "Plenary – one goal at a time"),
    MenuPlenaryAbout => ("Gruppernas arbete mål för mål, stort på projektorn", "The groups' work goal by goal, large on the projector"),
    MenuOverview => ("Alla mål – översikt", "All goals – overview"),
    MenuOverviewAbout => ("Kvalitet och vad som är ifyllt – varje mål och grupp", "Quality and what is filled in – every goal and group"),
    Position => ("Mål {n} av {total}", "Goal {n} of {total}"),
    Perspective => ("Perspektiv: {p}", "Perspective: {p}"),
    Owner => ("Ansvarig: {owner}", "Responsible: {owner}"),
    UnknownGoal => ("Målet finns inte längre i workshopen", "The goal is no longer in the workshop"),
    Quality => ("KVALITET", "QUALITY"),
    Effect => ("ÖNSKAD EFFEKT", "DESIRED EFFECT"),
    SubGoals => ("DELMÅL", "SUB-GOALS"),
    Indicators => ("INDIKATORER", "INDICATORS"),
    Measurability => ("MÄTBARHET", "MEASURABILITY"),
    NothingWritten => ("inget skrivet ännu", "nothing written yet"),
    NoItems => ("inga ännu", "none yet"),
    NoVerdicts => ("ingen bedömning ännu", "not assessed yet"),
    NoGroups => ("Ingen grupp arbetar med det här målet.", "No group works on this goal."),
    ItemOwner => ("ägare: {owner}", "owner: {owner}"),
    Target => ("målvärde {value}", "target {value}"),
    TargetYear => ("målvärde {value} år {year}", "target {value} in {year}"),
    NoTarget => ("inget målvärde", "no target"),
    Conflict => ("⚠ konflikt: kopiorna av gruppens fil skiljer sig", "⚠ conflict: the copies of the group's file differ"),
    ConflictShort => ("⚠ konflikt", "⚠ conflict"),
    CommentOnly => ("utan bedömning", "no verdict"),
    More => ("▼ mer (↓)", "▼ more (↓)"),
    MoreAbove => ("▲ början (↑)", "▲ top (↑)"),
    NoGoals => ("Workshopen har inga mål.", "The workshop has no goals."),
    Loading => ("Sammanställer gruppernas filer …", "Merging the groups' files …"),
    Problems => ("⚠ {problems}", "⚠ {problems}"),
    GoTo => ("Gå till mål: {typed}█  (Enter)", "Go to goal: {typed}█  (Enter)"),
    NoSuchGoal => ("Inget mål heter \"{typed}\".", "No goal is called \"{typed}\"."),
    IndexTitle => ("Alla mål – välj med ↑/↓ och Enter", "All goals – choose with ↑/↓ and Enter"),
    OverviewTitle => ("Alla mål × grupper", "All goals × groups"),
    OverviewGoal => ("Mål", "Goal"),
    NotThisGroup => ("–", "–"),
    /// The fill letters of the overview: effect, sub-goals, indicators, measurability.
    LetterEffect => ("E", "E"),
    LetterSubGoals => ("D", "S"),
    LetterIndicators => ("I", "I"),
    LetterMeasurability => ("M", "M"),
    Legend => ("E = önskad effekt, D3 = tre delmål, I2 = två indikatorer, M = mätbarhet bedömd, · = saknas, – = inte gruppens mål. ●●● 80–100 utvärderingsbart, ●●○ 50–79 delvis, ●○○ 0–49 luddigt.", "E = desired effect, S3 = three sub-goals, I2 = two indicators, M = measurability assessed, · = missing, – = not the group's goal. ●●● 80–100 evaluable, ●●○ 50–79 partly, ●○○ 0–49 vague."),
    MoreGroups => ("Fler grupper till höger: {n} (→)", "More groups to the right: {n} (→)"),
    EarlierGroups => ("Grupper till vänster: {n} (←)", "Groups to the left: {n} (←)"),
    Reloaded => ("Läste om gruppernas filer.", "Read the groups' files again."),
    HintGoal => ("←/→ mål · ↑/↓ rulla · G lista · A översikt · R läs om · Esc meny · F1 hjälp", "←/→ goal · ↑/↓ scroll · G list · A overview · R reload · Esc menu · F1 help"),
    HintIndex => ("↑/↓ välj · Enter visa · siffror: gå till mål · Esc tillbaka · F1 hjälp", "↑/↓ choose · Enter show · digits: go to goal · Esc back · F1 help"),
    HintOverview => ("↑/↓ välj · Enter visa målet · siffror: gå till mål · Esc tillbaka · F1 hjälp", "↑/↓ choose · Enter show the goal · digits: go to goal · Esc back · F1 help"),
    HintOverviewPaged => ("↑/↓ välj · Enter visa målet · ←/→ fler grupper · Esc tillbaka · F1 hjälp", "↑/↓ choose · Enter show the goal · ←/→ more groups · Esc back · F1 help"),
    ActNextGoal => ("Nästa mål", "Next goal"),
    ActPrevGoal => ("Föregående mål", "Previous goal"),
    ActScrollDown => ("Rulla ned", "Scroll down"),
    ActScrollUp => ("Rulla upp", "Scroll up"),
    ActFirstGoal => ("Första målet", "First goal"),
    ActLastGoal => ("Sista målet", "Last goal"),
    ActGoalIndex => ("Lista alla mål (välj ett)", "List every goal (choose one)"),
    ActOverview => ("Översikt: alla mål × grupper", "Overview: all goals × groups"),
    ActShowGoal => ("Visa det valda målet (lista, översikt)", "Show the chosen goal (list, overview)"),
    ActReload => ("Läs om gruppernas filer", "Read the groups' files again"),
    ActGoalNumber => ("Gå till mål nummer (1.2 eller 3)", "Go to goal number (1.2 or 3)"),
    PresentNotInteractive => ("Storgruppsläget behöver en terminal. Mappen:", "The plenary mode needs a terminal. The folder:"),
    Differs => ("≠ samma namn, olika uppgifter", "≠ same name, different details"),
}

#[cfg(test)]
mod tests {
    use super::T;
    use crate::i18n::Lang;

    #[test]
    fn hint_lines_fit_80_columns() {
        for key in [T::HintGoal, T::HintIndex, T::HintOverview, T::HintOverviewPaged] {
            for lang in [Lang::Sv, Lang::En] {
                // One column of margin on the left.
                let w = unicode_width::UnicodeWidthStr::width(key.get(lang));
                assert!(w < 80, "{key:?} {lang:?}: {w}");
            }
        }
    }
}
