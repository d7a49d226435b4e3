//! Near duplicates: items of one section whose texts are similar but not
//! equal ("möjlig dubblett"). Sørensen–Dice over character bigrams, with
//! cheap bounds that rule out most pairs before the bigrams are compared.

/// Two items whose folded texts have a Sørensen–Dice similarity (over
/// character bigrams, whitespace ignored: see [`similarity`]) at or above this
/// value, without being equal, are flagged "möjlig dubblett". They are never
/// folded automatically.
///
/// 0.8 catches a changed or added word in a sentence ("öka andelen elever som
/// når målen" / "öka andelen elever som når kunskapsmålen", 0.83) while
/// keeping sentences that only share a theme apart.
pub const NEAR_DUPLICATE_THRESHOLD: f64 = 0.8;

/// How similar two texts are, from 0.0 to 1.0: Sørensen–Dice over character
/// bigrams with whitespace ignored. This is what `strsim::sorensen_dice`
/// means to compute, but strsim divides by the length in BYTES, which makes
/// every å, ä and ö count twice and Swedish texts look less similar than they
/// are; this version counts characters, and sorts instead of hashing.
pub fn similarity(a: &str, b: &str) -> f64 {
    let (x, y) = (bigrams(a), bigrams(b));
    if x.is_empty() || y.is_empty() {
        let letters = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        return if letters(a) == letters(b) { 1.0 } else { 0.0 };
    }
    dice(&x, &y)
}

/// Sørensen–Dice of two sorted bigram lists (both non-empty).
fn dice(x: &[u64], y: &[u64]) -> f64 {
    (2 * common(x, y)) as f64 / (x.len() + y.len()) as f64
}

/// The size of the multiset intersection of two sorted lists.
fn common(x: &[u64], y: &[u64]) -> usize {
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < x.len() && j < y.len() {
        let (a, b) = (x[i], y[j]);
        common += usize::from(a == b);
        i += usize::from(a <= b);
        j += usize::from(a >= b);
    }
    common
}

/// The sorted character bigrams of `s`, whitespace removed, each packed
/// into one number (first character in the high half) so that comparing two
/// is one comparison.
fn bigrams(s: &str) -> Vec<u64> {
    let mut out = Vec::with_capacity(s.len());
    out.extend(bigram_iter(s));
    out.sort_unstable();
    out
}

/// The character bigrams of `s` in text order, whitespace removed, packed as
/// in [`bigrams`].
fn bigram_iter(s: &str) -> impl Iterator<Item = u64> + '_ {
    let mut chars = s.chars().filter(|c| !c.is_whitespace());
    let mut prev = chars.next();
    chars.map(move |c| {
        let p = prev.replace(c).expect("set before the first bigram");
        (u64::from(p) << 32) | u64::from(c)
    })
}

/// The size of a text's bigram multiset and a coarse histogram of it: enough
/// for the quick bounds.
struct Sketch {
    /// How many bigrams.
    n: usize,
    /// How many bigrams fall in each of 64 buckets (by a hash of the bigram).
    buckets: [u8; 64],
    /// A bucket reached 255, so the histogram bound does not hold.
    saturated: bool,
}

impl Sketch {
    #[cfg(test)]
    fn new(bigrams: &[u64]) -> Sketch {
        let mut sketch = Sketch::empty();
        for &g in bigrams {
            sketch.add(g);
        }
        sketch.finish()
    }

    fn empty() -> Sketch {
        Sketch { n: 0, buckets: [0; 64], saturated: false }
    }

    #[cfg(test)]
    fn add(&mut self, g: u64) {
        self.add_hashed(min_hash(0, g));
    }

    /// Add a bigram by its hash in MinHash order 0 (its bucket is the top
    /// six bits), so that the two share one multiplication.
    fn add_hashed(&mut self, h: u64) {
        let slot = (h >> 58) as usize;
        self.buckets[slot] = self.buckets[slot].saturating_add(1);
        self.n += 1;
    }

    fn finish(mut self) -> Sketch {
        self.saturated = self.buckets.contains(&u8::MAX);
        self
    }
}

/// Odd multipliers: multiplying by one is a permutation of the bigrams,
/// one per MinHash order (the first also places a bigram in its sketch
/// bucket).
const MULTIPLIERS: [u64; ORDERS] = [0x9e37_79b9_7f4a_7c15, 0xff51_afd7_ed55_8ccd];

/// The hash of bigram `g` in MinHash order `seed`: one multiplication.
fn min_hash(seed: usize, g: u64) -> u64 {
    g.wrapping_mul(MULTIPLIERS[seed])
}

/// Whether `common` bigrams in common out of `na` and `nb` reach the threshold.
fn reaches(na: usize, nb: usize, common: usize) -> bool {
    2.0 * common as f64 / (na + nb) as f64 >= NEAR_DUPLICATE_THRESHOLD
}

