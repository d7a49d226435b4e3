//! Which group works on which goal: strategies, manual toggles and warnings.
//! Pure: works on a [`Workshop`] in memory.
//!
//! A group's goals are always kept in the workshop's goal order.

use std::collections::BTreeSet;

use uuid::Uuid;

use crate::domain::{Goal, Group, Workshop};
use crate::i18n::{facil::T, Lang};
use crate::tr;

/// The strategies the facilitator can pick from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Strategy {
    /// Consecutive goals, as evenly as possible: 9 goals, 4 groups → 3, 2, 2, 2.
    EvenlyInOrder,
    /// Whole perspectives to groups (see [`by_perspective`]).
    ByPerspective,
    /// Every group gets every goal.
    EveryGroupEveryGoal,
}

impl Strategy {
    pub const ALL: [Strategy; 3] = [Strategy::EvenlyInOrder, Strategy::ByPerspective, Strategy::EveryGroupEveryGoal];

    pub fn label(self, lang: Lang) -> String {
        match self {
            Strategy::EvenlyInOrder => tr!(lang, T::StrategyEvenly),
            Strategy::ByPerspective => tr!(lang, T::StrategyByPerspective),
            Strategy::EveryGroupEveryGoal => tr!(lang, T::StrategyEveryGoal),
        }
    }
}

/// Replace every group's goals by the strategy's.
pub fn apply(w: &mut Workshop, strategy: Strategy) {
    match strategy {
        Strategy::EvenlyInOrder => evenly_in_order(&w.goals, &mut w.groups),
        Strategy::ByPerspective => by_perspective(&w.goals, &mut w.groups),
        Strategy::EveryGroupEveryGoal => {
            for g in &mut w.groups {
                g.goals = w.goals.iter().map(|goal| goal.id).collect();
            }
        }
    }
}

/// Sizes of `k` consecutive runs splitting `n` items as evenly as possible,
/// the larger runs first.
fn even_sizes(n: usize, k: usize) -> impl Iterator<Item = usize> {
    (0..k).map(move |i| n / k + usize::from(i < n % k))
}

/// Consecutive goals to each group, as evenly as possible.
pub fn evenly_in_order(goals: &[Goal], groups: &mut [Group]) {
    if groups.is_empty() {
        return;
    }
    let mut start = 0;
    let sizes: Vec<usize> = even_sizes(goals.len(), groups.len()).collect();
    for (group, count) in groups.iter_mut().zip(sizes) {
        group.goals = goals[start..start + count].iter().map(|g| g.id).collect();
        start += count;
    }
}

/// The goals of each perspective, in order of first appearance; goals without
/// a perspective form their own set.
pub fn perspectives(goals: &[Goal]) -> Vec<(Option<String>, Vec<&Goal>)> {
    let mut out: Vec<(Option<String>, Vec<&Goal>)> = Vec::new();
    for goal in goals {
        let key = goal.perspective.as_ref().map(|p| p.trim().to_string()).filter(|p| !p.is_empty());
        let folded = key.as_deref().map(str::to_lowercase);
        match out.iter_mut().find(|(k, _)| k.as_deref().map(str::to_lowercase) == folded) {
            Some((_, list)) => list.push(goal),
            None => out.push((key, vec![goal])),
        }
    }
    out
}

/// Whole perspectives to groups, keeping each perspective together.
///
/// - As many perspectives as groups or more: the perspectives, largest first,
///   each go to the group with the fewest goals so far (the first such group
///   on a tie).
/// - Fewer perspectives than groups: every perspective gets one group, and
///   each remaining group goes to the perspective with the most goals per
///   group; a perspective with several groups splits its goals evenly in
///   order between them. Groups are handed out in order.
pub fn by_perspective(goals: &[Goal], groups: &mut [Group]) {
    if groups.is_empty() {
        return;
    }
    let sets = perspectives(goals);
    for g in groups.iter_mut() {
        g.goals.clear();
    }
    if sets.len() >= groups.len() {
        let mut order: Vec<usize> = (0..sets.len()).collect();
        order.sort_by_key(|i| std::cmp::Reverse(sets[*i].1.len()));
        let mut chosen: Vec<BTreeSet<Uuid>> = vec![BTreeSet::new(); groups.len()];
        for i in order {
            let least = (0..groups.len()).min_by_key(|g| chosen[*g].len()).unwrap_or(0);
            chosen[least].extend(sets[i].1.iter().map(|goal| goal.id));
        }
        for (group, ids) in groups.iter_mut().zip(chosen) {
            group.goals = goals.iter().filter(|g| ids.contains(&g.id)).map(|g| g.id).collect();
        }
        return;
    }
    let mut shares = vec![1usize; sets.len()];
    for _ in sets.len()..groups.len() {
        // the set with the most goals per group (first on a tie) gets one more group
        let busiest = (0..sets.len())
            .max_by(|a, b| (sets[*a].1.len() * shares[*b]).cmp(&(sets[*b].1.len() * shares[*a])).then(b.cmp(a)))
            .unwrap_or(0);
        shares[busiest] += 1;
    }
    let mut next = 0;
    for ((_, set), share) in sets.iter().zip(shares) {
        let mut start = 0;
        for count in even_sizes(set.len(), share) {
            groups[next].goals = set[start..start + count].iter().map(|g| g.id).collect();
            start += count;
            next += 1;
        }
    }
}

