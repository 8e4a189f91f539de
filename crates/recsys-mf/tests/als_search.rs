//! The validation search behind [`AlsParams::tuned`] (ignored: slow, and it needs the datasets).

use std::collections::BTreeMap;

use recsys_core::traits::Fit;
use recsys_core::{CoreError, Interactions, Model};
use recsys_mf::AlsParams;

/// The validation search behind [`AlsParams::tuned`]. For each dataset, the training part of
/// the benchmark protocol (ratings-small and ml-100k: all ratings minus the held-out pairs of the
/// peers' candidates files; ml-latest-small: leave-latest-out) is split again as
/// `recsys_eval::search`'s `LeaveLatest` validation does: each user's latest *training* rating is
/// held out and ranked among 99 sampled negatives, here with three negative-sampling seeds
/// (0, 1, 2) averaged. The test candidates are never used. Configurations are ranked by mean
/// validation HR@10 over the datasets (NDCG@10 shown too).
///
/// Stages run (`ALS_GRID=<stage>`; `ALS_REGS=..`/`ALS_ALPHAS=..` override the lists):
/// `coarse` reg {0.01, 0.1, 1, 10} × alpha {1, 2, 5, 10, 20} (best: reg 10, alpha 5, mean HR
/// 0.705; reg ≤ 0.1 as in the peers' grid: 0.663–0.677); `wide` reg {3, 10, 30, 100} × alpha
/// {1, 2, 3, 5} (best reg 30, alpha 5: 0.722); `ridge` reg {15, 30, 60} × alpha {5, 8, 12, 20}
/// (0.707–0.722, a ridge at reg/alpha ≈ 4–5); `fine` (the default) reg {20, 30, 40} × alpha
/// {4, 6, 8} (best reg 40, alpha 8: 0.7232; all 0.714–0.723); `extra`: at reg 40, alpha 8,
/// 128 factors 0.7314 (but ~3× the fit time), 30 iterations 0.7267, 6 CG steps 0.7238, 32
/// factors 0.7185, ratings as values 0.703–0.719: kept 64 factors, 15 iterations, 3 CG steps,
/// binary values.
///
/// `RECSYS_DATA=... cargo test --release -p recsys-mf --test als_search -- --ignored --nocapture`
#[test]
#[ignore = "slow: the hyperparameter search behind AlsParams::tuned"]
fn validation_search() -> Result<(), Box<dyn std::error::Error>> {
    use recsys_core::traits::{BoxError, FnSpec};
    use recsys_core::{ModelSpec, candidates::CandidateSet, split};
    use recsys_data::Dataset;
    use recsys_data::location::{test_data_dir, test_peers_file};
    use recsys_eval::protocol::{
        Fold, Prepared, ProtocolConfig, ProtocolKind, Task, prepare_ratings,
    };
    use recsys_eval::runner::{RunConfig, run};

    let grid_env = std::env::var("ALS_GRID").unwrap_or_default();
    let datasets = [
        (
            Dataset::RatingsSmall,
            Some("protocol/ncf_loo_ratings_small.tsv"),
        ),
        (Dataset::Ml100k, Some("protocol/ncf_loo_ml-100k.tsv")),
        (Dataset::MlLatestSmall, None),
    ];
    // (name, params)
    let mut configs: Vec<(String, AlsParams)> = Vec::new();
    let base = AlsParams::default();
    if grid_env == "extra" {
        // around the chosen alpha and regularization: the other knobs
        let base = base.clone().with_alpha(8.0).with_regularization(40.0);
        for (f, it, cg) in [
            (64, 15, 3),
            (64, 15, 6),
            (64, 30, 3),
            (128, 15, 3),
            (32, 15, 3),
        ] {
            let p = base
                .clone()
                .with_factors(f)
                .with_iterations(it)
                .with_cg_steps(cg);
            configs.push((format!("f{f} it{it} cg{cg}"), p));
        }
        for alpha in [1.0, 2.0, 4.0] {
            let p = base.clone().with_alpha(alpha).with_use_ratings(true);
            configs.push((format!("ratings a{alpha} r40"), p));
        }
    } else {
        let list = |var: &str, default: &[f64]| -> Vec<f64> {
            match std::env::var(var) {
                Ok(v) => v.split(',').filter_map(|x| x.trim().parse().ok()).collect(),
                Err(_) => default.to_vec(),
            }
        };
        let (regs, alphas): (&[f64], &[f64]) = match grid_env.as_str() {
            "coarse" => (&[0.01, 0.1, 1.0, 10.0], &[1.0, 2.0, 5.0, 10.0, 20.0]),
            "wide" => (&[3.0, 10.0, 30.0, 100.0], &[1.0, 2.0, 3.0, 5.0]),
            "ridge" => (&[15.0, 30.0, 60.0], &[5.0, 8.0, 12.0, 20.0]),
            _ => (&[20.0, 30.0, 40.0], &[4.0, 6.0, 8.0]),
        };
        for reg in list("ALS_REGS", regs) {
            for alpha in list("ALS_ALPHAS", alphas) {
                let p = base.clone().with_alpha(alpha).with_regularization(reg);
                configs.push((format!("a{alpha} r{reg}"), p));
            }
        }
    }
    let mut table: BTreeMap<String, Vec<(f64, f64)>> = BTreeMap::new();
    for (ds, cands) in datasets {
        let Some(dir) = test_data_dir(ds)? else {
            continue;
        };
        let ratings = dir.load_ratings(ds)?;
        let mut cfg = ProtocolConfig::new(ProtocolKind::LooSampled);
        if let Some(rel) = cands {
            let Some(path) = test_peers_file(rel)? else {
                continue;
            };
            cfg.candidates = Some(path);
        }
        // the benchmark's training part; its test part is dropped here
        let train = prepare_ratings(&ratings, &cfg)?
            .folds
            .swap_remove(0)
            .split
            .train;
        let vsplit = split::leave_latest_out(&train, 1)?;
        let folds = (0..3u64)
            .map(|seed| {
                let candidates = CandidateSet::from_split(&vsplit, 99, seed)?;
                Ok(Fold::new(vsplit.clone(), Some(candidates)))
            })
            .collect::<Result<Vec<_>, CoreError>>()?;
        let prepared = Prepared {
            dataset: ds.name().into(),
            protocol: "validation".into(),
            task: Task::Sampled,
            folds,
        };
        let specs: Vec<Box<dyn ModelSpec>> = configs
            .iter()
            .map(|(name, p)| {
                let p = p.clone();
                Box::new(FnSpec::new(
                    name.clone(),
                    Vec::new(),
                    move |t: &Interactions| -> Result<Box<dyn Model>, BoxError> {
                        Ok(Box::new(p.fit(t)?.into_model()))
                    },
                )) as Box<dyn ModelSpec>
            })
            .collect();
        let opts = RunConfig {
            bootstrap: 0,
            ..RunConfig::default()
        };
        for row in run(&prepared, &specs, &opts, &mut |_| {})? {
            let (hr, ndcg) = (row.metrics["hr@10"], row.metrics["ndcg@10"]);
            eprintln!(
                "{:16} {:28} HR@10 {hr:.4} NDCG@10 {ndcg:.4} fit {:.3} s",
                ds.name(),
                row.model,
                row.fit_seconds
            );
            table.entry(row.model).or_default().push((hr, ndcg));
        }
    }
    eprintln!("\nmean over datasets (HR@10, NDCG@10):");
    let mut ranked: Vec<(String, f64, f64)> = table
        .into_iter()
        .map(|(name, v)| {
            let n = v.len() as f64;
            let hr = v.iter().map(|x| x.0).sum::<f64>() / n;
            let nd = v.iter().map(|x| x.1).sum::<f64>() / n;
            (name, hr, nd)
        })
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
    for (name, hr, nd) in ranked {
        eprintln!("{name:28} {hr:.4} {nd:.4}");
    }
    Ok(())
}
