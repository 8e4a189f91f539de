//! Suggestions for an unknown title: [`TitleIndex::suggest`], trigram (Dice) similarity
//! re-ranked by edit distance.

use std::collections::HashMap;

use super::normalize::{move_article, normalize, strip_article};
use super::{Title, TitleIndex};

/// Candidates kept from the trigram pass before the edit-distance re-ranking.
const RERANK: usize = 64;

/// Three consecutive characters of a padded key.
pub(super) type Trigram = [char; 3];

impl TitleIndex {
    /// Up to `k` indexed titles closest to `query` (`"Title (year)"`, closest first, distinct):
    /// trigram (Dice) similarity over the normalized titles, the best candidates re-ranked by
    /// adding the normalized edit-distance similarity; ties go to the most-voted.
    ///
    /// ```
    /// use recsys_data::catalog::{Catalog, CatalogEntry};
    /// let movie = |title: &str| CatalogEntry { title: title.into(), ..Default::default() };
    /// let catalog = Catalog::new(vec![movie("Alien"), movie("Aliens"), movie("Fargo")]);
    /// let index = recsys_hybrid::TitleIndex::new(&catalog);
    /// assert_eq!(index.suggest("Alein", 2), ["Alien", "Aliens"]);
    /// ```
    pub fn suggest(&self, query: &str, k: usize) -> Vec<String> {
        let key = normalize(&move_article(query));
        let key = strip_article(&key);
        let grams = trigrams(key);
        if grams.is_empty() || k == 0 {
            return Vec::new();
        }
        let mut shared: HashMap<u32, u32> = HashMap::new();
        for g in &grams {
            if let Some(ids) = self.trigrams.get(g) {
                for &id in ids {
                    *shared.entry(id).or_insert(0) += 1;
                }
            }
        }
        let qn = grams.len() as f64;
        let mut scored: Vec<(f64, u32)> = shared
            .into_iter()
            .map(|(id, s)| {
                let t = &self.titles[id as usize];
                (2.0 * f64::from(s) / (qn + t.grams as f64), id)
            })
            .collect();
        let by_score = |titles: &[Title], a: &(f64, u32), b: &(f64, u32)| {
            let (ta, tb) = (&titles[a.1 as usize], &titles[b.1 as usize]);
            b.0.total_cmp(&a.0)
                .then(tb.votes.cmp(&ta.votes))
                .then(ta.index.cmp(&tb.index))
        };
        if scored.len() > RERANK {
            scored.select_nth_unstable_by(RERANK, |a, b| by_score(&self.titles, a, b));
            scored.truncate(RERANK);
        }
        let qc: Vec<char> = key.chars().collect();
        for s in &mut scored {
            let t = &self.titles[s.1 as usize];
            let longest = qc.len().max(t.chars.len()).max(1) as f64;
            s.0 += 1.0 - levenshtein(&qc, &t.chars) as f64 / longest;
        }
        scored.sort_unstable_by(|a, b| by_score(&self.titles, a, b));
        let mut out: Vec<String> = Vec::with_capacity(k);
        for (_, id) in scored {
            let label = &self.titles[id as usize].label;
            if !out.contains(label) {
                out.push(label.clone());
                if out.len() == k {
                    break;
                }
            }
        }
        out
    }
}

/// The distinct trigrams of `" key "`.
pub(super) fn trigrams(key: &str) -> Vec<Trigram> {
    if key.is_empty() {
        return Vec::new();
    }
    let padded: Vec<char> = std::iter::once(' ')
        .chain(key.chars())
        .chain(std::iter::once(' '))
        .collect();
    let mut g: Vec<Trigram> = padded.windows(3).map(|w| [w[0], w[1], w[2]]).collect();
    g.sort_unstable();
    g.dedup();
    g
}

/// Levenshtein distance between two char sequences (two rows).
fn levenshtein(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_and_trigrams_by_hand() {
        assert_eq!(levenshtein(&['a', 'b', 'c'], &['a', 'c']), 1);
        assert_eq!(levenshtein(&[], &['a', 'c']), 2);
        // " ab " → " ab", "ab "
        assert_eq!(trigrams("ab"), [[' ', 'a', 'b'], ['a', 'b', ' ']]);
    }
}
