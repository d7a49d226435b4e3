//! Messages of Kolada's KPI catalogue: `malverkstad kolada …` and the
//! quality findings about Kolada ids.
crate::catalogue! {
    // Errors.
    NoCatalogue => ("Ingen Kolada-katalog finns ({path}). Hämta den med `malverkstad kolada sync`, eller på en dator utan nät med `malverkstad kolada sync --from FIL`.", "There is no Kolada catalogue ({path}). Fetch it with `malverkstad kolada sync`, or on a computer without network with `malverkstad kolada sync --from FILE`."),
    ReadError => ("Kunde inte läsa {path}: {error}", "Could not read {path}: {error}"),
    ParseError => ("{path} är inte en Kolada-katalog (JSON från `kolada sync --save` eller en sida från Kolada v3): {error}", "{path} is not a Kolada catalogue (JSON from `kolada sync --save` or a page from Kolada v3): {error}"),
    WriteError => ("Kunde inte spara {path}: {error}", "Could not save {path}: {error}"),
    NoDataDir => ("Hittar ingen datamapp för katalogen; ange en med MALVERKSTAD_KOLADA_DIR.", "No data folder for the catalogue was found; give one with MALVERKSTAD_KOLADA_DIR."),
    Offline => ("Kunde inte nå Kolada ({host}): {error}. Hämta katalogen på en dator med nät och använd `kolada sync --from FIL`.", "Could not reach Kolada ({host}): {error}. Fetch the catalogue on a computer with network and use `kolada sync --from FILE`."),
    Timeout => ("Kolada ({host}) svarade inte i tid: {error}. Försök igen senare, eller hämta katalogen på en annan dator och använd `kolada sync --from FIL`.", "Kolada ({host}) did not answer in time: {error}. Try again later, or fetch the catalogue on another computer and use `kolada sync --from FILE`."),
    HttpStatus => ("Kolada svarade med fel {status} för {url}.", "Kolada answered with error {status} for {url}."),
    Malformed => ("Kolada svarade med något som inte kunde läsas ({url}): {error}", "Kolada's answer could not be read ({url}): {error}"),
    TooManyPages => ("Kolada skickade fler än {max} sidor; hämtningen avbröts.", "Kolada sent more than {max} pages; the fetch was stopped."),
    RepeatedPage => ("Kolada hänvisade till en sida som redan hämtats ({url}); hämtningen avbröts.", "Kolada pointed to a page already fetched ({url}); the fetch was stopped."),
    EmptyCatalogue => ("Kolada skickade inga KPI:er; den befintliga katalogen behålls.", "Kolada sent no KPIs; the existing catalogue is kept."),
    // Sync.
    Progress => ("Hämtar sida {page} … {fetched} av {total} KPI:er", "Fetching page {page} … {fetched} of {total} KPIs"),
    ProgressNoTotal => ("Hämtar sida {page} … {fetched} KPI:er", "Fetching page {page} … {fetched} KPIs"),
    Synced => ("Sparade {n} KPI:er från {source} i {path}.", "Saved {n} KPIs from {source} in {path}."),
    SavedCopy => ("Skrev katalogen ({n} KPI:er) till {path}.", "Wrote the catalogue ({n} KPIs) to {path}."),
    // Search.
    CatalogueDate => ("Katalog hämtad {date} ({n} KPI:er).", "Catalogue fetched {date} ({n} KPIs)."),
    NoMatches => ("Inga KPI:er matchar \"{query}\".", "No KPIs match \"{query}\"."),
    // Baseline.
    NoKoladaIndicators => ("Ingen indikator i workshopen har ett Kolada-id.", "No indicator in the workshop has a Kolada id."),
    Proposal => ("{group} · {indicator} ({kpi}): utgångsvärde {value} ({year})", "{group} · {indicator} ({kpi}): baseline {value} ({year})"),
    AlreadyFilled => ("{group} · {indicator} ({kpi}): utgångsvärdet är redan ifyllt ({value}); lämnas orört.", "{group} · {indicator} ({kpi}): the baseline is already filled in ({value}); left alone."),
    NoValue => ("{group} · {indicator} ({kpi}): Kolada har inget värde för kommun {municipality} de senaste åren.", "{group} · {indicator} ({kpi}): Kolada has no value for municipality {municipality} in recent years."),
    FetchFailed => ("{group} · {indicator} ({kpi}): {error}", "{group} · {indicator} ({kpi}): {error}"),
    NothingToFill => ("Inget att fylla i.", "Nothing to fill in."),
    DryRun => ("Torrkörning: inget sparades. Kör igen med --yes för att fylla i {n} utgångsvärden.", "Dry run: nothing was saved. Run again with --yes to fill in {n} baselines."),
    Filled => ("Fyllde i {n} utgångsvärden i {group}.", "Filled in {n} baselines in {group}."),
    GroupLocked => ("{group} hoppades över: filen är öppen i en terminal ({host}, process {pid}). Stäng den och kör igen.", "{group} was skipped: the file is open in a terminal ({host}, process {pid}). Close it and run again."),
    GroupError => ("{group} hoppades över: {error}", "{group} was skipped: {error}"),
    BadMunicipality => ("Kommunkoden \"{code}\" ska vara fyra siffror, t.ex. 0180 för Stockholm.", "The municipality code \"{code}\" should be four digits, e.g. 0180 for Stockholm."),
    // Quality findings.
    UnknownId => ("Indikatorn \"{label}\": Kolada-id {word} finns inte i katalogen.", "The indicator \"{label}\": the Kolada id {word} is not in the catalogue."),
    UnknownIdFix => ("Kontrollera id:t (sök med `malverkstad kolada search`) eller hämta en nyare katalog med `kolada sync`.", "Check the id (search with `malverkstad kolada search`) or fetch a newer catalogue with `kolada sync`."),
    WrongOrgType => ("Indikatorn \"{label}\": KPI {word} gäller inte den här organisationens typ.", "The indicator \"{label}\": KPI {word} does not apply to this kind of organisation."),
    WrongOrgTypeFix => ("Välj ett KPI för kommuner (K) i en kommuns plan och för regioner (L) i en regions; KPI:er märkta A gäller båda.", "Choose a KPI for municipalities (K) in a municipality's plan and for regions (L) in a region's; KPIs marked A apply to both."),
    // Exports.
    Credit => ("Källa: Kolada", "Source: Kolada"),
    // The indicator form's suggestions.
    FormCatalogue => ("Kolada-katalog hämtad {date}", "Kolada catalogue fetched {date}"),
    FormListKeys => ("↑↓ välj · Enter ta · Esc stäng", "↑↓ choose · Enter take · Esc close"),
    FormTaken => ("KPI {id} vald: {fields} ifyllt.", "KPI {id} chosen: {fields} filled in."),
    FormOffer => ("Ni har skrivit {fields} själva. Ersätta med Koladas? j = ja · n = behåll ert", "You wrote {fields} yourselves. Replace with Kolada's? y = yes · n = keep yours"),
    FormReplaced => ("Ersatt med Koladas text: {fields}.", "Replaced with Kolada's text: {fields}."),
    FormKept => ("Det ni skrev behölls: {fields}.", "What you wrote was kept: {fields}."),
    HelpSuggestKeys => ("↑ ↓ Enter Esc", "↑ ↓ Enter Esc"),
    HelpSuggest => ("Kolada-förslag: välj, ta KPI:n, stäng listan", "Kolada suggestions: choose, take the KPI, close the list"),
    HelpNoCatalogue => ("Kolada-förslag: kör först `malverkstad kolada sync`", "Kolada suggestions: first run `malverkstad kolada sync`"),
}
