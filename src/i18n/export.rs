//! Messages of the export area: headings and labels of the exported
//! documents (the domain's own words are in `common`) and the `export` command.
crate::catalogue! {
    // What the document holds (the line under the title).
    SourceOutline => ("Sammanställning", "Merged outline"),
    SourceGroups => ("Alla gruppers svar", "Every group's answers"),
    SourceGroup => ("Gruppens svar: {group}", "The group's answers: {group}"),
    GroupsAndGoals => ("Grupper och mål", "Groups and goals"),
    NoGoals => ("inga mål", "no goals"),
    NoAnswers => ("Inga svar ännu.", "No answers yet."),
    ProposedBy => ("förslag från {groups}", "proposed by {groups}"),
    Verdict => ("Bedömning", "Verdict"),
    Comment => ("Kommentar", "Comment"),
    NoVerdict => ("ej angivet", "not given"),
    OtherAnswers => ("Övriga frågor", "Other questions"),
    Flags => ("Att uppmärksamma", "To note"),
    Conflict => ("Konflikt", "Conflict"),
    Duplicate => ("Möjlig dubblett", "Possible duplicate"),
    Note => ("Anmärkning", "Note"),
    Quality => ("Kvalitetsgranskning", "Quality review"),
    ConflictVersions => (
        "{group} har sparat olika versioner av \"{what}\"; alla visas.",
        "{group} saved differing versions of \"{what}\"; all are shown.",
    ),
    ConflictItem => ("Olika versioner av \"{what}\": {versions}", "Differing versions of \"{what}\": {versions}"),
    DuplicateOf => ("\"{a}\" liknar \"{b}\"", "\"{a}\" resembles \"{b}\""),
    ChangedAfterDecision => ("\"{what}\" ändrades efter beslutet", "\"{what}\" changed after the decision"),
    Appendix => ("Bilaga: bortvalda delmål och indikatorer", "Appendix: dropped sub-goals and indicators"),
    Dropped => ("bortvalt", "dropped"),
    // Column headings of the spreadsheets and the CSV.
    ColGoalCode => ("Målkod", "Goal code"),
    ColGoal => ("Mål", "Goal"),
    ColKind => ("Typ", "Type"),
    ColText => ("Text", "Text"),
    ColProposedBy => ("Förslag från", "Proposed by"),
    KindGoal => ("Mål", "Goal"),
    KindSubGoal => ("Delmål", "Sub-goal"),
    KindDroppedSubGoal => ("Bortvalt delmål", "Dropped sub-goal"),
    SheetIndicators => ("Indikatorer", "Indicators"),
    SheetGoals => ("Mål", "Goals"),
    // The `export` command.
    Exported => ("Exporten finns i:", "The export is in:"),
    OutputExists => (
        "{path} finns redan. Välj ett annat namn med -o eller skriv över med --force.",
        "{path} already exists. Choose another name with -o or overwrite with --force.",
    ),
    BadDelimiter => ("--delimiter ska vara ett enda tecken, t.ex. , eller ;", "--delimiter must be one character, e.g. , or ;"),
    NoWorkshopForGroupFile => (
        "Hittar ingen workshop för {path} (väntade ../workshop.ron).",
        "Cannot find the workshop of {path} (expected ../workshop.ron).",
    ),
    WrongWorkshop => (
        "{path} hör till en annan workshop än {workshop}.",
        "{path} belongs to another workshop than {workshop}.",
    ),
    WriteFailed => ("Kunde inte skriva {path}: {error}", "Could not write {path}: {error}"),
    RenderFailed => ("Exporten misslyckades: {error}", "The export failed: {error}"),
}
