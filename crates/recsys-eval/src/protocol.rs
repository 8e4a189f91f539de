//! Evaluation protocols: how a dataset is cut into training and test data, and what is measured.
//!
//! | protocol | split | measured |
//! |---|---|---|
//! | `official` | ml-100k's u1–u5 base/test files (averaged) | RMSE, MAE |
//! | `holdout` | random ratings holdout (`test_ratio`, seeded) | RMSE, MAE |
//! | `kfold` | k folds of the ratings (seeded), averaged | RMSE, MAE |
//! | `test-file` | the ratings listed in a CSV (`user,item,rating`, raw ids) are the test set, all others train | RMSE, MAE |
//! | `loo-sampled` | each user's latest rating held out; ranked among N sampled negatives (seeded) or the candidates of a file | HR, NDCG, P, R, MAP @10, MRR, AUC |
//! | `loo-full` | each user's latest rating held out; ranked among every item the user has not rated in training | the same, plus coverage, novelty, diversity @10 |
//! | `cold-items` | a share of the items withheld entirely (seeded) | RMSE, MAE on their ratings; ranking among the withheld items |
//! | `new-users` | a share of the users withheld entirely (seeded; `folds` disjoint groups, averaged); each folded in from their first `fold_in` ratings by time | their later ratings ranked among every item not in the history, by the model folding them in and by the model retrained with the histories: HR, NDCG, recall @10 and @20 |
//!
//! Leakage guards: every split is a partition of the ratings (tested in `recsys-data`); models see
//! only the training part; negatives are items the user never rated, in training or test; with a
//! candidates file, the training data is all ratings minus the file's held-out pairs, so it equals
//! the training data of the system that wrote the file.

use recsys_core::WrapsCore;
use std::path::{Path, PathBuf};

use recsys_core::Interactions;
use recsys_core::candidates::CandidateSet;
use recsys_core::reader;
use recsys_core::split::{self, Split};
use recsys_data::movielens;
use recsys_data::{DataDir, DataError, Dataset};

use crate::EvalError;

/// The protocols by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProtocolKind {
    /// ml-100k's official u1–u5 folds.
    Official,
    /// Random ratings holdout.
    Holdout,
    /// k-fold cross-validation.
    KFold,
    /// Leave-latest-out among sampled negatives (or a candidates file).
    LooSampled,
    /// Leave-latest-out with a full ranking.
    LooFull,
    /// Item cold start.
    ColdItems,
    /// Held-out ratings from a CSV file.
    TestFile,
    /// A global temporal split (one cut time for everyone; the latest `test_ratio` of the
    /// ratings are the test), ranked among all unseen items; test ratings of users or items
    /// without training ratings are dropped.
    Temporal,
    /// Users withheld entirely, folded in from their first ratings
    /// ([`recsys_core::split::new_users`]).
    NewUsers,
}

impl ProtocolKind {
    /// Every protocol.
    pub const ALL: [ProtocolKind; 9] = [
        ProtocolKind::Official,
        ProtocolKind::Holdout,
        ProtocolKind::KFold,
        ProtocolKind::LooSampled,
        ProtocolKind::LooFull,
        ProtocolKind::ColdItems,
        ProtocolKind::TestFile,
        ProtocolKind::Temporal,
        ProtocolKind::NewUsers,
    ];

    /// The command-line name.
    pub fn name(self) -> &'static str {
        match self {
            ProtocolKind::Official => "official",
            ProtocolKind::Holdout => "holdout",
            ProtocolKind::KFold => "kfold",
            ProtocolKind::LooSampled => "loo-sampled",
            ProtocolKind::LooFull => "loo-full",
            ProtocolKind::ColdItems => "cold-items",
            ProtocolKind::TestFile => "test-file",
            ProtocolKind::Temporal => "temporal",
            ProtocolKind::NewUsers => "new-users",
        }
    }

    /// Parses a name; unknown names get an error listing the valid ones.
    pub fn from_name(name: &str) -> Result<Self, EvalError> {
        Self::ALL
            .into_iter()
            .find(|p| p.name() == name)
            .ok_or_else(|| EvalError::UnknownName {
                what: "protocol",
                name: name.to_string(),
                valid: Self::ALL.map(Self::name).join(", "),
            })
    }

    /// What the protocol measures.
    pub fn task(self) -> Task {
        match self {
            ProtocolKind::Official
            | ProtocolKind::Holdout
            | ProtocolKind::KFold
            | ProtocolKind::TestFile => Task::Rating,
            ProtocolKind::LooSampled => Task::Sampled,
            ProtocolKind::LooFull | ProtocolKind::Temporal => Task::Full,
            ProtocolKind::ColdItems => Task::ColdItems,
            ProtocolKind::NewUsers => Task::NewUsers,
        }
    }
}

/// What a protocol measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Task {
    /// Rating prediction (RMSE, MAE).
    Rating,
    /// Ranking the held-out item among candidates.
    Sampled,
    /// Ranking the held-out item among all unseen items.
    Full,
    /// Rating and ranking of withheld items.
    ColdItems,
    /// Ranking for withheld users folded in from a history (and for a model retrained with it).
    NewUsers,
}

