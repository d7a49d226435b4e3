//! Messages of the merge area.
crate::catalogue! {
    Placeholder => ("–", "–"),
}
