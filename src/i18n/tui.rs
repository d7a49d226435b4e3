//! Messages of the tui area.
crate::catalogue! {
    Placeholder => ("–", "–"),
}
