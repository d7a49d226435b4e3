//! The DOCX and XLSX packages (written by docx-rs and rust_xlsxwriter) as
//! Word and Excel read them: every part is well-formed XML,
//! `[Content_Types].xml` and the relationships name exactly the parts there
//! are, child elements come in the order of the schema's sequences (ECMA-376
//! Part 1; Word and Excel refuse or "repair" a file otherwise), styles and
//! numbering that are referred to exist, the filter's defined name matches
//! the filter, and a text past Excel's cell limit is cut with a note, not
//! silently. What the sheets and the protocol hold is in `office.rs`.

use std::collections::{BTreeMap, BTreeSet};

use super::*;

/// Every part of a zip package, by name.
fn parts(bytes: &[u8]) -> BTreeMap<String, String> {
    let archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip file");
    // Folders (docx-rs writes entries for them) are not parts.
    let names: Vec<String> = archive.file_names().filter(|n| !n.ends_with('/')).map(str::to_string).collect();
    names.into_iter().map(|name| (name.clone(), unzip(bytes, &name))).collect()
}

/// Every character XML 1.0 cannot hold, and a few it can, in a workshop
/// that goes through the document model (which cleans its text).
const ILLEGAL: &str = "a\u{0}b\u{1b}[31m\u{7f}\u{85}\u{FFFE}\u{FFFF}\u{FFFD}\r\n\u{feff}c";

/// The documents the packages are checked with: the snapshots' (both
/// languages), the hostile one, and one built from text with characters
/// that XML forbids.
fn documents() -> Vec<(&'static str, Document<'static>)> {
    let mut english = fixed_document();
    english.lang = Lang::En;
    let (mut w, mut files) = fixed_workshop();
    w.title.push_str(ILLEGAL);
    w.goals[0].wording.push_str(ILLEGAL);
    w.groups[0].name.push_str(ILLEGAL);
    let a = files[0].answers_mut(id(11));
    a.answers.insert(keys::EFFECT.into(), Answer::Text(ILLEGAL.into()));
    // The document borrows its texts; the test's sources live to its end.
    let (w, files) = (Box::leak(Box::new(w)), Box::leak(Box::new(files)));
    let illegal = Document::from_group_files(w, files, &WordLists::embedded());
    vec![("fixed", fixed_document()), ("english", english), ("hostile", hostile_document().0), ("illegal", illegal)]
}

fn packages() -> Vec<(String, BTreeMap<String, String>)> {
    let mut out = Vec::new();
    for (name, doc) in documents() {
        out.push((format!("{name}.docx"), parts(&export::docx::render(&doc).unwrap())));
        out.push((format!("{name}.xlsx"), parts(&export::xlsx::render(&doc).unwrap())));
    }
    out
}

/// An element: its name, attributes, and the names of its children in order.
#[derive(Debug)]
struct Element {
    name: String,
    attributes: BTreeMap<String, String>,
    children: Vec<String>,
}

/// Parse a whole part (failing on anything not well-formed) into a flat
/// list of its elements in document order; checks there is one root, the
/// XML declaration (where there is one: docx-rs writes none for some parts)
/// says UTF-8, and every character is one XML 1.0 allows (the parser does
/// not check that).
fn elements(part: &str, xml: &str) -> Vec<Element> {
    let legal = |c: char| matches!(c, '\t' | '\n' | '\r' | ' '..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..);
    if let Some(c) = xml.chars().find(|c| !legal(*c)) {
        panic!("{part}: {c:?} is not an XML character");
    }
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    let mut out: Vec<Element> = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    let mut roots = 0;
    loop {
        let event = reader.read_event().unwrap_or_else(|e| panic!("{part}: not well-formed: {e}"));
        let (e, empty) = match event {
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::End(_) => {
                stack.pop();
                continue;
            }
            Event::Decl(d) => {
                let encoding = d.encoding().expect("an encoding").unwrap();
                assert_eq!(encoding.as_ref(), b"UTF-8", "{part}");
                continue;
            }
            Event::Eof => break,
            Event::Text(t) => {
                let t = t.decode().unwrap();
                assert!(!stack.is_empty() || t.trim().is_empty(), "{part}: text outside the root");
                continue;
            }
            _ => continue,
        };
        let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
        let attributes = e
            .attributes()
            .map(|a| {
                let a = a.unwrap_or_else(|err| panic!("{part}: attribute of {name}: {err}"));
                (String::from_utf8(a.key.as_ref().to_vec()).unwrap(), a.unescape_value().unwrap().into_owned())
            })
            .collect();
        match stack.last() {
            Some(&parent) => out[parent].children.push(name.clone()),
            None => roots += 1,
        }
        out.push(Element { name, attributes, children: Vec::new() });
        if !empty {
            stack.push(out.len() - 1);
        }
    }
    assert_eq!(roots, 1, "{part}: one root element");
    assert!(stack.is_empty(), "{part}: every element closed");
    out
}

