//! Messages of the goal-quality check ("Är målet utvärderingsbart?").
crate::catalogue! {
    // Severities and bands.
    SevError => ("Fel", "Error"),
    SevWarning => ("Varning", "Warning"),
    SevHint => ("Tips", "Hint"),
    BandEvaluable => ("Utvärderingsbart", "Evaluable"),
    BandPartly => ("Delvis", "Partly"),
    BandVague => ("Luddigt", "Vague"),

    // Where a wording finding is.
    PlaceGoal => ("Målformuleringen", "The goal's wording"),
    PlaceEffect => ("Effekten", "The effect"),
    PlaceSubGoal => ("Delmålet \"{label}\"", "The sub-goal \"{label}\""),

    // Findings and what to do about them.
    NoEffect => ("Önskad effekt saknas.", "The desired effect is missing."),
    NoEffectFix => (
        "Skriv vad som är annorlunda, och för vem, när målet är nått.",
        "Write what is different, and for whom, when the goal is reached.",
    ),
    EffectNoTargetGroup => ("Effekten säger inte för vem.", "The effect does not say for whom."),
    EffectNoTargetGroupFix => (
        "Nämn vilka som märker skillnaden, t.ex. elever, äldre, brukare, företag eller medarbetare.",
        "Name who notices the difference, e.g. pupils, older people, service users, businesses or staff.",
    ),
    EffectRepeatsGoal => ("Effekten upprepar målformuleringen.", "The effect repeats the goal's wording."),
    EffectRepeatsGoalFix => (
        "Beskriv vad som blir annorlunda hos medborgaren eller brukaren, inte målet med samma ord.",
        "Describe what changes for the citizen or service user, not the goal in the same words.",
    ),
    NoSubGoal => ("Inga delmål.", "No sub-goals."),
    NoSubGoalFix => (
        "Bryt ned målet i ett eller flera delmål, vart och ett med en ägare.",
        "Break the goal down into one or more sub-goals, each with an owner.",
    ),
    SubGoalNoOwner => ("Delmålet \"{label}\" saknar ägare.", "The sub-goal \"{label}\" has no owner."),
    SubGoalNoOwnerFix => (
        "Ange vem som äger delmålet: en nämnd, en förvaltning eller en funktion.",
        "Say who owns the sub-goal: a committee, a department or a role.",
    ),
    SubGoalNoIndicator => ("Ingen indikator hör till delmålet \"{label}\".", "No indicator belongs to the sub-goal \"{label}\"."),
    SubGoalNoIndicatorFix => (
        "Koppla en indikator till delmålet, eller lägg till en som mäter det.",
        "Link an indicator to the sub-goal, or add one that measures it.",
    ),
    NoIndicator => ("Inga indikatorer: målet går inte att följa upp.", "No indicators: the goal cannot be followed up."),
    NoIndicatorFix => (
        "Lägg till minst en indikator med datakälla, utgångsvärde, målvärde och år.",
        "Add at least one indicator with a data source, a baseline, a target and years.",
    ),
    IndicatorNoName => ("Indikator {label} saknar namn.", "Indicator {label} has no name."),
    IndicatorNoNameFix => (
        "Ge indikatorn ett namn som säger vad som mäts, t.ex. \"Andel behöriga till gymnasiet\".",
        "Give the indicator a name that says what is measured, e.g. \"Share eligible for upper secondary\".",
    ),
    IndicatorNoSource => ("Indikatorn \"{label}\" saknar datakälla.", "The indicator \"{label}\" has no data source."),
    IndicatorNoSourceFix => (
        "Ange var uppgifterna kommer ifrån, t.ex. ett Kolada-id (N15505), en enkät eller ett verksamhetssystem.",
        "Say where the data comes from, e.g. a Kolada id (N15505), a survey or an internal system.",
    ),
    KoladaIdFormat => (
        "Kolada-id \"{word}\" för \"{label}\" ser inte ut som ett Kolada-id.",
        "The Kolada id \"{word}\" of \"{label}\" does not look like a Kolada id.",
    ),
    KoladaIdFormatFix => (
        "Ett Kolada-id är en bokstav och fem siffror, t.ex. N15505 eller U00405.",
        "A Kolada id is one letter and five digits, e.g. N15505 or U00405.",
    ),
    IndicatorNoBaseline => ("Indikatorn \"{label}\" saknar utgångsvärde.", "The indicator \"{label}\" has no baseline."),
    IndicatorNoBaselineFix => (
        "Ange dagens värde och året det gäller, så att förändringen går att se.",
        "Give today's value and the year it refers to, so that the change can be seen.",
    ),
    BaselineNoYear => ("Utgångsvärdet för \"{label}\" saknar år.", "The baseline of \"{label}\" has no year."),
    BaselineNoYearFix => (
        "Skriv året som utgångsvärdet gäller, t.ex. {baseline_year}.",
        "Write the year the baseline refers to, e.g. {baseline_year}.",
    ),
    BaselineNotNumber => (
        "Utgångsvärdet för \"{label}\" är inte ett tal: \"{word}\".",
        "The baseline of \"{label}\" is not a number: \"{word}\".",
    ),
    BaselineNotNumberFix => (
        "Skriv utgångsvärdet som ett tal, t.ex. 82 %, eller när den första mätningen görs.",
        "Write the baseline as a number, e.g. 82 %, or when the first measurement is made.",
    ),
    IndicatorNoTarget => ("Indikatorn \"{label}\" saknar målvärde.", "The indicator \"{label}\" has no target."),
    IndicatorNoTargetFix => (
        "Ange vilket värde som ska nås och vilket år, t.ex. 90 % år {target_year}.",
        "Give the value to reach and the year, e.g. 90 % in {target_year}.",
    ),
    TargetNotNumber => (
        "Målvärdet för \"{label}\" är inte ett tal: \"{word}\".",
        "The target of \"{label}\" is not a number: \"{word}\".",
    ),
    TargetNotNumberFix => (
        "Skriv målvärdet som ett tal, t.ex. 90 %, ≥ 85 eller 1 200 (eller Ja för en ja/nej-indikator), så att det går att se om det nåtts.",
        "Write the target as a number, e.g. 90 %, ≥ 85 or 1 200 (or Yes for a yes/no indicator), so that one can tell whether it was reached.",
    ),
    TargetNoYear => ("Målvärdet för \"{label}\" saknar år.", "The target of \"{label}\" has no year."),
    TargetNoYearFix => (
        "Skriv året då målvärdet ska vara nått, med fyra siffror, t.ex. {target_year}.",
        "Write the year by which the target is to be reached, in four digits, e.g. {target_year}.",
    ),
    TargetYearBeforeBaseline => (
        "Målåret ligger före utgångsåret för \"{label}\" ({word}).",
        "The target year is before the baseline year of \"{label}\" ({word}).",
    ),
    TargetYearBeforeBaselineFix => (
        "Kontrollera åren: målvärdet ska gälla ett senare år än utgångsvärdet.",
        "Check the years: the target must refer to a later year than the baseline.",
    ),
    IndicatorNoFrequency => ("Indikatorn \"{label}\" saknar mätfrekvens.", "The indicator \"{label}\" has no frequency."),
    IndicatorNoFrequencyFix => (
        "Välj hur ofta den mäts: månad, kvartal, tertial, halvår eller år.",
        "Choose how often it is measured: month, quarter, tertial, half-year or year.",
    ),
    IndicatorNoResponsible => ("Indikatorn \"{label}\" saknar ansvarig.", "The indicator \"{label}\" has no one responsible."),
    IndicatorNoResponsibleFix => (
        "Ange vem som ansvarar för att mäta och rapportera den.",
        "Say who is responsible for measuring and reporting it.",
    ),
    VerdictMissing => ("Mätbarheten är inte bedömd.", "Measurability has not been assessed."),
    VerdictMissingFix => (
        "Svara ja, delvis, nej eller osäkert, och skriv hur ni mäter.",
        "Answer yes, partly, no or unsure, and write how you will measure.",
    ),
    VerdictNoComment => (
        "Svaret är nej eller osäkert, men det står inte vad som skulle göra målet mätbart.",
        "The answer is no or unsure, but it does not say what would make the goal measurable.",
    ),
    VerdictNoCommentFix => (
        "Skriv vad som behövs: vilken uppgift, vilken källa eller vilket beslut.",
        "Write what is needed: which data, which source or which decision.",
    ),
    VagueVerb => (
        "{place} använder \"{word}\", som inte säger vad som ska uppnås.",
        "{place} uses \"{word}\", which does not say what is to be achieved.",
    ),
    VagueVerbFix => (
        "Skriv vad som ska vara annorlunda och hur mycket, t.ex. \"andelen … ska vara 90 % år {target_year}\".",
        "Write what is to be different and by how much, e.g. \"the share … is to be 90 % in {target_year}\".",
    ),
    ChangeWithoutLevel => (
        "{place} säger \"{word}\" utan tal, nivå eller år.",
        "{place} says \"{word}\" with no number, level or year.",
    ),
    ChangeWithoutLevelFix => (
        "Ange från vilken nivå, till vilken nivå och till när, t.ex. \"från 82 % ({baseline_year}) till 90 % år {target_year}\".",
        "Say from which level, to which level and by when, e.g. \"from 82 % ({baseline_year}) to 90 % in {target_year}\".",
    ),

    // The group TUI: the badge, the panel on the measurability step, hints.
    TuiPanelTitle => ("Är målet utvärderingsbart?", "Is the goal evaluable?"),
    TuiOneError => ("1 fel", "1 error"),
    TuiErrors => ("{n} fel", "{n} errors"),
    TuiOneWarning => ("1 varning", "1 warning"),
    TuiWarnings => ("{n} varningar", "{n} warnings"),
    TuiOneHint => ("1 tips", "1 hint"),
    TuiHints => ("{n} tips", "{n} hints"),
    TuiNoFindings => ("Inget saknas: målet går att följa upp.", "Nothing missing: the goal can be followed up."),
    TuiShowPanel => ("{key} visar", "{key} shows"),
    TuiHidePanel => ("{key} döljer", "{key} hides"),
    TuiMore => ("↓ {n} rader till ({key})", "↓ {n} more lines ({key})"),
    TuiAbove => ("↑ {key}", "↑ {key}"),
    TuiStepOne => ("{symbol} 1 sak att se över här: {message}", "{symbol} 1 thing to look at here: {message}"),
    TuiStepMany => ("{symbol} {n} saker att se över här, t.ex.: {message}", "{symbol} {n} things to look at here, e.g.: {message}"),
    TuiShowAll => ("{key} visar alla", "{key} shows all"),
    // One help line for F5 and Alt-↓/↑ (the help merges equal texts).
    ActQualityPanel => ("Visa/dölj och bläddra i det målet saknar", "Show/hide and scroll what the goal lacks"),
    // Before the measurability step F5 goes there with the panel open.
    ActQualityGoTo => ("Visa vad målet saknar (på steg Mätbarhet)", "Show what the goal lacks (on the measurability step)"),
    HelpBadge => (
        "●●● 92/100 = utvärderingsbart, ●●○ = delvis, ●○○ = luddigt: hur väl målet går att följa upp med det ni skrivit.",
        "●●● 92/100 = evaluable, ●●○ = partly, ●○○ = vague: how well the goal can be followed up with what you wrote.",
    ),

    // The command line (`malverkstad check --quality`).
    CliHeader => ("Kvalitetskontroll: {title}", "Quality check: {title}"),
    CliGoal => ("Mål {label}", "Goal {label}"),
    CliGroup => ("{group}: {badge} (fel: {errors}, varningar: {warnings}, tips: {hints})", "{group}: {badge} (errors: {errors}, warnings: {warnings}, hints: {hints})"),
    CliNotStarted => ("inget skrivet ännu", "nothing written yet"),
    CliNoGroup => ("Ingen grupp arbetar med målet", "No group works on this goal"),
    CliNoFindings => ("Inga anmärkningar.", "No findings."),
    CliGoalScore => ("Målets poäng: {badge} (bästa gruppens svar)", "Goal score: {badge} (best group's answers)"),
    CliBelowMark => ("under {min}", "below {min}"),
    CliOverview => ("Översikt, poäng per mål:", "Overview, score per goal:"),
    CliSummary => ("{goals} mål kontrollerade, lägsta poäng {lowest}.", "{goals} goals checked, lowest score {lowest}."),
    CliBelowMin => ("Mål under {min} poäng: {n}.", "Goals below {min} points: {n}."),
    CliAllAboveMin => ("Alla mål når minst {min} poäng.", "Every goal reaches at least {min} points."),
    CliGroupFileError => ("{group}: gruppfilen kan inte läsas: {error}", "{group}: the group file cannot be read: {error}"),
    CliNeedsWorkshop => (
        "{path}: kvalitetskontrollen behöver workshopen (workshop.ron i mappen ovanför groups/).",
        "{path}: the quality check needs the workshop (workshop.ron in the folder above groups/).",
    ),
    CliWordsError => ("Ordlistan {path} kan inte läsas: {error}", "The word list {path} cannot be read: {error}"),
    CliSuggestion => ("→ {text}", "→ {text}"),
}
