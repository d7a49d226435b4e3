//! `kolada baseline`: which indicators have a Kolada id and an empty
//! baseline, and filling them in. Only empty fields are ever written: a
//! typed value is never overwritten.

use uuid::Uuid;

use crate::domain::model::{Answer, GroupFile, Indicator, Measure};
use crate::i18n::Lang;

/// An indicator with a Kolada id, as found in a group's file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub goal: Uuid,
    pub indicator: Uuid,
    pub name: String,
    /// The Kolada id, trimmed and upper-case.
    pub kpi: String,
    pub baseline: Measure,
}

impl Candidate {
    /// The baseline value is typed: nothing will be filled.
    pub fn is_filled(&self) -> bool {
        !self.baseline.value.trim().is_empty()
    }

    /// The year the group typed without a value, if it is a year: the value
    /// of that year is the one to fetch.
    pub fn typed_year(&self) -> Option<i32> {
        self.baseline.year_number().filter(|y| (1900..=2200).contains(y))
    }
}

fn indicators_mut(file: &mut GroupFile, goal: Uuid) -> impl Iterator<Item = &mut Indicator> {
    file.goals.get_mut(&goal).into_iter().flat_map(|a| a.answers.values_mut()).flat_map(|answer| match answer {
        Answer::Indicators(list) => list.iter_mut(),
        _ => [].iter_mut(),
    })
}

/// Every indicator of a group's file that has a Kolada id, in goal order.
pub fn candidates(file: &GroupFile) -> Vec<Candidate> {
    let mut out = Vec::new();
    for (goal, answers) in &file.goals {
        for answer in answers.answers.values() {
            let Answer::Indicators(list) = answer else { continue };
            for ind in list.iter().filter(|i| !i.kolada.trim().is_empty()) {
                out.push(Candidate {
                    goal: *goal,
                    indicator: ind.id,
                    name: ind.name.clone(),
                    kpi: ind.kolada.trim().to_ascii_uppercase(),
                    baseline: ind.baseline.clone(),
                });
            }
        }
    }
    out
}

/// The years to ask Kolada for: the last five before `this_year` and this
/// year (recent outcomes are published a year or two late), plus `typed`.
pub fn years(this_year: i32, typed: Option<i32>) -> Vec<i32> {
    let mut years: Vec<i32> = (this_year - 5..=this_year).collect();
    if let Some(y) = typed.filter(|y| !years.contains(y)) {
        years.push(y);
        years.sort_unstable();
    }
    years
}

/// A value as a baseline field shows it: as few decimals as Kolada gave (at
/// most two), a decimal comma in a Swedish workshop.
pub fn format_value(value: f64, lang: Lang) -> String {
    let rounded = (value * 100.0).round() / 100.0;
    let text = format!("{rounded}");
    match lang {
        Lang::Sv => text.replace('.', ","),
        Lang::En => text,
    }
}

/// Fill the baseline of one indicator where it is still empty: the value
/// when blank, the year when blank. Returns true when something changed.
pub fn fill(file: &mut GroupFile, goal: Uuid, indicator: Uuid, value: &str, year: i32) -> bool {
    let Some(ind) = indicators_mut(file, goal).find(|i| i.id == indicator) else { return false };
    if !ind.baseline.value.trim().is_empty() {
        return false;
    }
    ind.baseline.value = value.to_string();
    if ind.baseline.year.trim().is_empty() {
        ind.baseline.year = year.to_string();
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_and_values() {
        assert_eq!(years(2026, None), [2021, 2022, 2023, 2024, 2025, 2026]);
        assert_eq!(years(2026, Some(2015))[0], 2015);
        assert_eq!(years(2026, Some(2023)).len(), 6);
        assert_eq!(format_value(231.4, Lang::Sv), "231,4");
        assert_eq!(format_value(231.4, Lang::En), "231.4");
        assert_eq!(format_value(12.0, Lang::Sv), "12");
        assert_eq!(format_value(1.23456, Lang::Sv), "1,23");
    }
}
