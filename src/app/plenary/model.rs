//! What the plenary shows, derived from the merged outline, the workshop and
//! the groups' files. Pure: built once when the data changes, drawn many times.

use std::collections::BTreeMap;

use uuid::Uuid;

use crate::domain::model::{GoalAnswers, GroupFile, Measure, QuestionKind, Workshop};
use crate::domain::outline::{Content, Outline, OutlineGoal, OutlineItem, Status, Tally, VerdictVersion};
use crate::domain::quality::{self, GoalReport, WordLists};

/// Everything the plenary and the overview show.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Board {
    /// Every group of the outline (the overview's columns), in group order.
    pub groups: Vec<String>,
    /// Every goal of the outline, in workshop order (unknown goals last).
    pub goals: Vec<GoalView>,
}

/// One goal on the projector.
#[derive(Clone, Debug, PartialEq)]
pub struct GoalView {
    pub goal: Uuid,
    /// The goal's code ("1.2"), empty when it has none.
    pub code: String,
    pub wording: String,
    pub perspective: Option<String>,
    pub owner: Option<String>,
    /// False when groups answered a goal the workshop no longer has.
    pub known: bool,
    /// Each group that works on the goal or wrote something for it.
    pub groups: Vec<GroupWork>,
    /// Sub-goals not dropped in the review, folded duplicates once.
    pub subgoals: Vec<ItemView>,
    /// Indicators not dropped in the review.
    pub indicators: Vec<ItemView>,
    pub tally: Tally,
    /// One cell per group of [`Board::groups`], for the overview.
    pub cells: Vec<Cell>,
    /// Answers to questions the facilitator added (free text and lists
    /// beyond the first of each kind), under their question's text.
    pub other: Vec<OtherView>,
}

/// The answers to one added question.
#[derive(Clone, Debug, PartialEq)]
pub struct OtherView {
    /// The question as the workshop asks it (its key when the workshop no
    /// longer has it).
    pub question: String,
    /// (group names, text), in group order.
    pub answers: Vec<(String, String)>,
}

impl GoalView {
    /// "1.2 Wording" or the wording.
    pub fn label(&self) -> String {
        if self.code.is_empty() {
            self.wording.clone()
        } else {
            format!("{} {}", self.code, self.wording)
        }
    }

    /// The best group's score: the material the plenary has to work with.
    pub fn best(&self) -> Option<u8> {
        self.groups.iter().filter_map(|g| g.report.as_ref()).map(|r| r.score).max()
    }
}

/// One group's part of a goal.
#[derive(Clone, Debug, PartialEq)]
pub struct GroupWork {
    pub group: Uuid,
    pub name: String,
    /// The desired effect; more than one version when copies of the file disagree.
    pub effects: Vec<String>,
    /// The measurability verdict and comment (more than one: a conflict).
    pub verdicts: Vec<VerdictVersion>,
    /// The quality check of the group's answers (none for an unknown goal).
    pub report: Option<GoalReport>,
}

/// A sub-goal or an indicator, once per distinct content, with every group
/// that wrote that content. Versions with the same text that differ in other
/// fields ("samma namn, olika uppgifter") are one view each, `differs` set.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemView {
    pub text: String,
    /// A sub-goal's owner as this version has it.
    pub owner: String,
    /// An indicator's target value and year.
    pub target: Measure,
    pub groups: Vec<String>,
    pub conflict: bool,
    /// The item has other versions with the same text and other details.
    pub differs: bool,
}

/// What a group has filled in for a goal, for the overview.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cell {
    /// Not the group's goal and nothing written for it.
    NotAssigned,
    Work(Fill),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fill {
    pub score: u8,
    pub answered: bool,
    pub effect: bool,
    pub subgoals: usize,
    pub indicators: usize,
    pub verdict: bool,
}

/// Build the board from a merged outline.
pub fn build(workshop: &Workshop, files: &BTreeMap<Uuid, &GroupFile>, outline: &Outline, words: &WordLists) -> Board {
    let groups = outline.groups.iter().map(|g| g.name.clone()).collect();
    let goals = outline.goals.iter().map(|g| goal_view(workshop, files, outline, g, words)).collect();
    Board { groups, goals }
}