/// Whether two texts may still be near duplicates after the cheap upper
/// bounds: Dice can not reach the threshold when one text has many more
/// bigrams than the other, nor when their histograms overlap too little
/// (bigrams in common are at most the bucket-wise minimum, summed: buckets
/// only merge bigrams). With a saturated bucket the histogram bound is skipped.
fn may_reach(a: &Sketch, b: &Sketch) -> bool {
    if !reaches(a.n, b.n, a.n.min(b.n)) {
        return false;
    }
    if a.saturated || b.saturated {
        return true;
    }
    let bound: u32 = a.buckets.iter().zip(&b.buckets).map(|(x, y)| u32::from(*x.min(y))).sum();
    reaches(a.n, b.n, bound as usize)
}

/// At most this many best candidates ("möjlig dubblett") are named per item,
/// so that the suggestions grow linearly with the items: 500 nearly equal
/// sub-goals give at most 1,500 pairs, not 124,750.
pub const MAX_DUPLICATES: usize = 3;

/// Up to this many texts in a section are compared every one with every
/// other (at most about 20,000 comparisons, most ruled out by the bounds);
/// above it, only candidates from sorted neighbourhoods are compared.
const EXHAUSTIVE_TEXTS: usize = 200;

/// How many MinHash orders, and how many following neighbours in each
/// order, a text is compared with when a section has more than
/// [`EXHAUSTIVE_TEXTS`] (so with up to 8 others).
const ORDERS: usize = 2;
const NEIGHBOURS: usize = 2;

/// The most other texts one text can be compared with above
/// [`EXHAUSTIVE_TEXTS`]: its neighbours on both sides in every order.
const MET: usize = 2 * ORDERS * NEIGHBOURS;

/// The pairs of items `(i, j)`, `i < j`, sorted and distinct, that are near
/// duplicates: texts with a similarity at or above
/// [`NEAR_DUPLICATE_THRESHOLD`], kept only among each item's
/// [`MAX_DUPLICATES`] most similar other items (ties: the lower index).
/// `texts` are `(text, item)`; texts without a bigram take no part (an equal
/// text would have folded).
///
/// Up to [`EXHAUSTIVE_TEXTS`] texts, every two texts of different items are
/// compared (the same as [`similarity`] on every pair, faster: texts are
/// visited by bigram count, so that the length bound ends a row early, and
/// the histogram bound rules out most of the rest). Above that, each text is
/// compared with its neighbours in two orders by MinHash of its bigrams
/// (texts sharing most bigrams usually share a MinHash, and so sit side by
/// side), which keeps the work and the result linear in the texts: a
/// suggestion is a hint, and a big paste of similar lines gets a few.
pub(super) fn near_pairs(texts: &[(&str, usize)]) -> Vec<(usize, usize)> {
    // The bigrams of every text, one after another in `arena`, each text's
    // sketch and (for a large section) its MinHash in every order, in one
    // pass over the bigrams.
    let large = texts.len() > EXHAUSTIVE_TEXTS;
    let mut arena: Vec<u64> = Vec::with_capacity(texts.iter().map(|(t, _)| t.len()).sum());
    let mut spans = Vec::with_capacity(texts.len());
    let mut sketches: Vec<Sketch> = Vec::with_capacity(texts.len());
    let mut mins: Vec<[u64; ORDERS]> = Vec::with_capacity(if large { texts.len() } else { 0 });
    for (t, _) in texts {
        let start = arena.len();
        let mut sketch = Sketch::empty();
        let mut min = [u64::MAX; ORDERS];
        for g in bigram_iter(t) {
            arena.push(g);
            let h = min_hash(0, g);
            sketch.add_hashed(h);
            if large {
                min[0] = min[0].min(h);
                for (seed, m) in min.iter_mut().enumerate().skip(1) {
                    *m = (*m).min(min_hash(seed, g));
                }
            }
        }
        spans.push((start, arena.len()));
        sketches.push(sketch.finish());
        if large {
            mins.push(min);
        }
    }
    let mut order: Vec<usize> = (0..texts.len()).filter(|&t| sketches[t].n > 0).collect();
    let mut sorted = vec![false; texts.len()];
    // Each item's best candidates so far.
    let items = texts.iter().map(|(_, i)| i + 1).max().unwrap_or(0);
    let mut found = Best::new(items);
    let mut compare = |a: usize, b: usize, arena: &mut Vec<u64>, found: &mut Best| {
        let (sa, sb) = (&sketches[a], &sketches[b]);
        let (ia, ib) = (texts[a].1, texts[b].1);
        if ia == ib || !may_reach(sa, sb) {
            return;
        }
        for t in [a, b] {
            if !sorted[t] {
                arena[spans[t].0..spans[t].1].sort_unstable();
                sorted[t] = true;
            }
        }
        let [(xa, xe), (ya, ye)] = [spans[a], spans[b]];
        let common = common(&arena[xa..xe], &arena[ya..ye]);
        if reaches(sa.n, sb.n, common) {
            let sim = (2 * common) as f64 / (sa.n + sb.n) as f64;
            found.offer(ia, ib, sim);
            found.offer(ib, ia, sim);
        }
    };
    if order.len() <= EXHAUSTIVE_TEXTS {
        order.sort_unstable_by_key(|&t| (sketches[t].n, t));
        for (k, &a) in order.iter().enumerate() {
            for &b in &order[k + 1..] {
                // `n` only grows along the row: once the length bound fails
                // it fails for every later text.
                if !reaches(sketches[a].n, sketches[b].n, sketches[a].n) {
                    break;
                }
                compare(a, b, &mut arena, &mut found);
            }
        }
    } else {
        // A pair met in an earlier order (similar texts often share their
        // MinHashes, and so their neighbours) is compared once: each text
        // remembers the few others it met.
        let mut met: Vec<(u8, [u32; MET])> = vec![(0, [0; MET]); texts.len()];
        let mut keyed: Vec<(u64, usize)> = Vec::with_capacity(order.len());
        // `seed` picks one key from each text's array of keys.
        #[allow(clippy::needless_range_loop)]
        for seed in 0..ORDERS {
            keyed.clear();
            keyed.extend(order.iter().map(|&t| (mins[t][seed], t)));
            keyed.sort_unstable();
            for (k, &(_, a)) in keyed.iter().enumerate() {
                for &(_, b) in keyed.iter().skip(k + 1).take(NEIGHBOURS) {
                    let (len, seen) = &met[a];
                    if seed > 0 && seen[..usize::from(*len)].contains(&(b as u32)) {
                        continue;
                    }
                    for (x, y) in [(a, b), (b, a)] {
                        let (len, seen) = &mut met[x];
                        if usize::from(*len) < MET {
                            seen[usize::from(*len)] = y as u32;
                            *len += 1;
                        }
                    }
                    compare(a, b, &mut arena, &mut found);
                }
            }
        }
    }
    found.pairs()
}

