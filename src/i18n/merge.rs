//! Messages of the merge area: the merge itself, the review and `malverkstad merge`.
crate::catalogue! {
    WrongWorkshop => ("Filen \"{file}\" hör till en annan workshop.", "The file \"{file}\" belongs to another workshop."),
    NoSuchItem => ("Posten {id} finns inte i sammanställningen.", "The item {id} is not in the outline."),
    TooFewItems => ("Välj minst två poster att slå ihop.", "Choose at least two items to combine."),
    NotSameSection => ("Bara poster under samma mål och fråga kan slås ihop.", "Only items under the same goal and question can be combined."),
    PossibleDuplicate => ("möjlig dubblett", "possible duplicate"),
    ChangedAfterDecision => ("ändrad efter beslut", "changed after decision"),
    Conflict => ("konflikt", "conflict"),
}
