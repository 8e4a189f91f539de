//! The runner: models × a prepared dataset → report rows. Fitting and evaluation are timed
//! separately; evaluation is parallel over users (rayon); per-user values give 95% bootstrap
//! intervals.

use recsys_core::WrapsCore;
use std::collections::BTreeMap;
use std::time::Instant;

use rayon::prelude::*;
use recsys_core::traits::top_n;
use recsys_core::{CandidateScorer, Interactions, Model, ModelSpec, RatingPredictor};

use crate::EvalError;

mod baseline;
mod bucket_ranking;
mod new_users;
mod progress;
use crate::metrics::{
    Estimate, RankingMetrics, auc, coverage, intra_list_diversity, novelty, set_cosine,
};
use crate::protocol::{Fold, Prepared, Task};
use crate::report::ReportRow;
use crate::sampled::{Corrector, DEFAULT_GAMMA, FullMetric};
pub use progress::Progress;

/// Settings of a run.
#[derive(Debug, Clone, PartialEq)]
pub struct RunConfig {
    /// Cutoff of the ranking metrics (default 10).
    pub k: usize,
    /// Bootstrap resamples for the intervals (default 1000; 0 disables them).
    pub bootstrap: usize,
    /// Seed of the bootstrap.
    pub seed: u64,
    /// Item-popularity buckets for rating metrics: ascending upper bounds of the items' training
    /// rating counts (under `cold-items`, where every withheld movie has none, of their held-out
    /// rating counts). `[0, 5, 20]` adds RMSE and MAE (and the test-rating count) over test ratings
    /// of items with 0, 1–5, 6–20 and 21+ training ratings, as `rmse[items 1-5]` and so on.
    /// Empty (the default) adds none.
    pub item_buckets: Vec<u32>,
    /// Under a sampled protocol, also report each sampled HR/NDCG@k corrected for the sampling
    /// ([`crate::sampled`]: `hr@10 corrected`, `ndcg@10 corrected`) and the full-ranking value
    /// of the same held-out items (`hr@10 full`, `ndcg@10 full`: ranked among every item the
    /// user has not interacted with in training). Default true.
    pub sampled_extras: bool,
    /// A model of the run (by name) to compare every other model with: each row gets the
    /// paired per-user difference of RMSE, MAE, HR/NDCG/recall@k from that model as
    /// `Δ <metric> vs <name>` with a paired bootstrap interval, and the sign test's p-value as
    /// `p Δ <metric> vs <name>` ([`crate::paired`]). Default none.
    pub baseline: Option<String>,
}

impl Default for RunConfig {
    fn default() -> Self {
        Self {
            k: 10,
            bootstrap: 1000,
            seed: 0,
            item_buckets: Vec::new(),
            sampled_extras: true,
            baseline: None,
        }
    }
}

/// The names of the buckets of [`RunConfig::item_buckets`]: `0`, `1-5`, `6-20`, `21+` for
/// `[0, 5, 20]`. Bounds must ascend strictly.
///
/// ```
/// use recsys_eval::runner::bucket_names;
/// assert_eq!(bucket_names(&[0, 5, 20]), vec!["0", "1-5", "6-20", "21+"]);
/// assert_eq!(bucket_names(&[1]), vec!["0-1", "2+"]);
/// ```
pub fn bucket_names(bounds: &[u32]) -> Vec<String> {
    let mut out = Vec::with_capacity(bounds.len() + 1);
    let mut lo = 0u32;
    for &hi in bounds {
        out.push(if lo == hi {
            format!("{lo}")
        } else {
            format!("{lo}-{hi}")
        });
        lo = hi.saturating_add(1);
    }
    out.push(format!("{lo}+"));
    out
}

/// The bucket of an item with `n` training ratings under `bounds`.
fn bucket_of(n: u32, bounds: &[u32]) -> usize {
    bounds.partition_point(|&b| b < n)
}

/// Per-user (numerators, denominators) and the transform applied to their ratio.
type RatioValues = (Vec<f64>, Vec<f64>, fn(f64) -> f64);

