//! Messages of goal import.
crate::catalogue! {
    EmptyWording => ("målformulering saknas (raden hoppas över)", "the goal wording is empty (the line is skipped)"),
    DuplicateCode => ("koden \"{code}\" används redan av ett annat mål", "the code \"{code}\" is already used by another goal"),
    Unreadable => ("raden kunde inte läsas: {detail}", "the line could not be read: {detail}"),
    UnclosedQuote => ("ett citattecken (\") som börjar här avslutas aldrig", "a quote (\") that starts here is never closed"),
    NoWordingColumn => ("rubrikraden saknar en kolumn för målformuleringen (t.ex. \"Mål\" eller \"Målformulering\")", "the header row has no column for the goal wording (e.g. \"Goal\" or \"Wording\")"),
    MarkdownTable => ("tabeller läses inte; spara tabellen som CSV och importera den", "tables are not read; save the table as CSV and import that"),
    NoGoals => ("filen innehåller inga mål", "the file holds no goals"),
    Binary => ("filen är inte en textfil (t.ex. .xlsx, .docx eller .pdf); spara den som CSV eller text först", "the file is not a text file (e.g. .xlsx, .docx or .pdf); save it as CSV or text first"),
    SkippedText => ("löptext hoppas över: bara punktlistor blir mål i den här filen", "prose skipped: only list items become goals in this file"),
}