/// True when the group works on the goal.
pub fn is_assigned(w: &Workshop, group: Uuid, goal: Uuid) -> bool {
    w.group(group).is_some_and(|g| g.goals.contains(&goal))
}

/// Toggle one cell of the goals × groups matrix. Returns whether the group now
/// has the goal, or `None` when the group or goal does not exist.
pub fn toggle(w: &mut Workshop, group: Uuid, goal: Uuid) -> Option<bool> {
    w.goal(goal)?;
    let order: Vec<Uuid> = w.goals.iter().map(|g| g.id).collect();
    let g = w.groups.iter_mut().find(|g| g.id == group)?;
    if g.goals.contains(&goal) {
        g.goals.retain(|id| *id != goal);
        Some(false)
    } else {
        g.goals.push(goal);
        g.goals.sort_by_key(|id| order.iter().position(|o| o == id).unwrap_or(usize::MAX));
        Some(true)
    }
}

/// Something the facilitator should look at before the day starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Warning {
    /// No group works on this goal.
    GoalWithoutGroup { goal: Uuid },
    /// This group has no goal to work on.
    GroupWithoutGoals { group: Uuid },
    /// The loads are very uneven (see [`is_very_uneven`]).
    UnevenLoad { most: usize, fewest: usize },
}

impl Warning {
    pub fn message(&self, w: &Workshop, lang: Lang) -> String {
        match self {
            Warning::GoalWithoutGroup { goal } => {
                let label = w.goal(*goal).map(Goal::label).unwrap_or_else(|| goal.to_string());
                tr!(lang, T::WarnGoalWithoutGroup, goal = label)
            }
            Warning::GroupWithoutGoals { group } => {
                let name = w.group(*group).map(|g| g.name.clone()).unwrap_or_else(|| group.to_string());
                tr!(lang, T::WarnGroupWithoutGoals, group = name)
            }
            Warning::UnevenLoad { most, fewest } => tr!(lang, T::WarnUneven, most = most, fewest = fewest),
        }
    }
}

/// "Very uneven": the busiest group has at least two goals more than the
/// least busy one AND at least twice as many. So 3 and 2 goals is fine (one
/// more goal is unavoidable when goals do not divide evenly), 3 and 1 or 4
/// and 2 is very uneven, 10 and 8 is not (two more, but only 25 % more).
pub fn is_very_uneven(most: usize, fewest: usize) -> bool {
    most >= fewest + 2 && most >= 2 * fewest
}

