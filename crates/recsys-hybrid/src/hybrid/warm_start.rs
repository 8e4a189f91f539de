//! [`WarmStart`]: a collaborative ranking model that also ranks movies nobody has rated yet —
//! from their content neighbours' collaborative scores, or from the weighted-rating prior.

use recsys_core::traits::{EpochRecord, Model, ScorerModel, top_n_unmasked, unseen_scores};
use recsys_core::{CandidateScorer, Interactions, Recommender, check};
use serde::{Deserialize, Serialize};

use super::item_content::ItemContent;
use crate::error::HybridError;
use recsys_core::WrapsCore;

/// How a cold item (no training ratings) is scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ColdScore {
    /// The similarity-weighted mean of the user's collaborative scores of the item's `k` most
    /// content-similar rated items (the item's factors warm-started from its neighbours').
    Content,
    /// The item's weighted rating from the catalog's votes, the same for every user: the WR
    /// chart fallback.
    Chart,
}

/// Settings of [`WarmStart`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WarmStartParams {
    /// How cold items are scored (default `content`).
    pub cold: ColdScore,
    /// Content neighbours averaged for a cold item (default 20).
    pub neighbours: usize,
    /// Share of a top-N list ([`Recommender::recommend`]) given to cold items, its last
    /// `round(share · n)` places (default 0.2; 0 lists none).
    pub cold_share: f64,
    /// Quantile of the vote counts of the weighted-rating prior (default 0.6, the seed's).
    pub quantile: f64,
    /// Weight of the prior added to a content-scored cold item: `+ w·(WR − C)`, the weighted
    /// rating's distance from the items' mean prior (default 0.1, chosen on the cold-items split
    /// of seed 1 of ratings-small and ml-latest-small among 0.02, 0.05, 0.1, 0.3; docs/BENCHMARKS.md
    /// reports seed 0).
    pub prior_weight: f64,
}

impl Default for WarmStartParams {
    fn default() -> Self {
        Self {
            cold: ColdScore::Content,
            neighbours: 20,
            cold_share: 0.2,
            quantile: 0.6,
            prior_weight: 0.1,
        }
    }
}

impl WarmStartParams {
    /// Checks the settings.
    pub fn check(&self) -> Result<(), HybridError> {
        check::at_least_one("neighbours", self.neighbours)?;
        check::unit_interval("cold_share", self.cold_share)?;
        check::unit_interval("quantile", self.quantile)?;
        check::non_negative("prior_weight", self.prior_weight)?;
        Ok(())
    }
}

/// A collaborative model with cold items warm-started ([`ColdScore`]). Rated items score as the
/// collaborative model scores them. A cold item with content scores
/// `Σ_j s_ij · score(u, j) / Σ_j s_ij` over its most similar rated items `j` (plus
/// `prior_weight · (WR_i − mean WR)`); one without rated
/// neighbours (or every cold item under [`ColdScore::Chart`]) ranks by its prior, below the
/// content-scored ones.
pub struct WarmStart {
    pub(super) cf: Box<dyn Model>,
    pub(super) content: std::sync::Arc<ItemContent>,
    pub(super) known: Vec<bool>,
    pub(super) prior: Vec<f32>,
    /// The mean of `prior` (the prior's centre for `prior_weight`).
    pub(super) prior_mean: f32,
    pub(super) params: WarmStartParams,
}

impl std::fmt::Debug for WarmStart {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WarmStart")
            .field("items", &self.known.len())
            .field("params", &self.params)
            .finish_non_exhaustive()
    }
}

impl WarmStart {
    /// The kind of its model files.
    pub const KIND: &'static str = "warm-start";

    /// The model from a fitted collaborative ranking model, the training items' content and
    /// priors, and which items had training ratings. Errors when the sizes disagree or the
    /// collaborative model does not rank.
    pub fn new(
        cf: Box<dyn Model>,
        content: std::sync::Arc<ItemContent>,
        known: Vec<bool>,
        prior: Vec<f32>,
        params: WarmStartParams,
    ) -> Result<Self, HybridError> {
        params.check()?;
        content.check_items(known.len())?;
        let n = cf
            .as_scorer()
            .ok_or_else(|| HybridError::param("cf", "the collaborative model does not rank"))?
            .n_items();
        if n != known.len() || prior.len() != known.len() {
            return Err(HybridError::param(
                "cf",
                format!(
                    "{n} items in the collaborative model, {} known flags, {} priors",
                    known.len(),
                    prior.len()
                ),
            ));
        }
        let prior_mean = if prior.is_empty() {
            0.0
        } else {
            prior.iter().sum::<f32>() / prior.len() as f32
        };
        Ok(Self {
            cf,
            content,
            known,
            prior,
            prior_mean,
            params,
        })
    }

    /// Which items of `train` have ratings.
    pub(super) fn known_of(train: &Interactions) -> Vec<bool> {
        train.item_counts().into_iter().map(|c| c > 0).collect()
    }