#[test]
fn every_part_is_well_formed_xml() {
    for (package, parts) in packages() {
        assert!(parts.len() >= 6, "{package}: {:?}", parts.keys());
        for (name, xml) in &parts {
            let els = elements(&format!("{package}/{name}"), xml);
            assert!(!els.is_empty());
        }
    }
}

/// `target` relative to the folder of `source` (a part name), as a part name.
fn resolve(source: &str, target: &str) -> String {
    let mut path: Vec<&str> = source.split('/').collect();
    path.pop();
    for seg in target.split('/') {
        match seg {
            ".." => {
                path.pop();
            }
            "." | "" => {}
            s => path.push(s),
        }
    }
    path.join("/")
}

#[test]
fn content_types_and_relationships_name_exactly_the_parts() {
    for (package, parts) in packages() {
        let types = elements("[Content_Types].xml", &parts["[Content_Types].xml"]);
        let defaults: BTreeMap<String, String> = types
            .iter()
            .filter(|e| e.name == "Default")
            .map(|e| (e.attributes["Extension"].clone(), e.attributes["ContentType"].clone()))
            .collect();
        let overrides: BTreeMap<String, String> = types
            .iter()
            .filter(|e| e.name == "Override")
            .map(|e| {
                (e.attributes["PartName"].trim_start_matches('/').to_string(), e.attributes["ContentType"].clone())
            })
            .collect();
        for part in overrides.keys() {
            assert!(parts.contains_key(part), "{package}: {part} has a content type but is not in the package");
        }
        let mut targets = BTreeSet::new();
        for (name, xml) in &parts {
            if name == "[Content_Types].xml" {
                continue;
            }
            if name.ends_with(".rels") {
                assert_eq!(
                    defaults.get("rels").map(String::as_str),
                    Some("application/vnd.openxmlformats-package.relationships+xml")
                );
                // `word/_rels/document.xml.rels` is about `word/document.xml`.
                let source = name.replace("_rels/", "").trim_end_matches(".rels").to_string();
                assert!(source.is_empty() || parts.contains_key(&source), "{package}: {name} about a missing part");
                let mut ids = BTreeSet::new();
                for rel in elements(name, xml).iter().filter(|e| e.name == "Relationship") {
                    assert!(ids.insert(rel.attributes["Id"].clone()), "{package}: {name}: Ids are unique");
                    let target = resolve(&source, &rel.attributes["Target"]);
                    assert!(parts.contains_key(&target), "{package}: {name} points to missing {target}");
                    targets.insert(target);
                }
            } else if package.ends_with("docx") && name == "word/footnotes.xml" {
                // docx-rs always writes it, with no content type of its own
                // and no relationship to it: Word never reads it.
                continue;
            } else {
                // Every other part has its own content type (the default for
                // `.xml` is no type an application reads).
                assert!(overrides.contains_key(name), "{package}: {name} has no content type");
            }
        }
        // Parts docx-rs always writes and nothing refers to (Word never reads them).
        let unread = ["word/footnotes.xml", "word/comments.xml", "word/commentsExtended.xml"];
        for name in parts
            .keys()
            .filter(|n| *n != "[Content_Types].xml" && !n.ends_with(".rels") && !unread.contains(&n.as_str()))
        {
            assert!(targets.contains(name), "{package}: {name} is in no relationship");
        }
        // The main part is the package's office document.
        let main = if package.ends_with("docx") { "word/document.xml" } else { "xl/workbook.xml" };
        let root = elements("_rels/.rels", &parts["_rels/.rels"]);
        let office = root.iter().find(|r| r.attributes.get("Type").is_some_and(|t| t.ends_with("/officeDocument")));
        assert_eq!(office.map(|r| r.attributes["Target"].as_str()), Some(main), "{package}");
    }
}

