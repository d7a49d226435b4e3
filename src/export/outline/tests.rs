//! Tests of the merged outline's document.
use super::*;
use crate::domain::outline::Flags;

fn item(n: u128, text: &str, dups: &[u128]) -> OutlineItem {
    OutlineItem {
        key: Uuid::from_u128(n),
        text: text.into(),
        groups: Vec::new(),
        status: Status::Open,
        flags: Flags { possible_duplicates: dups.iter().map(|d| Uuid::from_u128(*d)).collect(), ..Flags::default() },
        members: Vec::new(),
    }
}

#[test]
fn similar_items_are_named_together_once_per_cluster() {
    // 1~2, 2~3 (so 1, 2, 3 together), 4~5; 6 alone.
    let items = [
        item(1, "A", &[2]),
        item(2, "B", &[1, 3]),
        item(3, "C", &[2]),
        item(4, "D", &[5]),
        item(5, "E", &[4]),
        item(6, "F", &[]),
    ];
    let mut out = GoalSection::default();
    duplicate_flags(Lang::Sv, &items, &mut out);
    let texts: Vec<&str> = out.flags.iter().map(|f| f.text.as_str()).collect();
    assert_eq!(texts, ["Liknar varandra: \"A\", \"B\", \"C\"", "Liknar varandra: \"D\", \"E\""]);
    assert!(out.flags.iter().all(|f| f.kind == FlagKind::Duplicate));
}

#[test]
fn keys_that_share_their_last_bits_are_told_apart() {
    // Keys 16 apart share their last bits: 1~33; 17 alone; 99 is no item.
    let items = [item(1, "A", &[33]), item(17, "B", &[]), item(33, "C", &[1]), item(49, "D", &[99])];
    let mut out = GoalSection::default();
    duplicate_flags(Lang::Sv, &items, &mut out);
    let texts: Vec<&str> = out.flags.iter().map(|f| f.text.as_str()).collect();
    assert_eq!(texts, ["Liknar varandra: \"A\", \"C\""]);
}
