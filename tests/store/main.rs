//! The file layer as a whole: round trips, crash-safe saves, bad files,
//! the demo workshop. One test binary, one module per concern.

use std::path::Path;

use chrono::NaiveDate;
use malverkstad::domain::*;
use malverkstad::i18n::Lang;
use malverkstad::store::codec;
use uuid::Uuid;

mod bad_files;
mod demo_workshop;
mod killed_while_saving;
mod round_trip;