/// Per-user values of one fold, by metric; `ratio` metrics are (numerator, denominator) pairs.
#[derive(Debug, Default)]
struct FoldValues {
    /// Mean-of-users metrics.
    per_user: BTreeMap<String, Vec<f64>>,
    /// Ratio metrics: per-user (sum, count), with a transform applied to the ratio (sqrt for RMSE).
    ratio: BTreeMap<String, RatioValues>,
    /// Metrics without per-user values (coverage, counts).
    scalar: BTreeMap<String, f64>,
}

impl FoldValues {
    fn value(&self, name: &str) -> Option<f64> {
        if let Some(v) = self.per_user.get(name) {
            return (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64);
        }
        if let Some((n, d, f)) = self.ratio.get(name) {
            let den: f64 = d.iter().sum();
            return (den > 0.0).then(|| f(n.iter().sum::<f64>() / den));
        }
        self.scalar.get(name).copied()
    }

    fn names(&self) -> Vec<String> {
        self.per_user
            .keys()
            .chain(self.ratio.keys())
            .chain(self.scalar.keys())
            .cloned()
            .collect()
    }
}

/// Fits and evaluates every model on every fold of `prepared`.
///
/// A model that lacks what the task needs (a rating predictor for RMSE, a scorer for ranking)
/// gets a row without those metrics. A model that fails to fit is an error.
pub fn run(
    prepared: &Prepared,
    models: &[Box<dyn ModelSpec>],
    opts: &RunConfig,
    progress: &mut dyn FnMut(&Progress),
) -> Result<Vec<ReportRow>, EvalError> {
    if opts.k == 0 {
        return Err(EvalError::param(
            "k",
            "the ranking cutoff must be at least 1",
        ));
    }
    if prepared.folds.is_empty() {
        return Err(EvalError::empty("no folds"));
    }
    if opts.item_buckets.windows(2).any(|w| w[0] >= w[1]) {
        return Err(EvalError::param(
            "item_buckets",
            format!("bounds must ascend strictly, got {:?}", opts.item_buckets),
        ));
    }
    if prepared.task == Task::Sampled {
        let fewest = prepared
            .folds
            .iter()
            .filter_map(|f| f.candidates.as_ref())
            .flat_map(|c| c.entries())
            .map(|e| e.positives.len() + e.negatives.len())
            .min();
        if let Some(n) = fewest
            && opts.k > n
        {
            return Err(EvalError::param(
                "k",
                format!(
                    "the cutoff {} is above the {n} candidates of a user: every held-out item \
                     would be a hit; use k <= {n} or more negatives",
                    opts.k
                ),
            ));
        }
    }
    let folds = prepared.folds.len();
    let mut rows = Vec::with_capacity(models.len());
    let mut all_values = Vec::with_capacity(models.len());
    for spec in models {
        let name = spec.name();
        let mut fit_s = 0.0;
        let mut eval_s = 0.0;
        let mut values = Vec::with_capacity(folds);
        let mut curve = Vec::new();
        for (f, fold) in prepared.folds.iter().enumerate() {
            progress(&Progress::Fitting {
                model: name.clone(),
                fold: f,
                folds,
            });
            let t = Instant::now();
            let model = spec
                .fit_model(&fold.split.train)
                .map_err(|e| EvalError::Fit {
                    model: name.clone(),
                    reason: e.to_string(),
                })?;
            fit_s += t.elapsed().as_secs_f64();
            if f == 0 {
                curve = model.learning_curve();
            }
            progress(&Progress::Evaluating {
                model: name.clone(),
                fold: f,
                folds,
            });
            let t = Instant::now();
            let mut fold_values = evaluate(prepared.task, fold, model.as_ref(), opts);
            eval_s += t.elapsed().as_secs_f64();
            if let Some(data) = &fold.new_users {
                // the same users from a model retrained with their histories
                drop(model);
                let t = Instant::now();
                let retrained = spec.fit_model(&data.retrain).map_err(|e| EvalError::Fit {
                    model: name.clone(),
                    reason: e.to_string(),
                })?;
                let retrain_s = t.elapsed().as_secs_f64();
                fold_values
                    .scalar
                    .insert("retrain fit seconds".into(), retrain_s);
                let test = &fold.split.test;
                new_users::retrained_metrics(
                    &mut fold_values,
                    retrained.as_ref(),
                    data,
                    test,
                    opts.k,
                );
            }
            values.push(fold_values);
        }
        let mut row = ReportRow {
            dataset: prepared.dataset.clone(),
            protocol: prepared.protocol.clone(),
            model: name.clone(),
            params: spec.params().into_iter().collect(),
            metrics: BTreeMap::new(),
            ci95: BTreeMap::new(),
            fit_seconds: fit_s / folds as f64,
            eval_seconds: eval_s / folds as f64,
            threads: rayon::current_num_threads(),
            learning_curve: curve,
        };
        aggregate(&mut row, &values, opts);
        rows.push(row);
        all_values.push(values);
        progress(&Progress::Done { model: name });
    }
    if let Some(b) = &opts.baseline {
        baseline::add_deltas(&mut rows, &all_values, b, opts.k, opts.bootstrap, opts.seed)?;
    }
    Ok(rows)
}