/// Each item's [`MAX_DUPLICATES`] most similar other items seen so far
/// (ties: the lower index), kept as they are offered: no list of every
/// pair found, and no sort of it.
struct Best {
    /// Per item: (similarity, other item), unordered.
    slots: Vec<[(f64, usize); MAX_DUPLICATES]>,
    len: Vec<u8>,
}

impl Best {
    fn new(items: usize) -> Best {
        Best { slots: vec![[(0.0, 0); MAX_DUPLICATES]; items], len: vec![0; items] }
    }

    /// `j` is `sim` similar to `i` (by one of their texts).
    fn offer(&mut self, i: usize, j: usize, sim: f64) {
        let (slots, len) = (&mut self.slots[i], &mut self.len[i]);
        let taken = &mut slots[..usize::from(*len)];
        if let Some(slot) = taken.iter_mut().find(|(_, o)| *o == j) {
            slot.0 = slot.0.max(sim);
            return;
        }
        if usize::from(*len) < MAX_DUPLICATES {
            slots[usize::from(*len)] = (sim, j);
            *len += 1;
            return;
        }
        // Replace the worst kept (lowest similarity, then highest index) if `j` beats it.
        let worse = |a: &(f64, usize), b: &(f64, usize)| a.0 < b.0 || (a.0 == b.0 && a.1 > b.1);
        let mut worst = 0;
        for k in 1..MAX_DUPLICATES {
            if worse(&slots[k], &slots[worst]) {
                worst = k;
            }
        }
        if worse(&slots[worst], &(sim, j)) {
            slots[worst] = (sim, j);
        }
    }

    /// Every kept pair `(i, j)`, `i < j`, sorted and distinct.
    fn pairs(self) -> Vec<(usize, usize)> {
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        for (i, (slots, len)) in self.slots.iter().zip(&self.len).enumerate() {
            pairs.extend(slots[..usize::from(*len)].iter().map(|&(_, j)| (i.min(j), i.max(j))));
        }
        pairs.sort_unstable();
        pairs.dedup();
        pairs
    }
}