    /// The settings.
    pub fn params(&self) -> &WarmStartParams {
        &self.params
    }

    /// The model as a [`Model`]: a [`ScorerModel`] with the collaborative model's curve, saving
    /// itself.
    pub fn into_model(self) -> ScorerModel<WarmStart> {
        let curve: Vec<EpochRecord> = self.cf.learning_curve();
        ScorerModel::new(self).full(curve)
    }

    fn cf(&self) -> &dyn CandidateScorer {
        // checked in `new`
        self.cf.as_scorer().unwrap_or(&NoScores)
    }

    /// The score of cold item `i` from the user's collaborative scores of every item (`all`).
    fn cold_score(&self, i: u32, all: &[f32], floor: f32) -> f32 {
        let prior_rank = floor - 1.0 + self.prior[i as usize] / 100.0;
        if self.params.cold == ColdScore::Chart {
            return self.prior[i as usize];
        }
        let (mut num, mut den) = (0.0f64, 0.0f64);
        let nbrs = self
            .content
            .neighbours(i)
            .iter()
            .filter(|&&(j, s)| s > 0.0 && self.known.get(j as usize) == Some(&true));
        for &(j, s) in nbrs.take(self.params.neighbours) {
            if let Some(&c) = all.get(j as usize)
                && c.is_finite()
            {
                num += f64::from(s) * f64::from(c);
                den += f64::from(s);
            }
        }
        if den > 0.0 {
            let mean = self.prior_mean;
            (num / den + self.params.prior_weight * f64::from(self.prior[i as usize] - mean)) as f32
        } else {
            prior_rank
        }
    }
}

/// A scorer with no items (never used: `new` checks that the model ranks).
struct NoScores;

impl CandidateScorer for NoScores {
    fn n_items(&self) -> usize {
        0
    }
    fn score(&self, _user: u32, _items: &[u32], out: &mut [f32]) {
        out.fill(f32::NEG_INFINITY);
    }
}

impl CandidateScorer for WarmStart {
    fn n_items(&self) -> usize {
        self.known.len()
    }

    /// Rated items: the collaborative score; cold items: as [`WarmStart`] describes; items
    /// outside the index space: `-inf`.
    fn score(&self, user: u32, items: &[u32], out: &mut [f32]) {
        let cf = self.cf();
        self.score_with(|is, o| cf.score(user, is, o), items, out);
    }
}

impl WarmStart {
    /// [`CandidateScorer::score`] for the user whose collaborative scores `cf` writes (a
    /// training user's, or a folded-in one's).
    pub(super) fn score_with(
        &self,
        cf: impl Fn(&[u32], &mut [f32]),
        items: &[u32],
        out: &mut [f32],
    ) {
        let any_cold = items
            .iter()
            .any(|&i| self.known.get(i as usize) == Some(&false));
        if !any_cold {
            cf(items, out);
            return;
        }
        let all_items: Vec<u32> = (0..self.known.len() as u32).collect();
        let mut all = vec![0.0f32; all_items.len()];
        cf(&all_items, &mut all);
        let floor = all
            .iter()
            .zip(&self.known)
            .filter(|(s, k)| **k && s.is_finite())
            .fold(f32::INFINITY, |m, (s, _)| m.min(*s));
        let floor = if floor.is_finite() { floor } else { 0.0 };
        for (o, &i) in out.iter_mut().zip(items) {
            *o = match self.known.get(i as usize) {
                Some(true) => all[i as usize],
                Some(false) => self.cold_score(i, &all, floor),
                None => f32::NEG_INFINITY,
            };
        }
    }

    /// The list [`Recommender::recommend`] makes from every item's `scores` (the seen ones
    /// already `-inf`): the best rated items, then the best cold items in the last
    /// `round(cold_share · n)` places.
    pub(super) fn list(&self, scores: &[f32], n: usize) -> Vec<(u32, f32)> {
        let part = |cold: bool| -> Vec<f32> {
            scores
                .iter()
                .zip(&self.known)
                .map(|(&s, &k)| if k != cold { s } else { f32::NEG_INFINITY })
                .collect()
        };
        let cold_n = ((self.params.cold_share * n as f64).round() as usize).min(n);
        let cold = top_n_unmasked(&part(true), cold_n);
        let mut list = top_n_unmasked(&part(false), n - cold.len());
        list.extend(cold);
        list
    }

    /// The collaborative model's fold-in, if it has one.
    pub(super) fn cf_fold_in(&self) -> Option<&dyn recsys_core::traits::FoldIn> {
        self.cf.as_fold_in()
    }
}