/// Mean over folds; intervals from the per-user values of all folds pooled.
fn aggregate(row: &mut ReportRow, folds: &[FoldValues], opts: &RunConfig) {
    let Some(first) = folds.first() else { return };
    for name in first.names() {
        let vals: Vec<f64> = folds.iter().filter_map(|f| f.value(&name)).collect();
        if vals.len() != folds.len() {
            continue;
        }
        let mean = vals.iter().sum::<f64>() / vals.len() as f64;
        row.metrics.insert(name.clone(), mean);
        if let Some(pooled) = first.per_user.get(&name).map(|_| {
            folds
                .iter()
                .flat_map(|f| f.per_user.get(&name).into_iter().flatten().copied())
                .collect::<Vec<f64>>()
        }) && let Some(e) = Estimate::bootstrap(&pooled, opts.bootstrap, opts.seed)
        {
            let shift = mean - e.mean; // centre on the fold mean
            row.ci95.insert(name.clone(), (e.lo + shift, e.hi + shift));
        }
        if let Some((_, _, transform)) = first.ratio.get(&name) {
            let (mut n, mut d) = (Vec::new(), Vec::new());
            for f in folds {
                if let Some((a, b, _)) = f.ratio.get(&name) {
                    n.extend_from_slice(a);
                    d.extend_from_slice(b);
                }
            }
            if let Some((lo, hi)) = Estimate::bootstrap_ratio(&n, &d, opts.bootstrap, opts.seed) {
                let (lo, hi) = (transform(lo), transform(hi));
                let pooled_mean = transform(n.iter().sum::<f64>() / d.iter().sum::<f64>());
                let shift = mean - pooled_mean;
                row.ci95.insert(name.clone(), (lo + shift, hi + shift));
            }
        }
    }
}

fn evaluate(task: Task, fold: &Fold, model: &dyn Model, opts: &RunConfig) -> FoldValues {
    let mut v = FoldValues::default();
    let test = &fold.split.test;
    let train = &fold.split.train;
    v.scalar.insert("test_ratings".into(), test.nnz() as f64);
    if matches!(task, Task::Sampled | Task::Full)
        && let Some(l) = crate::leakage::future_leaks(&fold.split)
    {
        // the share of test interactions dated before a training interaction of the same item
        v.scalar.insert("future leak".into(), l.share());
    }
    match task {
        Task::Rating => {
            if let Some(p) = model.as_rating_predictor() {
                rating_metrics(&mut v, train, test, p, &opts.item_buckets);
            }
        }
        Task::Sampled => {
            if let (Some(s), Some(c)) = (model.as_scorer(), &fold.candidates) {
                sampled_metrics(&mut v, c, s, opts.k);
                if opts.sampled_extras {
                    sampled_beside_full(&mut v, train, c, s, opts.k);
                }
            }
        }
        Task::Full => {
            if let Some(s) = model.as_scorer() {
                let all: Vec<u32> = (0..train.n_items() as u32).collect();
                full_metrics(&mut v, train, test, s, &all, opts.k, true, None);
            }
        }
        Task::NewUsers => {
            if let (Some(f), Some(data)) = (model.as_fold_in(), &fold.new_users) {
                new_users::fold_in_metrics(&mut v, f, data, test, opts.k);
            }
        }
        Task::ColdItems => {
            if let Some(p) = model.as_rating_predictor() {
                // every withheld movie has 0 training ratings: bucket by its held-out ratings
                rating_metrics(&mut v, test, test, p, &opts.item_buckets);
            }
            if let Some(s) = model.as_scorer() {
                // ranking by bucket too, the withheld movies bucketed as for the rating metrics
                let buckets = (!opts.item_buckets.is_empty())
                    .then(|| (test.item_counts(), &opts.item_buckets[..]));
                let buckets = buckets.as_ref().map(|(c, b)| (&c[..], *b));
                full_metrics(
                    &mut v,
                    train,
                    test,
                    s,
                    &fold.cold_items,
                    opts.k,
                    false,
                    buckets,
                );
            }
        }
    }
    v
}