/// The child sequence of each parent that is checked: the schema's order,
/// `*` after a name for an element that may repeat, and `*` alone for
/// content that is not checked here (runs, paragraphs). (CT_TrPr is a
/// choice in any order; one order is asked for all the same.)
#[rustfmt::skip]
const WORD_SEQUENCES: &[(&str, &[&str])] = &[
    ("w:body", &["*", "w:sectPr"]),
    ("w:p", &["w:pPr", "*"]),
    ("w:r", &["w:rPr", "*"]),
    ("w:pPr", &["w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
        "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku",
        "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
        "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
        "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl",
        "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange"]),
    ("w:rPr", &["w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike",
        "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid", "w:vanish",
        "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight",
        "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang",
        "w:eastAsianLayout", "w:specVanish", "w:oMath"]),
    ("w:numPr", &["w:ilvl", "w:numId"]),
    ("w:tbl", &["w:tblPr", "w:tblGrid", "w:tr*"]),
    ("w:tblPr", &["w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
        "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd",
        "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription"]),
    ("w:tblBorders", &["w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"]),
    ("w:tblCellMar", &["w:top", "w:left", "w:bottom", "w:right"]),
    ("w:tblGrid", &["w:gridCol*"]),
    ("w:tr", &["w:tblPrEx", "w:trPr", "w:tc*"]),
    ("w:trPr", &["w:cantSplit", "w:tblHeader"]),
    ("w:tc", &["w:tcPr", "*"]),
    ("w:tcPr", &["w:cnfStyle", "w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders", "w:shd", "w:noWrap",
        "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark"]),
    ("w:sectPr", &["w:headerReference*", "w:footerReference*", "w:footnotePr", "w:endnotePr", "w:type", "w:pgSz",
        "w:pgMar", "w:paperSrc", "w:pgBorders", "w:lnNumType", "w:pgNumType", "w:cols", "w:formProt", "w:vAlign",
        "w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings",
        "w:sectPrChange"]),
    ("w:styles", &["w:docDefaults", "w:latentStyles", "w:style*"]),
    ("w:docDefaults", &["w:rPrDefault", "w:pPrDefault"]),
    ("w:rPrDefault", &["w:rPr"]),
    ("w:pPrDefault", &["w:pPr"]),
    ("w:style", &["w:name", "w:aliases", "w:basedOn", "w:next", "w:link", "w:autoRedefine", "w:hidden",
        "w:uiPriority", "w:semiHidden", "w:unhideWhenUsed", "w:qFormat", "w:locked", "w:personal",
        "w:personalCompose", "w:personalReply", "w:rsid", "w:pPr", "w:rPr", "w:tblPr", "w:trPr", "w:tcPr",
        "w:tblStylePr*"]),
    ("w:numbering", &["w:numPicBullet*", "w:abstractNum*", "w:num*", "w:numIdMacAtCleanup"]),
    ("w:abstractNum", &["w:nsid", "w:multiLevelType", "w:tmpl", "w:name", "w:styleLink", "w:numStyleLink", "w:lvl*"]),
    ("w:lvl", &["w:start", "w:numFmt", "w:lvlRestart", "w:pStyle", "w:isLgl", "w:suff", "w:lvlText",
        "w:lvlPicBulletId", "w:legacy", "w:lvlJc", "w:pPr", "w:rPr"]),
    ("w:num", &["w:abstractNumId", "w:lvlOverride*"]),
    ("w:settings", &["w:writeProtection", "w:view", "w:zoom", "w:removePersonalInformation", "w:removeDateAndTime",
        "w:doNotDisplayPageBoundaries", "w:displayBackgroundShape", "w:printPostScriptOverText",
        "w:printFractionalCharacterWidth", "w:printFormsData", "w:embedTrueTypeFonts", "w:embedSystemFonts",
        "w:saveSubsetFonts", "w:saveFormsData", "w:mirrorMargins", "w:alignBordersAndEdges",
        "w:bordersDoNotSurroundHeader", "w:bordersDoNotSurroundFooter", "w:gutterAtTop", "w:hideSpellingErrors",
        "w:hideGrammaticalErrors", "w:activeWritingStyle*", "w:proofState", "w:formsDesign", "w:attachedTemplate",
        "w:linkStyles", "w:stylePaneFormatFilter", "w:stylePaneSortMethod", "w:documentType", "w:mailMerge",
        "w:revisionView", "w:trackRevisions", "w:doNotTrackMoves", "w:doNotTrackFormatting",
        "w:documentProtection", "w:autoFormatOverride", "w:styleLockTheme", "w:styleLockQFSet", "w:defaultTabStop",
        "w:autoHyphenation", "w:consecutiveHyphenLimit", "w:hyphenationZone", "w:doNotHyphenateCaps",
        "w:showEnvelope", "w:summaryLength", "w:clickAndTypeStyle", "w:defaultTableStyle", "w:evenAndOddHeaders",
        "w:bookFoldRevPrinting", "w:bookFoldPrinting", "w:bookFoldPrintingSheets",
        "w:drawingGridHorizontalSpacing", "w:drawingGridVerticalSpacing", "w:displayHorizontalDrawingGridEvery",
        "w:displayVerticalDrawingGridEvery", "w:doNotUseMarginsForDrawingGridOrigin",
        "w:drawingGridHorizontalOrigin", "w:drawingGridVerticalOrigin", "w:doNotShadeFormData",
        "w:noPunctuationKerning", "w:characterSpacingControl", "w:printTwoOnOne", "w:strictFirstAndLastChars",
        "w:noLineBreaksAfter", "w:noLineBreaksBefore", "w:savePreviewPicture", "w:doNotValidateAgainstSchema",
        "w:saveInvalidXml", "w:ignoreMixedContent", "w:alwaysShowPlaceholderText", "w:doNotDemarcateInvalidXml",
        "w:saveXmlDataOnly", "w:useXSLTWhenSaving", "w:saveThroughXslt", "w:showXMLTags",
        "w:alwaysMergeEmptyNamespace", "w:updateFields", "w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr",
        "w:compat", "w:docVars", "w:rsids", "m:mathPr", "w:attachedSchema*", "w:themeFontLang",
        "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats", "w:doNotAutoCompressPictures", "w:forceUpgrade",
        "w:captions", "w:readModeInkLockDown", "w:smartTagType*", "sl:schemaLibrary", "w:shapeDefaults",
        "w:doNotEmbedSmartTags", "w:decimalSymbol", "w:listSeparator"]),
    ("w:compat", &["*", "w:compatSetting*"]),
];