impl Recommender for WarmStart {
    /// The best unseen rated items, then the best cold items in the last
    /// `round(cold_share · n)` places (fewer when there are fewer cold items).
    fn recommend(&self, user: u32, n: usize, seen: &Interactions) -> Vec<(u32, f32)> {
        self.list(&unseen_scores(self, user, seen), n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use recsys_core::{DuplicatePolicy, InteractionsBuilder};
    use recsys_text::CsrMatrix;
    use std::sync::Arc;

    /// Scores item `i` as `i + 1` for every user.
    struct ByIndex(usize);
    impl CandidateScorer for ByIndex {
        fn n_items(&self) -> usize {
            self.0
        }
        fn score(&self, _u: u32, items: &[u32], out: &mut [f32]) {
            for (o, &i) in out.iter_mut().zip(items) {
                *o = i as f32 + 1.0;
            }
        }
    }

    /// Every user, folded in or not, scores item `i` as `i + 1`.
    impl recsys_core::traits::FoldIn for ByIndex {
        fn fold_in_items(&self) -> usize {
            self.0
        }
        fn fold_in(
            &self,
            history: &[(u32, f32)],
        ) -> recsys_core::Result<recsys_core::traits::FoldedUser> {
            let h = recsys_core::traits::checked_history(history, self.0)?;
            Ok(recsys_core::traits::FoldedUser {
                state: vec![],
                seen: h.into_iter().map(|(i, _)| i).collect(),
            })
        }
        fn score_folded(
            &self,
            _user: &recsys_core::traits::FoldedUser,
            items: &[u32],
            out: &mut [f32],
        ) {
            self.score(0, items, out);
        }
    }

    fn model(cold: ColdScore, prior_weight: f64) -> WarmStart {
        // items 0..3 rated; item 3 cold with neighbours 0 (0.5) and 2 (0.25); item 4 cold alone
        let content = ItemContent {
            rows: CsrMatrix::from_parts(1, vec![0], vec![], vec![]).unwrap(),
            row_of: vec![None; 5],
            neighbours: vec![vec![], vec![], vec![], vec![(0, 0.5), (2, 0.25)], vec![]],
        };
        let params = WarmStartParams {
            cold,
            prior_weight,
            ..WarmStartParams::default()
        };
        let cf: Box<dyn Model> = Box::new(ScorerModel::new(ByIndex(5)).with_fold_in());
        let known = vec![true, true, true, false, false];
        WarmStart::new(
            cf,
            Arc::new(content),
            known,
            vec![6.0, 6.0, 6.0, 7.0, 8.0],
            params,
        )
        .unwrap()
    }

    #[test]
    fn cold_items_by_hand() {
        let m = model(ColdScore::Content, 0.0);
        let mut s = [0.0f32; 5];
        m.score(0, &[0, 1, 2, 3, 4], &mut s);
        assert_eq!(&s[..3], &[1.0, 2.0, 3.0]);
        // (0.5·1 + 0.25·3) / 0.75
        assert!((s[3] - 1.25 / 0.75).abs() < 1e-6);
        // no rated neighbour: below every rated score, by prior
        assert!((s[4] - (1.0 - 1.0 + 8.0 / 100.0)).abs() < 1e-6);
        // the prior's pull: + 0.1 · (7 − mean 6.6)
        let p = model(ColdScore::Content, 0.1);
        p.score(0, &[3], &mut s[..1]);
        assert!((s[0] - (1.25 / 0.75 + 0.1 * 0.4)).abs() < 1e-5);
        // the chart: the prior alone
        let c = model(ColdScore::Chart, 0.0);
        c.score(0, &[3, 4], &mut s[..2]);
        assert_eq!(&s[..2], &[7.0, 8.0]);
    }

    #[test]
    fn lists_keep_the_cold_share_last() {
        let m = model(ColdScore::Content, 0.0);
        let mut b = InteractionsBuilder::new();
        b.push(1, 10, 1.0, None).unwrap();
        let seen = b.build(DuplicatePolicy::KeepLast).unwrap();
        // user 0 saw item 0; 4 places, a share of 0.2 → 1 cold place, the best cold item
        let list = m.recommend(0, 4, &seen);
        let ids: Vec<u32> = list.iter().map(|x| x.0).collect();
        assert_eq!(ids, vec![2, 1, 3]);
        assert!(
            WarmStartParams {
                cold_share: 1.5,
                ..WarmStartParams::default()
            }
            .check()
            .is_err()
        );
    }

    #[test]
    fn a_folded_user_scores_and_lists_as_a_training_user_with_the_same_scores() {
        use recsys_core::traits::FoldIn;
        let m = model(ColdScore::Content, 0.1);
        let user = m.fold_in(&[(0, 1.0)]).unwrap();
        let (mut a, mut b) = ([0.0f32; 5], [0.0f32; 5]);
        m.score_folded(&user, &[0, 1, 2, 3, 4], &mut a);
        m.score(0, &[0, 1, 2, 3, 4], &mut b);
        assert_eq!(a, b);
        // the history's item is left out and the cold share kept, as `recommend` does
        let mut bld = InteractionsBuilder::new();
        bld.push(1, 10, 1.0, None).unwrap();
        let seen = bld.build(DuplicatePolicy::KeepLast).unwrap();
        assert_eq!(m.recommend_folded(&user, 4), m.recommend(0, 4, &seen));
        assert!(m.fold_in(&[(9, 1.0)]).is_err());
    }
}