/// Squared and absolute errors and counts of one user: overall and per item bucket.
#[derive(Debug, Clone, Default)]
struct UserErrors {
    se: f64,
    ae: f64,
    n: f64,
    buckets: Vec<(f64, f64, f64)>,
}

/// RMSE and MAE of `p` on `test` (each rating predicted at its timestamp,
/// [`RatingPredictor::predict_at`]), overall and by the items' rating counts in `counted` (the
/// training data, or under `cold-items` the held-out ratings themselves) under `bounds`.
fn rating_metrics(
    v: &mut FoldValues,
    counted: &Interactions,
    test: &Interactions,
    p: &dyn RatingPredictor,
    bounds: &[u32],
) {
    let counts = if bounds.is_empty() {
        Vec::new()
    } else {
        counted.item_counts()
    };
    let n_buckets = if bounds.is_empty() {
        0
    } else {
        bounds.len() + 1
    };
    let per_user: Vec<UserErrors> = (0..test.n_users() as u32)
        .into_par_iter()
        .filter_map(|u| {
            let r = test.row(u);
            if r.is_empty() {
                return None;
            }
            let mut e = UserErrors {
                buckets: vec![(0.0, 0.0, 0.0); n_buckets],
                ..UserErrors::default()
            };
            for ((&i, &truth), &t) in r.items.iter().zip(r.ratings).zip(r.timestamps) {
                let d = f64::from(p.predict_at(u, i, t)) - f64::from(truth);
                e.se += d * d;
                e.ae += d.abs();
                e.n += 1.0;
                if n_buckets > 0 {
                    let n = counts.get(i as usize).copied().unwrap_or(0);
                    let b = &mut e.buckets[bucket_of(n, bounds)];
                    b.0 += d * d;
                    b.1 += d.abs();
                    b.2 += 1.0;
                }
            }
            Some(e)
        })
        .collect();
    let n: Vec<f64> = per_user.iter().map(|x| x.n).collect();
    v.ratio.insert(
        "rmse".into(),
        (
            per_user.iter().map(|x| x.se).collect(),
            n.clone(),
            f64::sqrt,
        ),
    );
    v.ratio.insert(
        "mae".into(),
        (per_user.iter().map(|x| x.ae).collect(), n, |x| x),
    );
    for (b, name) in bucket_names(bounds).into_iter().enumerate().take(n_buckets) {
        // the users with test ratings in the bucket
        let users: Vec<&(f64, f64, f64)> = per_user
            .iter()
            .map(|x| &x.buckets[b])
            .filter(|x| x.2 > 0.0)
            .collect();
        let nb: Vec<f64> = users.iter().map(|x| x.2).collect();
        // (a sum of no floats is -0.0: start from +0.0)
        let count = nb.iter().fold(0.0, |a, b| a + b);
        v.scalar.insert(format!("ratings[items {name}]"), count);
        if !users.is_empty() {
            v.ratio.insert(
                format!("rmse[items {name}]"),
                (users.iter().map(|x| x.0).collect(), nb.clone(), f64::sqrt),
            );
            v.ratio.insert(
                format!("mae[items {name}]"),
                (users.iter().map(|x| x.1).collect(), nb, |x| x),
            );
        }
    }
}

