//! Messages of goal import.
crate::catalogue! {
    EmptyWording => ("målformulering saknas", "the goal wording is empty"),
    DuplicateCode => ("koden \"{code}\" finns redan på en tidigare rad", "the code \"{code}\" is already used on an earlier line"),
    Unreadable => ("raden kunde inte läsas: {detail}", "the line could not be read: {detail}"),
}