/// Settings of a protocol (defaults: test ratio 0.2, 5 ratings folded in, 5 folds, 99
/// negatives, seed 0).
#[derive(Debug, Clone, PartialEq)]
pub struct ProtocolConfig {
    /// The protocol.
    pub kind: ProtocolKind,
    /// Share of ratings (holdout, temporal), items (cold-items) or users (new-users) held out.
    pub test_ratio: f64,
    /// Ratings folded in per held-out user (new-users; default 5).
    pub fold_in: usize,
    /// Number of folds (kfold; new-users: disjoint groups of withheld users).
    pub folds: usize,
    /// Sampled negatives per user (loo-sampled).
    pub negatives: usize,
    /// A candidates file (loo-sampled): the peers' `ncf_loo_*.tsv` format.
    pub candidates: Option<PathBuf>,
    /// A held-out ratings CSV (test-file).
    pub test_file: Option<PathBuf>,
    /// Seed of every random choice.
    pub seed: u64,
}

impl ProtocolConfig {
    /// The defaults for `kind`.
    pub fn new(kind: ProtocolKind) -> Self {
        Self {
            kind,
            test_ratio: 0.2,
            fold_in: 5,
            folds: 5,
            negatives: 99,
            candidates: None,
            test_file: None,
            seed: 0,
        }
    }
}

/// One training/test cut, with what the task needs beside it.
#[derive(Debug, Clone)]
pub struct Fold {
    /// Training and test data.
    pub split: Split,
    /// Candidates per test user (sampled task).
    pub candidates: Option<CandidateSet>,
    /// The withheld items (cold-items task).
    pub cold_items: Vec<u32>,
    /// The withheld users' histories (new-users task).
    pub new_users: Option<NewUsersData>,
}

impl Fold {
    /// A fold of `split` alone (the rating and full-ranking tasks), with `candidates` for the
    /// sampled task.
    pub fn new(split: Split, candidates: Option<CandidateSet>) -> Self {
        Self {
            split,
            candidates,
            cold_items: Vec::new(),
            new_users: None,
        }
    }
}

/// What the new-users task needs beside the split (whose `train` holds no rating of the withheld
/// users and whose `test` holds their later ratings).
#[derive(Debug, Clone)]
pub struct NewUsersData {
    /// Each withheld user's first ratings: what is folded in.
    pub history: Interactions,
    /// The training data plus the histories: what the retrained model is fitted on.
    pub retrain: Interactions,
}

/// A dataset cut by a protocol, ready for the runner.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// Dataset name.
    pub dataset: String,
    /// Protocol name.
    pub protocol: String,
    /// What is measured.
    pub task: Task,
    /// The folds (one for single-split protocols).
    pub folds: Vec<Fold>,
}

/// Loads `ds` from `dir` and cuts it by `cfg`.
pub fn prepare(dir: &DataDir, ds: Dataset, cfg: &ProtocolConfig) -> Result<Prepared, EvalError> {
    if cfg.kind == ProtocolKind::Official {
        if ds != Dataset::Ml100k {
            return Err(EvalError::Data(DataError::param(
                "protocol",
                format!("`official` folds exist for ml-100k only, not {ds}"),
            )));
        }
        let root = dir.dataset_dir(ds)?;
        let folds = ["u1", "u2", "u3", "u4", "u5"]
            .iter()
            .map(|n| Ok(Fold::new(movielens::read_ml100k_split(&root, n)?, None)))
            .collect::<Result<Vec<_>, DataError>>()?;
        return Ok(Prepared {
            dataset: ds.name().into(),
            protocol: cfg.kind.name().into(),
            task: Task::Rating,
            folds,
        });
    }
    let ratings = dir.load_ratings(ds)?;
    let mut p = prepare_ratings(&ratings, cfg)?;
    p.dataset = ds.name().into();
    Ok(p)
}