fn goal_view(
    workshop: &Workshop,
    files: &BTreeMap<Uuid, &GroupFile>,
    outline: &Outline,
    og: &OutlineGoal,
    words: &WordLists,
) -> GoalView {
    let goal = workshop.goal(og.goal);
    let items = |list: &[OutlineItem]| -> Vec<ItemView> {
        list.iter().filter(|i| i.status != Status::Dropped).flat_map(|i| item_views(outline, og, i)).collect()
    };
    let subgoals = items(og.subgoals());
    let indicators = items(og.indicators());
    let verdicts = og.verdicts();
    let mut groups = Vec::new();
    let mut cells = Vec::new();
    for g in &outline.groups {
        let assigned = workshop.group(g.id).is_some_and(|wg| wg.goals.contains(&og.goal));
        // As the review decided: a dropped effect or verdict is not shown, a
        // decided one shows its text (edited or the chosen version), an
        // undecided one every version the group's files hold.
        let effects: Vec<String> = og
            .effects()
            .iter()
            .filter(|t| t.group == g.id && t.status != Status::Dropped)
            .flat_map(|t| match decided(t.status, t.conflict) {
                true => vec![t.text.clone()],
                false => t.versions.clone(),
            })
            .collect();
        let group_verdicts: Vec<VerdictVersion> = verdicts
            .map(|v| {
                v.groups
                    .iter()
                    .filter(|e| e.group == g.id && e.status != Status::Dropped)
                    .flat_map(|e| match decided(e.status, e.conflict) {
                        true => {
                            let chosen = e.versions.iter().find(|v| v.how == e.text).or(e.versions.first());
                            vec![VerdictVersion { verdict: chosen.and_then(|v| v.verdict), how: e.text.clone() }]
                        }
                        false => e.versions.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let in_items = subgoals.iter().chain(&indicators).any(|i| i.groups.contains(&g.name));
        let contributed = !effects.is_empty() || !group_verdicts.is_empty() || in_items;
        if !assigned && !contributed {
            cells.push(Cell::NotAssigned);
            continue;
        }
        let file = files.get(&g.id).copied();
        let answers = file.and_then(|f| f.answers(og.goal));
        let report = goal.map(|goal| quality::goal_report(workshop, file, goal, words));
        cells.push(Cell::Work(fill(workshop, answers, report.as_ref())));
        groups.push(GroupWork { group: g.id, name: g.name.clone(), effects, verdicts: group_verdicts, report });
    }
    let other = other_answers(workshop, outline, og);
    GoalView {
        other,
        goal: og.goal,
        code: goal.and_then(|g| g.code.clone()).unwrap_or_default(),
        wording: goal.map(|g| g.wording.clone()).unwrap_or_else(|| og.label.clone()),
        perspective: goal.and_then(|g| g.perspective.clone()).filter(|p| !p.trim().is_empty()),
        owner: goal.and_then(|g| g.owner.clone()).filter(|o| !o.trim().is_empty()),
        known: og.known,
        groups,
        subgoals,
        indicators,
        tally: verdicts.map(|v| v.tally).unwrap_or_default(),
        cells,
    }
}

/// Answers to the questions beyond the first of each kind (those the
/// facilitator added): free texts per group, list items not dropped.
fn other_answers(workshop: &Workshop, outline: &Outline, og: &OutlineGoal) -> Vec<OtherView> {
    use crate::domain::outline::SectionBody;
    let lang = workshop.language;
    let mut seen = [false; 4];
    let mut out = Vec::new();
    for section in &og.sections {
        let slot = &mut seen[match section.kind() {
            QuestionKind::Text => 0,
            QuestionKind::List => 1,
            QuestionKind::Indicators => 2,
            QuestionKind::Verdict => 3,
        }];
        let first = !*slot;
        *slot = true;
        if first {
            continue;
        }
        let answers: Vec<(String, String)> = match &section.body {
            SectionBody::Text(entries) => entries
                .iter()
                .flat_map(|e| e.versions.iter().map(move |t| (outline.group_name(e.group).to_string(), t.clone())))
                .collect(),
            SectionBody::List(items) => items
                .iter()
                .filter(|i| i.status != Status::Dropped)
                .map(|i| {
                    let groups: Vec<&str> = i.groups.iter().map(|g| outline.group_name(*g)).collect();
                    (groups.join(" · "), i.text.clone())
                })
                .collect(),
            _ => continue,
        };
        if answers.is_empty() {
            continue;
        }
        let question =
            workshop.question(&section.key).map(|q| q.prompt.get(lang).to_string()).unwrap_or(section.key.clone());
        out.push(OtherView { question, answers });
    }
    out
}

fn item_views(outline: &Outline, og: &OutlineGoal, item: &OutlineItem) -> Vec<ItemView> {
    let differs = !item.flags.differs.is_empty();
    og.variants(item)
        .into_iter()
        .map(|variant| {
            let (owner, target) = match variant.content {
                Content::List(l) => (l.owner.trim().to_string(), Measure::default()),
                Content::Indicator(i) => (String::new(), i.target.clone()),
            };
            ItemView {
                text: item.text.clone(),
                owner,
                target,
                groups: item
                    .groups
                    .iter()
                    .filter(|g| variant.groups.contains(g))
                    .map(|g| outline.group_name(*g).to_string())
                    .collect(),
                conflict: item.flags.conflict,
                differs,
            }
        })
        .collect()
}

/// What a group has filled in, counted from its own file.
fn fill(workshop: &Workshop, answers: Option<&GoalAnswers>, report: Option<&GoalReport>) -> Fill {
    let key = |kind| workshop.question_of_kind(kind).map(|q| q.key.as_str());
    let (mut effect, mut subgoals, mut indicators, mut verdict) = (false, 0, 0, false);
    if let Some(a) = answers {
        effect = key(QuestionKind::Text).and_then(|k| a.text(k)).is_some_and(|t| !t.trim().is_empty());
        subgoals = key(QuestionKind::List)
            .map(|k| a.list(k).iter().filter(|i| !i.text.trim().is_empty()).count())
            .unwrap_or(0);
        indicators = key(QuestionKind::Indicators)
            .map(|k| a.indicators(k).iter().filter(|i| !i.name.trim().is_empty()).count())
            .unwrap_or(0);
        verdict = key(QuestionKind::Verdict).and_then(|k| a.verdict(k)).is_some_and(|v| v.verdict.is_some());
    }
    Fill {
        score: report.map(|r| r.score).unwrap_or(0),
        answered: report.is_some_and(|r| r.answered),
        effect,
        subgoals,
        indicators,
        verdict,
    }
}

/// True when the review has settled an effect or verdict to one text.
fn decided(status: Status, conflict: bool) -> bool {
    status != Status::Open && !conflict
}
