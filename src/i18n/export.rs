//! Messages of the export area.
crate::catalogue! {
    Placeholder => ("–", "–"),
}