fn insert_ranking(v: &mut FoldValues, k: usize, per_user: Vec<(RankingMetrics, Option<f64>)>) {
    let col =
        |f: fn(&RankingMetrics) -> f64| per_user.iter().map(|(m, _)| f(m)).collect::<Vec<f64>>();
    v.per_user.insert(format!("hr@{k}"), col(|m| m.hit));
    v.per_user.insert(format!("ndcg@{k}"), col(|m| m.ndcg));
    v.per_user
        .insert(format!("precision@{k}"), col(|m| m.precision));
    v.per_user.insert(format!("recall@{k}"), col(|m| m.recall));
    v.per_user.insert(format!("map@{k}"), col(|m| m.ap));
    v.per_user.insert("mrr".into(), col(|m| m.rr));
    v.per_user.insert(
        "auc".into(),
        per_user.iter().filter_map(|(_, a)| *a).collect(),
    );
    v.scalar.insert("users".into(), per_user.len() as f64);
}

/// The sampled HR/NDCG@k corrected for the sampling, and their full-ranking values, per user
/// (see [`RunConfig::sampled_extras`]).
fn sampled_beside_full(
    v: &mut FoldValues,
    train: &Interactions,
    cands: &recsys_core::candidates::CandidateSet,
    s: &dyn CandidateScorer,
    k: usize,
) {
    // per user: (sampled rank, full rank, candidate negatives) of each positive
    let per_user: Vec<Vec<(usize, usize, usize)>> = cands
        .entries()
        .par_iter()
        .map(|e| {
            let seen = train.user_items(e.user);
            let others: Vec<u32> = (0..train.n_items() as u32)
                .filter(|i| seen.binary_search(i).is_err() && !e.positives.contains(i))
                .collect();
            let mut all = vec![0.0f32; others.len()];
            s.score(e.user, &others, &mut all);
            let items: Vec<u32> = e.positives.iter().chain(&e.negatives).copied().collect();
            let mut scores = vec![0.0f32; items.len()];
            s.score(e.user, &items, &mut scores);
            let (pos, neg) = scores.split_at(e.positives.len());
            pos.iter()
                .map(|&p| {
                    (
                        crate::metrics::rank_among(p, neg),
                        crate::metrics::rank_among(p, &all),
                        others.len(),
                    )
                })
                .collect()
        })
        .collect();
    let metrics = [FullMetric::Hit(k), FullMetric::Ndcg(k)];
    let m = cands.entries().first().map_or(0, |e| e.negatives.len());
    let mut corrector = Corrector::new(&metrics, m, DEFAULT_GAMMA);
    let mut corrected = [Vec::new(), Vec::new()];
    let mut full = [Vec::new(), Vec::new()];
    for ranks in &per_user {
        let n = ranks.len() as f64;
        let mut c = [0.0; 2];
        let mut f = [0.0; 2];
        for &(sampled, full_rank, negatives) in ranks {
            // every user has the same number of sampled negatives (the peers' files and ours),
            // drawn from at least that many candidates
            if let Ok(values) = corrector.values(sampled, negatives.max(m)) {
                for (acc, x) in c.iter_mut().zip(values) {
                    *acc += x / n;
                }
            }
            for (acc, metric) in f.iter_mut().zip(&metrics) {
                *acc += metric.of_rank(full_rank) / n;
            }
        }
        for j in 0..2 {
            corrected[j].push(c[j]);
            full[j].push(f[j]);
        }
    }
    let [hc, nc] = corrected;
    let [hf, nf] = full;
    if m > 0 {
        v.per_user.insert(format!("hr@{k} corrected"), hc);
        v.per_user.insert(format!("ndcg@{k} corrected"), nc);
    }
    v.per_user.insert(format!("hr@{k} full"), hf);
    v.per_user.insert(format!("ndcg@{k} full"), nf);
}

fn sampled_metrics(
    v: &mut FoldValues,
    cands: &recsys_core::candidates::CandidateSet,
    s: &dyn CandidateScorer,
    k: usize,
) {
    let per_user: Vec<(RankingMetrics, Option<f64>)> = cands
        .entries()
        .par_iter()
        .map(|e| {
            let items: Vec<u32> = e.positives.iter().chain(&e.negatives).copied().collect();
            let mut scores = vec![0.0f32; items.len()];
            s.score(e.user, &items, &mut scores);
            let (pos, neg) = scores.split_at(e.positives.len());
            let mut acc = RankingMetrics::default();
            for &p in pos {
                let m = RankingMetrics::of_rank(crate::metrics::rank_among(p, neg), k);
                acc.hit += m.hit;
                acc.ndcg += m.ndcg;
                acc.precision += m.precision;
                acc.recall += m.recall;
                acc.ap += m.ap;
                acc.rr += m.rr;
            }
            let n = pos.len() as f64;
            let m = RankingMetrics {
                hit: acc.hit / n,
                ndcg: acc.ndcg / n,
                precision: acc.precision / n,
                recall: acc.recall / n,
                ap: acc.ap / n,
                rr: acc.rr / n,
            };
            (m, auc(pos, neg))
        })
        .collect();
    insert_ranking(v, k, per_user);
}