#[rustfmt::skip]
const EXCEL_SEQUENCES: &[(&str, &[&str])] = &[
    ("worksheet", &["sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "sheetCalcPr",
        "sheetProtection", "protectedRanges", "scenarios", "autoFilter", "sortState", "dataConsolidate",
        "customSheetViews", "mergeCells", "phoneticPr", "conditionalFormatting*", "dataValidations", "hyperlinks",
        "printOptions", "pageMargins", "pageSetup", "headerFooter", "rowBreaks", "colBreaks", "customProperties",
        "cellWatches", "ignoredErrors", "smartTags", "drawing", "legacyDrawing", "legacyDrawingHF", "picture",
        "oleObjects", "controls", "webPublishItems", "tableParts", "extLst"]),
    ("sheetViews", &["sheetView*"]),
    ("sheetView", &["pane", "selection*", "pivotSelection*", "extLst"]),
    ("cols", &["col*"]),
    ("sheetData", &["row*"]),
    ("row", &["c*"]),
    ("c", &["f", "v", "is"]),
    ("workbook", &["fileVersion", "fileSharing", "workbookPr", "workbookProtection", "bookViews", "sheets",
        "functionGroups", "externalReferences", "definedNames", "calcPr", "oleSize", "customWorkbookViews",
        "pivotCaches", "smartTagPr", "smartTagTypes", "webPublishing", "fileRecoveryPr", "webPublishObjects",
        "extLst"]),
    ("sheets", &["sheet*"]),
    ("definedNames", &["definedName*"]),
    ("styleSheet", &["numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs",
        "tableStyles", "colors", "extLst"]),
    ("xf", &["alignment", "protection", "extLst"]),
    ("border", &["left", "right", "top", "bottom", "diagonal", "vertical", "horizontal"]),
    ("patternFill", &["fgColor", "bgColor"]),
    ("sst", &["si*"]),
    ("si", &["t", "r*", "rPh*", "phoneticPr"]),
];

