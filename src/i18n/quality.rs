//! Messages of the quality area.
crate::catalogue! {
    Placeholder => ("–", "–"),
}