/// The pairs kept from every near pair found (both directions listed):
/// each item's [`MAX_DUPLICATES`] most similar others (ties: lower index).
/// The plain way, by sorting: the reference for [`Best`] in the tests.
#[cfg(test)]
fn best_pairs(mut found: Vec<(usize, usize, f64)>) -> Vec<(usize, usize)> {
    // Per item, most similar first; the same other item once (its best text).
    found.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.2.total_cmp(&a.2)).then(a.1.cmp(&b.1)));
    let mut pairs = Vec::new();
    for run in found.chunk_by(|a, b| a.0 == b.0) {
        let mut taken: Vec<usize> = Vec::with_capacity(MAX_DUPLICATES);
        for &(i, j, _) in run {
            if taken.len() == MAX_DUPLICATES {
                break;
            }
            if !taken.contains(&j) {
                taken.push(j);
                pairs.push((i.min(j), i.max(j)));
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// [`near_pairs`] the plain way: every two texts of different items, by
/// [`similarity`]. The reference for the tests.
#[cfg(test)]
fn near_pairs_exhaustive(texts: &[(&str, usize)]) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    for (a, (ta, ia)) in texts.iter().enumerate() {
        for (tb, ib) in &texts[a + 1..] {
            let has_bigrams = !bigrams(ta).is_empty() && !bigrams(tb).is_empty();
            let sim = similarity(ta, tb);
            if ia != ib && has_bigrams && sim >= NEAR_DUPLICATE_THRESHOLD {
                found.push((*ia, *ib, sim));
                found.push((*ib, *ia, sim));
            }
        }
    }
    best_pairs(found)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    const TEXTS: &[&str] = &[
        "öka andelen elever som når målen",
        "öka andelen elever som når kunskapsmålen",
        "öka andelen elever som når kunskapsmålen i förskolan",
        "minska andelen elever som når kunskapsmålen",
        "andelen elever som når målen ska öka",
        "bättre skolmat",
        "bättre skolmaten",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab",
        "tryggare skolmiljö för alla",
        "trygg skolmiljö för alla barn",
        "ab",
        "a b",
        "x",
        "",
    ];

    /// The quick bounds never change the answer: over pairs of related and
    /// unrelated Swedish texts, they agree with the plain measure.
    #[test]
    fn the_quick_bounds_agree_with_the_similarity() {
        let mut near = 0;
        for a in TEXTS.iter().filter(|t| t.len() > 1) {
            for b in TEXTS.iter().filter(|b| *b != a && b.len() > 1) {
                let expected = similarity(a, b) >= NEAR_DUPLICATE_THRESHOLD;
                let (sa, sb) = (Sketch::new(&bigrams(a)), Sketch::new(&bigrams(b)));
                let found = may_reach(&sa, &sb) && reaches(sa.n, sb.n, common(&bigrams(a), &bigrams(b)));
                assert_eq!(found, expected, "{a} / {b}");
                near += usize::from(expected);
            }
        }
        // Both answers occur, so the comparison above means something.
        assert!(near >= 4 && near < TEXTS.len() * (TEXTS.len() - 1) / 2, "{near}");
        let texts: Vec<(&str, usize)> = TEXTS.iter().enumerate().map(|(i, t)| (*t, i)).collect();
        assert_eq!(near_pairs(&texts), near_pairs_exhaustive(&texts));
    }

    /// 5,000 nearly equal lines (one paste): the pairs grow linearly, at most
    /// MAX_DUPLICATES per item, and every line still gets a suggestion.
    #[test]
    fn a_paste_of_similar_lines_gets_a_few_suggestions_each() {
        let lines: Vec<String> =
            (0..5000).map(|i| format!("Öka andelen elever som når kunskapsmålen i skola nummer {i}")).collect();
        let texts: Vec<(&str, usize)> = lines.iter().enumerate().map(|(i, t)| (t.as_str(), i)).collect();
        let pairs = near_pairs(&texts);
        assert!(pairs.len() <= MAX_DUPLICATES * lines.len(), "{}", pairs.len());
        let mut named = vec![false; lines.len()];
        for (i, j) in &pairs {
            named[*i] = true;
            named[*j] = true;
        }
        assert!(named.iter().all(|n| *n), "every line has a suggestion");
        // Small sections are exact: 200 lines compare every pair.
        let texts: Vec<(&str, usize)> = texts.into_iter().take(EXHAUSTIVE_TEXTS).collect();
        assert_eq!(near_pairs(&texts), near_pairs_exhaustive(&texts));
    }

    /// Texts built from a few words, to make near duplicates common.
    fn text() -> impl Strategy<Value = String> {
        const WORDS: &[&str] =
            &["öka", "andelen", "elever", "som", "når", "målen", "kunskapsmålen", "i", "Hjo", "aaaa", "ab"];
        prop::collection::vec(prop::sample::select(WORDS), 0..8).prop_map(|w| w.join(" "))
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        /// The pre-filtered pairs are exactly the exhaustive ones, with items
        /// of one or several texts.
        #[test]
        fn near_pairs_equal_the_exhaustive_comparison(
            texts in prop::collection::vec((text(), 0usize..12), 0..24),
        ) {
            let texts: Vec<(&str, usize)> = texts.iter().map(|(t, i)| (t.as_str(), *i)).collect();
            prop_assert_eq!(near_pairs(&texts), near_pairs_exhaustive(&texts));
        }
    }
}