/// Ranks `candidates` (ascending item indices) minus the user's training items for every test
/// user; relevant = the user's test items among them, placed pessimistically (ties against them,
/// see [`RankingMetrics::pessimistic_positions`]). Beyond-accuracy metrics use the top-k list.
/// Ranking metrics of `s` over `candidates` (minus each user's training items) against
/// `test`; with `beyond_accuracy` coverage, novelty and diversity; with `buckets` (each item's
/// count and the bucket bounds) also HR and recall per item bucket
/// ([`bucket_ranking::insert`]).
#[allow(clippy::too_many_arguments)]
fn full_metrics(
    v: &mut FoldValues,
    train: &Interactions,
    test: &Interactions,
    s: &dyn CandidateScorer,
    candidates: &[u32],
    k: usize,
    beyond_accuracy: bool,
    buckets: Option<(&[u32], &[u32])>,
) {
    let users: Vec<u32> = (0..test.n_users() as u32)
        .filter(|&u| !test.row(u).is_empty())
        .collect();
    let results: Vec<(RankingMetrics, Option<f64>, Vec<u32>, u32)> = users
        .par_iter()
        .filter_map(|&u| {
            let seen = train.user_items(u);
            let items: Vec<u32> = candidates
                .iter()
                .copied()
                .filter(|i| seen.binary_search(i).is_err())
                .collect();
            let mut scores = vec![0.0f32; items.len()];
            s.score(u, &items, &mut scores);
            let is_rel: Vec<bool> = items.iter().map(|i| test.contains(u, *i)).collect();
            let relevant: Vec<u32> = items
                .iter()
                .zip(&is_rel)
                .filter(|x| *x.1)
                .map(|x| *x.0)
                .collect();
            if relevant.is_empty() {
                return None;
            }
            let list: Vec<u32> = top_n(&scores, k)
                .into_iter()
                .map(|(j, _)| items[j as usize])
                .collect();
            let (mut rel_s, mut irr_s) = (
                Vec::with_capacity(relevant.len()),
                Vec::with_capacity(items.len()),
            );
            for (&sc, &r) in scores.iter().zip(&is_rel) {
                if r { rel_s.push(sc) } else { irr_s.push(sc) }
            }
            let positions = RankingMetrics::pessimistic_positions(&rel_s, &irr_s);
            let m = RankingMetrics::of_positions(&positions, relevant.len(), k);
            Some((m, auc(&rel_s, &irr_s), list, u))
        })
        .collect();
    if beyond_accuracy {
        let lists: Vec<&[u32]> = results.iter().map(|r| r.2.as_slice()).collect();
        v.scalar.insert(
            format!("coverage@{k}"),
            coverage(lists.iter().copied(), train.n_items()),
        );
        let counts = train.item_counts();
        let n_users = train.user_counts().iter().filter(|&&c| c > 0).count();
        v.per_user.insert(
            format!("novelty@{k}"),
            lists
                .iter()
                .filter_map(|l| novelty(l, &counts, n_users))
                .collect(),
        );
        let by_item = train.by_item();
        v.per_user.insert(
            format!("diversity@{k}"),
            lists
                .par_iter()
                .filter_map(|l| {
                    intra_list_diversity(l, |a, b| set_cosine(by_item.item(a).0, by_item.item(b).0))
                })
                .collect(),
        );
    }
    if let Some((counts, bounds)) = buckets {
        let per_user: Vec<(u32, &[u32])> = results.iter().map(|r| (r.3, &r.2[..])).collect();
        bucket_ranking::insert(v, test, &per_user, counts, bounds, k);
    }
    insert_ranking(
        v,
        k,
        results.into_iter().map(|(m, a, _, _)| (m, a)).collect(),
    );
}