/// Cuts `ratings` by `cfg` (every protocol but `official`, which needs the ml-100k files).
pub fn prepare_ratings(
    ratings: &Interactions,
    cfg: &ProtocolConfig,
) -> Result<Prepared, EvalError> {
    let one = |split: Split| Fold::new(split, None);
    let folds = match cfg.kind {
        ProtocolKind::Official => {
            return Err(EvalError::Data(DataError::param(
                "protocol",
                "`official` reads the ml-100k split files: use `prepare`",
            )));
        }
        ProtocolKind::Holdout => vec![one(split::random_holdout(
            ratings,
            cfg.test_ratio,
            cfg.seed,
        )?)],
        ProtocolKind::KFold => split::kfold(ratings, cfg.folds, cfg.seed)?
            .into_iter()
            .map(one)
            .collect(),
        ProtocolKind::TestFile => {
            let path = cfg.test_file.as_deref().ok_or_else(|| {
                DataError::param("test-file", "the test-file protocol needs --test-file FILE")
            })?;
            vec![one(split_by_test_file(ratings, path)?)]
        }
        ProtocolKind::LooSampled => {
            let fold = match &cfg.candidates {
                Some(path) => {
                    let cands = CandidateSet::read_peers_tsv(path, ratings)?;
                    Fold::new(split_by_candidates(ratings, &cands)?, Some(cands))
                }
                None => {
                    let split = split::leave_latest_out(ratings, 1)?;
                    let cands = CandidateSet::from_split(&split, cfg.negatives, cfg.seed)?;
                    Fold::new(split, Some(cands))
                }
            };
            vec![fold]
        }
        ProtocolKind::LooFull => vec![one(split::leave_latest_out(ratings, 1)?)],
        ProtocolKind::Temporal => {
            let mut split = split::global_temporal(ratings, cfg.test_ratio)?;
            split.drop_unseen();
            vec![one(split)]
        }
        ProtocolKind::ColdItems => {
            let split = split::item_cold_start(ratings, cfg.test_ratio, cfg.seed)?;
            let counts = split.test.item_counts();
            let cold = (0..counts.len() as u32)
                .filter(|&i| counts[i as usize] > 0)
                .collect();
            vec![Fold {
                cold_items: cold,
                ..Fold::new(split, None)
            }]
        }
        ProtocolKind::NewUsers => (0..cfg.folds)
            .map(|f| {
                let s = split::new_users_fold(ratings, cfg.test_ratio, cfg.fold_in, cfg.seed, f)?;
                Ok(Fold {
                    split: Split {
                        train: s.train,
                        test: s.test,
                    },
                    candidates: None,
                    cold_items: Vec::new(),
                    new_users: Some(NewUsersData {
                        history: s.history,
                        retrain: s.retrain,
                    }),
                })
            })
            .collect::<Result<Vec<_>, recsys_core::CoreError>>()?,
    };
    let protocol = match cfg.kind {
        // the history length tells the rows of one experiment apart
        ProtocolKind::NewUsers => format!("{}-{}", cfg.kind.name(), cfg.fold_in),
        k => k.name().into(),
    };
    Ok(Prepared {
        dataset: String::new(),
        protocol,
        task: cfg.kind.task(),
        folds,
    })
}

/// Splits `ratings` into test = the ratings listed in `path` (CSV with a header whose first two
/// columns are raw user and item ids, e.g. `user,item,rating`) and train = all the others.
/// A listed pair that `ratings` does not hold is an error naming the line.
pub fn split_by_test_file(ratings: &Interactions, path: &Path) -> Result<Split, EvalError> {
    let buf = reader::read_file(path)?;
    let mut ctx = reader::Ctx::new(path);
    let mut mask = vec![false; ratings.nnz()];
    let ip = ratings.matrix().indptr();
    for (line, bytes) in reader::lines(&buf) {
        ctx.line = line;
        if line == 1 || reader::trim(bytes).is_empty() {
            continue;
        }
        let mut f = reader::split_fields(bytes, b",");
        let (Some(u), Some(i)) = (f.next(), f.next()) else {
            return Err(ctx.err("expected user,item[,rating]").into());
        };
        let (ru, ri) = (ctx.u64(u, "user")?, ctx.u64(i, "item")?);
        let (Some(du), Some(di)) = (ratings.users().index(ru), ratings.items().index(ri)) else {
            return Err(ctx
                .err(format!("user {ru} / item {ri} is not in the ratings"))
                .into());
        };
        let row = ratings.user_items(du);
        let Ok(k) = row.binary_search(&di) else {
            return Err(ctx.err(format!("user {ru} did not rate item {ri}")).into());
        };
        mask[ip.index(du as usize) + k] = true;
    }
    let test = ratings.select(&mask)?;
    let train_mask: Vec<bool> = mask.iter().map(|m| !m).collect();
    let train = ratings.select(&train_mask)?;
    Ok(Split { train, test })
}

/// Train = all ratings but the candidates' held-out positives; test = those positives.
pub fn split_by_candidates(
    ratings: &Interactions,
    cands: &CandidateSet,
) -> Result<Split, EvalError> {
    let mut mask = vec![false; ratings.nnz()];
    let ip = ratings.matrix().indptr();
    for e in cands.entries() {
        let row = ratings.user_items(e.user);
        for &p in &e.positives {
            let k = row.binary_search(&p).map_err(|_| {
                DataError::param(
                    "candidates",
                    format!(
                        "held-out item {} of user {} is not among the user's ratings",
                        ratings.items().raw(p).unwrap_or(u64::from(p)),
                        ratings.users().raw(e.user).unwrap_or(u64::from(e.user))
                    ),
                )
            })?;
            mask[ip.index(e.user as usize) + k] = true;
        }
    }
    let test = ratings.select(&mask)?;
    let train_mask: Vec<bool> = mask.iter().map(|m| !m).collect();
    Ok(Split {
        train: ratings.select(&train_mask)?,
        test,
    })
}
