//! Named question templates in the user's config folder, so a question set
//! made for one workshop can be chosen for the next.
//!
//! `<config>/templates/<slug>.ron`, where `<config>` is `MALVERKSTAD_CONFIG_DIR`
//! when set (tests), else the platform config dir (`~/.config/malverkstad` on
//! Linux). Saved through the same atomic save as session files.

use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{codec, save_checked, StoreError};
use crate::domain::{slug, text::normalize, Question, SCHEMA};
use crate::i18n::{facil::T, Lang};
use crate::tr;

pub const TEMPLATES_DIR: &str = "templates";

/// A saved question set.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionTemplate {
    pub schema: u32,
    pub name: String,
    pub questions: Vec<Question>,
}

#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    #[error("a template needs a name")]
    EmptyName,
    #[error("a template needs at least one question")]
    NoQuestions,
    #[error("no template named {0}")]
    NotFound(String),
    /// [`Templates::save_new`]: a template of that name (file) exists.
    #[error("a template named {0} already exists")]
    Exists(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl TemplateError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            TemplateError::EmptyName => tr!(lang, T::TemplateEmptyName),
            TemplateError::NoQuestions => tr!(lang, T::TemplateNoQuestions),
            TemplateError::NotFound(name) => tr!(lang, T::TemplateNotFound, name = name),
            TemplateError::Exists(name) => tr!(lang, T::TemplateExists, name = name),
            TemplateError::Store(e) => e.message(lang),
        }
    }
}

/// The config folder: `MALVERKSTAD_CONFIG_DIR`, else the platform's.
pub fn config_dir() -> Result<PathBuf, StoreError> {
    if let Some(dir) = std::env::var_os("MALVERKSTAD_CONFIG_DIR").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("se", "Malverkstad", "malverkstad")
        .map(|p| p.config_dir().to_path_buf())
        .ok_or(StoreError::NoSessionsDir)
}

/// A template file and what reading it gave.
pub type Listed = (PathBuf, Result<QuestionTemplate, StoreError>);

/// The template store in a config folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Templates {
    pub dir: PathBuf,
}

impl Templates {
    /// Templates under the given config folder.
    pub fn in_config(config: &Path) -> Templates {
        Templates { dir: config.join(TEMPLATES_DIR) }
    }

    /// Templates under [`config_dir`].
    pub fn user() -> Result<Templates, StoreError> {
        config_dir().map(|c| Templates::in_config(&c))
    }

    pub fn path_of(&self, name: &str) -> PathBuf {
        self.dir.join(format!("{}.ron", slug::slugify(name, "mall")))
    }

    /// True when a template `name` exists, i.e. saving `name` would replace a
    /// file (names that differ only in case or accents share a file). Ask
    /// before [`Templates::save`]; or use [`Templates::save_new`].
    pub fn exists(&self, name: &str) -> bool {
        self.path_of(normalize(name).trim()).exists()
    }

    /// Save the template `name` unless one of that name exists
    /// ([`TemplateError::Exists`], nothing written). Returns its file.
    pub fn save_new(&self, name: &str, questions: &[Question]) -> Result<PathBuf, TemplateError> {
        if self.exists(name) {
            return Err(TemplateError::Exists(normalize(name).trim().to_string()));
        }
        self.save(name, questions)
    }

    /// Save (or replace) the template `name`. Returns its file.
    pub fn save(&self, name: &str, questions: &[Question]) -> Result<PathBuf, TemplateError> {
        let name = normalize(name).trim().to_string();
        if name.is_empty() {
            return Err(TemplateError::EmptyName);
        }
        if questions.is_empty() {
            return Err(TemplateError::NoQuestions);
        }
        fs::create_dir_all(&self.dir).map_err(|e| StoreError::io(&self.dir, e))?;
        let path = self.path_of(&name);
        let template = QuestionTemplate { schema: SCHEMA, name, questions: questions.to_vec() };
        save_checked(&path, &template)?;
        Ok(path)
    }

    /// Load the template `name` (by its name or its file name).
    pub fn load(&self, name: &str) -> Result<QuestionTemplate, TemplateError> {
        let path = self.path_of(name);
        match codec::read_file(&path) {
            Ok(t) => Ok(t),
            Err(StoreError::NotFound { .. }) => Err(TemplateError::NotFound(name.to_string())),
            Err(StoreError::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
                Err(TemplateError::NotFound(name.to_string()))
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Every template, sorted by name; a file that cannot be read is listed
    /// with its error instead of hiding it.
    pub fn list(&self) -> Result<Vec<Listed>, StoreError> {
        let entries = match fs::read_dir(&self.dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(StoreError::io(&self.dir, e)),
        };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| {
                let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
                name.ends_with(".ron") && !name.starts_with('.')
            })
            .collect();
        paths.sort();
        let mut out: Vec<Listed> = paths.into_iter().map(|p| (p.clone(), codec::read_file(&p))).collect();
        out.sort_by_key(|(p, t)| match t {
            Ok(t) => t.name.to_lowercase(),
            Err(_) => p.to_string_lossy().to_lowercase(),
        });
        Ok(out)
    }

    /// Remove a template; removing one that does not exist is not an error.
    pub fn delete(&self, name: &str) -> Result<(), StoreError> {
        let path = self.path_of(name);
        match fs::remove_file(&path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(StoreError::io(&path, e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{default_questions, questions};

    #[test]
    fn round_trip_list_and_delete() {
        let config = tempfile::tempdir().unwrap();
        let store = Templates::in_config(config.path());
        assert!(store.list().unwrap().is_empty());
        let mut qs = default_questions();
        let (kind, prompt, guidance) = questions::suggestions().remove(1);
        questions::add(&mut qs, kind, prompt, guidance, &Default::default());
        let path = store.save("Kommunens mall – 2027", &qs).unwrap();
        assert_eq!(path.file_name().unwrap(), "kommunens-mall-2027.ron");
        store.save("Bara två", &qs[..2]).unwrap();
        let loaded = store.load("Kommunens mall – 2027").unwrap();
        assert_eq!(loaded.questions, qs);
        assert_eq!(loaded.name, "Kommunens mall – 2027");
        let names: Vec<String> = store.list().unwrap().into_iter().map(|(_, t)| t.unwrap().name).collect();
        assert_eq!(names, vec!["Bara två", "Kommunens mall – 2027"]);
        store.delete("Bara två").unwrap();
        assert!(matches!(store.load("Bara två"), Err(TemplateError::NotFound(_))));
        assert!(matches!(store.save("  ", &qs), Err(TemplateError::EmptyName)));
        assert!(matches!(store.save("x", &[]), Err(TemplateError::NoQuestions)));
    }

    #[test]
    fn save_new_refuses_an_existing_name_and_leaves_the_file() {
        let config = tempfile::tempdir().unwrap();
        let store = Templates::in_config(config.path());
        let qs = default_questions();
        assert!(!store.exists("Kommunens mall"));
        store.save_new("Kommunens mall", &qs).unwrap();
        // Another spelling of the same file name counts as the same template.
        assert!(store.exists(" kommunens  MALL "));
        let err = store.save_new("kommunens mall", &qs[..1]).unwrap_err();
        assert!(matches!(&err, TemplateError::Exists(name) if name == "kommunens mall"), "{err:?}");
        assert_eq!(store.load("Kommunens mall").unwrap().questions, qs);
        assert!(err.message(Lang::Sv).contains("Det finns redan en mall"));
    }
}