/// Check that each checked parent's children follow its sequence: known,
/// in order, and repeated only where the schema allows.
fn assert_sequences(part: &str, xml: &str, sequences: &[(&str, &[&str])]) -> usize {
    let mut checked = 0;
    for el in elements(part, xml) {
        let Some((_, sequence)) = sequences.iter().find(|(parent, _)| *parent == el.name) else { continue };
        checked += 1;
        let mut last: Option<(usize, bool)> = None;
        for child in &el.children {
            let found = sequence.iter().position(|s| s.trim_end_matches('*') == child);
            let found = found.or_else(|| sequence.iter().position(|s| *s == "*"));
            let Some(at) = found else { panic!("{part}: <{child}> is not a child of <{}>", el.name) };
            let repeats = sequence[at].ends_with('*');
            if let Some((before, before_repeats)) = last {
                assert!(
                    at > before || (at == before && before_repeats),
                    "{part}: <{child}> out of order in <{}>: {:?}",
                    el.name,
                    el.children
                );
            }
            last = Some((at, repeats));
        }
    }
    checked
}

#[test]
#[should_panic(expected = "<w:pStyle> out of order in <w:pPr>")]
fn the_order_check_finds_an_element_out_of_order() {
    assert_sequences(
        "t",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:pPr><w:spacing/><w:pStyle/></w:pPr>",
        WORD_SEQUENCES,
    );
}

