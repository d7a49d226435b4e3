//! Messages of the facilitator's tools: import preview, assignment, questions,
//! templates and the timer.
crate::catalogue! {
    Error => ("fel", "error"),
    Note => ("obs", "note"),
    PreviewHeader => ("{path} ({format}, {encoding}): {n} mål", "{path} ({format}, {encoding}): {n} goals"),
    PreviewPerspective => ("perspektiv: {perspective}", "perspective: {perspective}"),
    PreviewOwner => ("ägare: {owner}", "owner: {owner}"),
    UnknownGroup => ("Ingen grupp heter \"{name}\".", "No group is called \"{name}\"."),
    NothingImported => ("Inget importerades: rätta felen ovan och försök igen.", "Nothing was imported: fix the errors above and try again."),
    DryRun => ("Provkörning: inget sparades.", "Dry run: nothing was saved."),
    Imported => ("Lade till {n} mål i \"{title}\".", "Added {n} goals to \"{title}\"."),
    ImportedUnassigned => ("De nya målen har ingen grupp ännu (ge dem en grupp med --group NAMN).", "The new goals have no group yet (give them one with --group NAME)."),
    StrategyEvenly => ("Jämnt fördelat i ordning", "Evenly in order"),
    StrategyByPerspective => ("Per perspektiv", "By perspective"),
    StrategyEveryGoal => ("Alla grupper får alla mål", "Every group gets every goal"),
    WarnGoalWithoutGroup => ("Ingen grupp arbetar med målet \"{goal}\".", "No group works on the goal \"{goal}\"."),
    WarnGroupWithoutGoals => ("Gruppen \"{group}\" har inget mål att arbeta med.", "The group \"{group}\" has no goal to work on."),
    WarnUneven => ("Mycket ojämn fördelning: en grupp har {most} mål, en annan {fewest}.", "Very uneven load: one group has {most} goals, another {fewest}."),
    UnknownQuestion => ("Ingen fråga har nyckeln \"{key}\".", "No question has the key \"{key}\"."),
    QuestionOutOfRange => ("Det finns ingen plats nr {n} i frågelistan.", "There is no position {n} in the question list."),
    KindText => ("Fritext", "Free text"),
    KindList => ("Lista med ägare", "List with owners"),
    KindIndicators => ("Indikatorer", "Indicators"),
    KindVerdict => ("Bedömning (Ja/Delvis/Nej/Osäkert)", "Verdict (Yes/Partly/No/Unsure)"),
    TemplateEmptyName => ("Mallen behöver ett namn.", "The template needs a name."),
    TemplateNoQuestions => ("Mallen behöver minst en fråga.", "The template needs at least one question."),
    NoTemplates => ("Inga sparade frågemallar i {dir}.", "No saved question templates in {dir}."),
    TemplateQuestions => ("{n} frågor", "{n} questions"),
    TemplateSaved => ("Sparade mallen \"{name}\" i {path}", "Saved the template \"{name}\" in {path}"),
    TemplateDeleted => ("Tog bort mallen \"{name}\".", "Deleted the template \"{name}\"."),
    TemplateNotFound => ("Det finns ingen mall som heter \"{name}\".", "There is no template called \"{name}\"."),
    SetupEmptyTitle => ("Workshopen behöver en titel.", "The workshop needs a title."),
    SetupNoGoals => ("Workshopen behöver minst ett mål.", "The workshop needs at least one goal."),
    SetupEmptyWording => ("Målet behöver en målformulering.", "The goal needs a wording."),
    SetupBadGroups => ("Ange 1–{max} grupper, var och en med ett namn.", "Give 1–{max} groups, each with a name."),
    SetupDuplicateGroup => ("Gruppnamnet \"{name}\" finns redan.", "The group name \"{name}\" is already used."),
    SetupNotFound => ("Målet eller gruppen finns inte längre.", "The goal or group no longer exists."),
    GroupName => ("Grupp {n}", "Group {n}"),
    TimerRunning => ("Tid kvar {left}", "Time left {left}"),
    TimerWarning => ("Tid kvar {left} – 2 minuter kvar!", "Time left {left} – 2 minutes left!"),
    TimerPaused => ("Tid kvar {left} (pausad)", "Time left {left} (paused)"),
    TimerUp => ("Tiden är ute (+{over})", "Time is up (+{over})"),
    NoTimer => ("Ingen timer är igång. Starta en: malverkstad timer MAPP start 20", "No timer is running. Start one: malverkstad timer FOLDER start 20"),
    TimerStopped => ("Timern är borttagen.", "The timer is removed."),
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_key_has_both_languages() {
        for key in T::ALL {
            assert!(!key.get(crate::i18n::Lang::Sv).is_empty(), "{key:?}");
            assert!(!key.get(crate::i18n::Lang::En).is_empty(), "{key:?}");
        }
    }
    use super::T;
}