/// Warnings for the current assignment: goals no group has, groups with no
/// goal, and very uneven loads.
pub fn warnings(w: &Workshop) -> Vec<Warning> {
    let mut out = Vec::new();
    if w.groups.is_empty() {
        return out;
    }
    let assigned: BTreeSet<Uuid> = w.groups.iter().flat_map(|g| g.goals.iter().copied()).collect();
    out.extend(w.goals.iter().filter(|g| !assigned.contains(&g.id)).map(|g| Warning::GoalWithoutGroup { goal: g.id }));
    out.extend(w.groups.iter().filter(|g| g.goals.is_empty()).map(|g| Warning::GroupWithoutGoals { group: g.id }));
    let loads = w.groups.iter().map(|g| g.goals.iter().filter(|id| w.goal(**id).is_some()).count());
    let (most, fewest) = (loads.clone().max().unwrap_or(0), loads.min().unwrap_or(0));
    if is_very_uneven(most, fewest) {
        out.push(Warning::UnevenLoad { most, fewest });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::new_id;

    fn workshop(perspectives: &[&str], groups: usize) -> Workshop {
        let mut w = Workshop::new("W");
        for (i, p) in perspectives.iter().enumerate() {
            let mut g = Goal::new(Some(format!("{}", i + 1)), format!("Mål {}", i + 1));
            g.perspective = (!p.is_empty()).then(|| p.to_string());
            w.goals.push(g);
        }
        for i in 0..groups {
            w.groups.push(Group { id: new_id(), name: format!("G{i}"), slug: format!("g{i}"), goals: vec![] });
        }
        w
    }

    /// Each group's goals as goal codes, for readable assertions.
    fn codes(w: &Workshop) -> Vec<Vec<String>> {
        w.groups
            .iter()
            .map(|g| g.goals.iter().filter_map(|id| w.goal(*id)).filter_map(|goal| goal.code.clone()).collect())
            .collect()
    }

    #[test]
    fn evenly_in_order_gives_larger_runs_first() {
        let mut w = workshop(&[""; 9], 4);
        apply(&mut w, Strategy::EvenlyInOrder);
        assert_eq!(codes(&w), vec![vec!["1", "2", "3"], vec!["4", "5"], vec!["6", "7"], vec!["8", "9"]]);
        // the model's method is the same strategy
        let mut v = w.clone();
        v.groups.iter_mut().for_each(|g| g.goals.clear());
        v.assign_evenly_in_order();
        assert_eq!(v.groups, w.groups);
        let mut few = workshop(&["", ""], 3);
        apply(&mut few, Strategy::EvenlyInOrder);
        assert_eq!(codes(&few), vec![vec!["1"], vec!["2"], Vec::<&str>::new()]);
    }

    #[test]
    fn by_perspective_with_more_perspectives_than_groups() {
        // Medborgare 3, Ekonomi 1, Miljö 2, Medarbetare 1 over 2 groups
        let mut w =
            workshop(&["Medborgare", "Ekonomi", "medborgare", "Miljö", "Miljö", "Medborgare", "Medarbetare"], 2);
        apply(&mut w, Strategy::ByPerspective);
        // largest first: Medborgare(3)→G0, Miljö(2)→G1, Ekonomi(1)→G1, Medarbetare(1)→G0
        assert_eq!(codes(&w), vec![vec!["1", "3", "6", "7"], vec!["2", "4", "5"]]);
        assert!(warnings(&w).is_empty());
    }

    #[test]
    fn by_perspective_with_fewer_perspectives_than_groups() {
        // Medborgare 4 goals, Ekonomi 2 goals, no perspective 1 goal; 4 groups
        let mut w = workshop(&["Medborgare", "Medborgare", "Ekonomi", "Medborgare", "Ekonomi", "", "Medborgare"], 4);
        apply(&mut w, Strategy::ByPerspective);
        assert_eq!(codes(&w), vec![vec!["1", "2"], vec!["4", "7"], vec!["3", "5"], vec!["6"]]);
    }

    #[test]
    fn every_group_every_goal_and_toggle() {
        let mut w = workshop(&["", "", ""], 2);
        apply(&mut w, Strategy::EveryGroupEveryGoal);
        assert_eq!(codes(&w), vec![vec!["1", "2", "3"], vec!["1", "2", "3"]]);
        let (g0, second) = (w.groups[0].id, w.goals[1].id);
        assert_eq!(toggle(&mut w, g0, second), Some(false));
        assert!(!is_assigned(&w, g0, second));
        assert_eq!(toggle(&mut w, g0, second), Some(true));
        assert_eq!(codes(&w)[0], vec!["1", "2", "3"], "toggled back in goal order");
        assert_eq!(toggle(&mut w, new_id(), second), None);
        assert_eq!(toggle(&mut w, g0, new_id()), None);
    }

    #[test]
    fn warnings_for_missing_and_uneven() {
        let mut w = workshop(&["", "", "", "", ""], 2);
        let ids: Vec<Uuid> = w.goals.iter().map(|g| g.id).collect();
        w.groups[0].goals = ids[..4].to_vec();
        w.groups[1].goals = vec![ids[0]];
        let found = warnings(&w);
        assert_eq!(found, vec![Warning::GoalWithoutGroup { goal: ids[4] }, Warning::UnevenLoad { most: 4, fewest: 1 }]);
        assert!(found[0].message(&w, Lang::Sv).contains("5 Mål 5"));
        w.groups[1].goals.clear();
        assert!(warnings(&w).contains(&Warning::GroupWithoutGoals { group: w.groups[1].id }));
    }

    #[test]
    fn very_uneven_definition() {
        assert!(!is_very_uneven(3, 2));
        assert!(is_very_uneven(3, 1));
        assert!(is_very_uneven(4, 2));
        assert!(!is_very_uneven(10, 8));
        assert!(is_very_uneven(2, 0));
        assert!(!is_very_uneven(1, 0));
    }
}