#[test]
#[should_panic(expected = "<w:b> is not a child of <w:pPr>")]
fn the_order_check_finds_an_unknown_child() {
    assert_sequences("t", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:pPr><w:b/></w:pPr>", WORD_SEQUENCES);
}

#[test]
#[should_panic(expected = "<w:b> out of order in <w:rPr>")]
fn the_order_check_finds_a_repeated_element() {
    assert_sequences("t", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:rPr><w:b/><w:b/></w:rPr>", WORD_SEQUENCES);
}

#[test]
fn child_elements_follow_the_schema_sequences() {
    for (package, parts) in packages() {
        let sequences = if package.ends_with("docx") { WORD_SEQUENCES } else { EXCEL_SEQUENCES };
        let mut checked = 0;
        for (name, xml) in parts.iter().filter(|(n, _)| n.starts_with("word/") || n.starts_with("xl/")) {
            checked += assert_sequences(&format!("{package}/{name}"), xml, sequences);
        }
        assert!(checked > 50, "{package}: {checked} elements checked");
    }
}

#[test]
fn styles_and_numbering_that_are_named_exist() {
    for (name, doc) in documents() {
        let parts = parts(&export::docx::render(&doc).unwrap());
        let styles = elements("styles.xml", &parts["word/styles.xml"]);
        let defined: BTreeSet<&str> =
            styles.iter().filter(|e| e.name == "w:style").map(|e| e.attributes["w:styleId"].as_str()).collect();
        let named = |part: &[Element], element: &str| -> BTreeSet<String> {
            part.iter().filter(|e| e.name == element).map(|e| e.attributes["w:val"].clone()).collect()
        };
        let body = elements("document.xml", &parts["word/document.xml"]);
        let numbering = elements("numbering.xml", &parts["word/numbering.xml"]);
        for (part, element) in
            [(&body, "w:pStyle"), (&styles, "w:basedOn"), (&styles, "w:next"), (&numbering, "w:pStyle")]
        {
            for style in named(part, element) {
                assert!(defined.contains(style.as_str()), "{name}: {element} {style} is not defined");
            }
        }
        for used in ["Title", "Subtitle", "Heading1", "Heading2", "ListBullet", "TableText", "TOC1"] {
            assert!(named(&body, "w:pStyle").contains(used), "{name}: {used} used");
        }
        // "List Bullet" paragraphs get their bullet from a numbering that exists.
        let nums: BTreeSet<String> =
            numbering.iter().filter(|e| e.name == "w:num").map(|e| e.attributes["w:numId"].clone()).collect();
        let abstracts: BTreeSet<String> = numbering
            .iter()
            .filter(|e| e.name == "w:abstractNum")
            .map(|e| e.attributes["w:abstractNumId"].clone())
            .collect();
        assert!(!nums.is_empty());
        let used = named(&body, "w:numId");
        assert!(!used.is_empty(), "{name}: bullets are numbered");
        for id in used.iter().chain(&named(&styles, "w:numId")) {
            assert!(nums.contains(id), "{name}: numId {id}");
        }
        for id in named(&numbering, "w:abstractNumId") {
            assert!(abstracts.contains(&id), "{name}: abstractNumId {id}");
        }
        assert!(numbering.iter().any(|e| e.name == "w:numFmt" && e.attributes["w:val"] == "bullet"));
        // The headings carry their outline level (navigation pane, tables
        // of contents) and Word's names.
        for (level, id) in ["Heading1", "Heading2", "Heading3"].iter().enumerate() {
            let at = styles.iter().position(|e| e.name == "w:style" && e.attributes["w:styleId"] == *id).unwrap();
            let style = &styles[at..];
            let end = style[1..].iter().position(|e| e.name == "w:style").map_or(style.len(), |i| i + 1);
            let style = &style[..end];
            let find = |el: &str| style.iter().find(|e| e.name == el).map(|e| e.attributes["w:val"].clone());
            assert_eq!(find("w:outlineLvl"), Some(level.to_string()), "{id}");
            assert_eq!(find("w:name"), Some(format!("heading {}", level + 1)), "{id}");
        }
        // A4 with 2 cm margins.
        let pg = body.iter().find(|e| e.name == "w:pgSz").unwrap();
        assert_eq!((pg.attributes["w:w"].as_str(), pg.attributes["w:h"].as_str()), ("11906", "16838"));
        assert_eq!(body.iter().find(|e| e.name == "w:pgMar").unwrap().attributes["w:top"], "1134");
        // The proofing language in the default run properties.
        let lang = if doc.lang == Lang::Sv { "sv-SE" } else { "en-GB" };
        let defaults = styles.iter().position(|e| e.name == "w:rPrDefault").unwrap();
        let tag = styles[defaults..].iter().find(|e| e.name == "w:lang").unwrap();
        assert_eq!(tag.attributes["w:val"], lang, "{name}: proofing language");
    }
}

#[test]
fn header_rows_repeat_and_rows_do_not_split() {
    for (name, doc) in documents() {
        let body = elements("document.xml", &parts(&export::docx::render(&doc).unwrap())["word/document.xml"]);
        let mut tables = 0;
        for (i, el) in body.iter().enumerate().filter(|(_, e)| e.name == "w:tbl") {
            tables += 1;
            let rows: Vec<&Element> =
                body[i..].iter().filter(|e| e.name == "w:trPr").take(el.children.len() - 2).collect();
            assert!(rows[0].children.contains(&"w:tblHeader".to_string()), "{name}: the header row repeats");
            assert!(rows.iter().all(|r| r.children.contains(&"w:cantSplit".to_string())));
            assert!(rows[1..].iter().all(|r| !r.children.contains(&"w:tblHeader".to_string())), "{name}");
        }
        assert!(tables > 0, "{name}");
    }
}

#[test]
fn each_filter_has_the_defined_name_excel_writes() {
    for (name, doc) in documents() {
        let parts = parts(&export::xlsx::render(&doc).unwrap());
        let workbook = elements("workbook.xml", &parts["xl/workbook.xml"]);
        let sheets: Vec<&Element> = workbook.iter().filter(|e| e.name == "sheet").collect();
        assert_eq!(sheets.len(), 4, "{name}");
        let mut reader = quick_xml::Reader::from_str(&parts["xl/workbook.xml"]);
        let mut names = Vec::new();
        let mut inside = false;
        loop {
            match reader.read_event().unwrap() {
                Event::Start(e) if e.name().as_ref() == b"definedName" => inside = true,
                Event::Text(t) if inside => names.push(t.decode().unwrap().into_owned()),
                Event::End(_) => inside = false,
                Event::Eof => break,
                _ => {}
            }
        }
        let filters: Vec<&Element> = workbook.iter().filter(|e| e.name == "definedName").collect();
        assert_eq!(filters.len(), 4, "{name}");
        for (i, sheet) in sheets.iter().enumerate() {
            let at = filters.iter().position(|f| f.attributes["localSheetId"] == i.to_string()).unwrap();
            let filter = filters[at];
            assert_eq!(filter.attributes["name"], "_xlnm._FilterDatabase");
            assert_eq!(filter.attributes["hidden"], "1");
            let xml = &parts[&format!("xl/worksheets/sheet{}.xml", i + 1)];
            let els = elements("sheet", xml);
            let filter_ref = &els.iter().find(|e| e.name == "autoFilter").unwrap().attributes["ref"];
            let (from, to) = filter_ref.split_once(':').unwrap();
            assert_eq!(from, "A1", "{name}: the filter starts at the header");
            let rows = els.iter().filter(|e| e.name == "row").count();
            assert!(to.ends_with(&rows.max(1).to_string()), "{name}: the filter covers every row: {to}");
            let absolute = |r: &str| {
                let at = r.find(|c: char| c.is_ascii_digit()).unwrap();
                format!("${}${}", &r[..at], &r[at..])
            };
            let sheet_name = sheet.attributes["name"].as_str();
            let quoted = if sheet_name.contains(' ') { format!("'{sheet_name}'") } else { sheet_name.to_string() };
            assert_eq!(names[at], format!("{quoted}!{}:{}", absolute(from), absolute(to)));
            // The header row is frozen.
            let pane = els.iter().find(|e| e.name == "pane").unwrap();
            assert_eq!((pane.attributes["ySplit"].as_str(), pane.attributes["state"].as_str()), ("1", "frozen"));
        }
    }
}

#[test]
fn a_text_past_excels_cell_limit_is_cut_with_a_note_and_whole_elsewhere() {
    let mut doc = fixed_document();
    let long: String = "Lång indikator 😀 ".repeat(3000);
    assert!(long.encode_utf16().count() > 32_767);
    doc.goals[0].indicators[0].name = long.clone().into();
    let sheets = super::office::sheets(&export::xlsx::render(&doc).unwrap());
    let strings: Vec<&String> = sheets.iter().flat_map(|(_, rows)| rows.iter().flatten()).collect();
    let note = malverkstad::i18n::export::T::CellCut.get(Lang::Sv);
    let cut: Vec<&&String> = strings.iter().filter(|s| s.ends_with(note)).collect();
    assert_eq!(cut.len(), 1, "one text was cut");
    let kept = cut[0].strip_suffix(note).unwrap();
    assert!(cut[0].encode_utf16().count() <= 32_767 && kept.len() > 30_000);
    assert!(long.starts_with(kept), "the start of the text is kept as it was");
    // The Word export holds the whole text.
    let body = read_xml(&unzip(&export::docx::render(&doc).unwrap(), "word/document.xml"), &["w:p"], &[]);
    assert!(squash(&body.text).contains(&squash(&long)));
}

#[test]
fn the_sheets_read_back_as_the_documents_rows() {
    for (name, doc) in documents() {
        let sheets = super::office::sheets(&export::xlsx::render(&doc).unwrap());
        // As written: without the two characters XML forbids, without
        // empty cells at the end.
        let trim = |row: Vec<String>| {
            let mut row: Vec<String> =
                row.into_iter().map(|s| s.replace(['\u{FFFE}', '\u{FFFF}'], "\u{FFFD}")).collect();
            while row.last().is_some_and(String::is_empty) {
                row.pop();
            }
            row
        };
        let mut names = Vec::new();
        let mut goals = Vec::new();
        for goal in &doc.goals {
            for row in goal.active_indicators() {
                names.push(trim(vec![goal.code.to_string(), goal.wording.to_string(), row.name.to_string()]));
            }
            let kind = if doc.lang == Lang::Sv { "Mål" } else { "Goal" };
            let row = vec![
                goal.code.to_string(),
                kind.into(),
                goal.wording.to_string(),
                goal.perspective.to_string(),
                goal.owner.to_string(),
            ];
            goals.push(trim(row));
            for sub in &goal.subgoals {
                let kind = match (doc.lang, sub.dropped) {
                    (Lang::Sv, false) => "Delmål",
                    (Lang::Sv, true) => "Bortvalt delmål",
                    (Lang::En, false) => "Sub-goal",
                    (Lang::En, true) => "Dropped sub-goal",
                };
                let row = vec![
                    goal.code.to_string(),
                    kind.into(),
                    sub.text.to_string(),
                    String::new(),
                    sub.owner.to_string(),
                ];
                goals.push(trim([row, vec![sub.from.join(", ")]].concat()));
            }
        }
        let read: Vec<Vec<String>> =
            sheets[0].1[1..].iter().map(|r| trim(vec![r[0].clone(), r[1].clone(), r[5].clone()])).collect();
        assert_eq!(read, names, "{name}: Indikatorer");
        let read: Vec<Vec<String>> = sheets[1].1[1..].iter().map(|r| trim(r.clone())).collect();
        assert_eq!(read, goals, "{name}: Mål");
        assert!(!names.is_empty() && goals.len() > doc.goals.len(), "{name}");
    }
}
