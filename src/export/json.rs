//! JSON: the document with a versioned envelope, for other programs. The
//! schema is documented in `docs/export-json.md`; bump
//! [`super::doc::SCHEMA_VERSION`] when a field changes meaning or goes away.

use serde::Serialize;

use super::doc::{Document, SCHEMA_VERSION};

/// The name in the `format` field, so a reader can tell our files apart.
pub const FORMAT_NAME: &str = "malverkstad-export";

#[derive(Serialize)]
struct Envelope<'a> {
    format: &'static str,
    version: u32,
    /// "Källa: Kolada" when an indicator comes from Kolada.
    #[serde(skip_serializing_if = "Option::is_none")]
    credit: Option<&'static str>,
    #[serde(flatten)]
    document: &'a Document<'a>,
}

pub fn render(doc: &Document) -> Result<String, serde_json::Error> {
    let mut s = serde_json::to_string_pretty(&Envelope {
        format: FORMAT_NAME,
        version: SCHEMA_VERSION,
        credit: super::kolada::document_credit(doc),
        document: doc,
    })?;
    s.push('\n');
    Ok(s)
}
