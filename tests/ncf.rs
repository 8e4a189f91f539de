//! Neural CF through the facade: the registry names, hyperparameter search over layer sizes,
//! embedding size and learning rate with `recsys-eval`, and a short run on real data with the
//! peers' candidates.

use recsys::core::WrapsCore;
use recsys::core::{Interactions, ModelSpec};
use recsys::data::Dataset;
use recsys::eval::EvalError;
use recsys::eval::runner::{RunConfig, run};
use recsys::eval::search::{self, Config, Objective, ParamGrid, Validation};
use recsys::ncf::{NcfKind, NcfParams};

#[allow(dead_code)]
mod common;

/// Two groups of users, each interacting with 8 of its group's 20 items over time.
fn groups() -> Interactions {
    recsys_testkit::two_groups(60, 0x9E37_79B9_7F4A_7C15, 4.0)
}

#[test]
fn registry_lists_the_neural_models_with_their_parameters() {
    for name in ["ncf-mlp", "gmf", "neumf"] {
        assert!(recsys::models::model_names().contains(&name));
        let m = recsys::models::model(name).unwrap();
        assert_eq!(m.name(), name);
        let keys: Vec<String> = m.params().into_iter().map(|(k, _)| k).collect();
        for k in ["lr", "batch", "negatives", "epochs", "seed"] {
            assert!(keys.iter().any(|x| x == k), "{name} lacks {k}");
        }
    }
    let mlp = recsys::models::model("ncf-mlp").unwrap().params();
    assert!(mlp.contains(&("layers".to_string(), "64-128-64-32".to_string())));
    assert!(mlp.contains(&("embedding".to_string(), "16".to_string())));
}

/// The search tunes layer sizes, embedding size and learning rate from text parameters.
#[test]
fn search_tunes_layers_embedding_and_lr() {
    let train = groups();
    let make = |c: &Config| -> Result<Box<dyn ModelSpec>, EvalError> {
        let mut c = c.clone();
        c.insert("epochs".into(), "12".into());
        c.insert("batch".into(), "64".into());
        NcfParams::from_config(NcfKind::Mlp, &c)
            .map(|p| Box::new(p) as Box<dyn ModelSpec>)
            .map_err(|e| EvalError::param("ncf", e.to_string()))
    };
    let grid = ParamGrid::new()
        .with("layers", ["16-8", "8"])
        .with("embedding", ["8"])
        .with("lr", ["0.01", "0.0000001"]);
    let res = search::search(
        &train,
        &grid.grid(),
        &make,
        &Validation::LeaveLatest { negatives: 20 },
        &Objective {
            metric: "hr@10".into(),
            minimize: false,
        },
        1,
    )
    .unwrap();
    assert_eq!(res.trials.len(), 4);
    // a learning rate of 1e-7 learns nothing in 12 epochs
    assert_eq!(res.best["lr"], "0.01", "{:?}", res.trials);
    assert!(res.best_score > 0.8, "{:?}", res.trials);
    let bad = [Config::from([("layers".to_string(), "0".to_string())])];
    assert!(
        search::search(
            &train,
            &bad,
            &make,
            &Validation::LeaveLatest { negatives: 20 },
            &Objective {
                metric: "hr@10".into(),
                minimize: false,
            },
            1
        )
        .is_err()
    );
}

/// Three epochs of the seed's MLP on ml-100k with the peers' candidates beat popularity
/// (0.4062 HR@10 in the peers' table).
#[test]
fn ncf_mlp_on_ml100k_peers_candidates() {
    let Some(p) = common::with_peers_candidates(Dataset::Ml100k, "protocol/ncf_loo_ml-100k.tsv")
    else {
        return;
    };
    let spec: Box<dyn ModelSpec> = Box::new(NcfParams::new(NcfKind::Mlp).with_epochs(3));
    let rows = run(&p, &[spec], &RunConfig::default(), &mut |_| {}).unwrap();
    let hr = rows[0].metrics["hr@10"];
    assert!(hr > 0.45, "hr@10 {hr}");
    assert_eq!(rows[0].learning_curve.len(), 3);
}
