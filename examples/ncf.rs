//! Train one neural CF model on the NCF leave-latest-out protocol and print its learning curve:
//! per epoch the training loss, seconds, samples per second and HR@10 / NDCG@10 on the protocol's
//! test candidates (monitoring only: nothing is chosen on them; the last epoch's weights are
//! scored, as `compare` does). With `--set validation_negatives=N` (and `--set patience=P` for
//! early stopping) the curve shows a validation split carved from the training data instead, and
//! the test candidates are scored once at the end.
//!
//! ```text
//! cargo run --release --example ncf -- --dataset ratings-small \
//!   --candidates ../shared/peers/protocol/ncf_loo_ratings_small.tsv \
//!   --model neumf [--set pretrain=true --set epochs=20 ...] [--json]
//! ```
//!
//! `--set key=value` takes the keys of `NcfParams::from_config` (`embedding`, `layers`, `lr`,
//! `batch`, `negatives`, `epochs`, `seed`, `pretrain`, `device`, ...).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use recsys::core::ModelSpec;
use recsys::data::{DataDir, Dataset};
use recsys::eval::protocol::{self, ProtocolConfig, ProtocolKind};
use recsys::ncf::{NcfKind, NcfParams, evaluate, fit_with};
use serde_json::json;

#[derive(Parser, Debug)]
#[command(about = "Train GMF / MLP / NeuMF and print the learning curve")]
struct Args {
    /// Dataset name (ratings-small, ml-100k, ...).
    #[arg(long)]
    dataset: String,
    /// The peers' candidates file (`ncf_loo_<dataset>.tsv`); without it, 99 sampled negatives.
    #[arg(long)]
    candidates: Option<PathBuf>,
    /// gmf, ncf-mlp or neumf.
    #[arg(long, default_value = "ncf-mlp")]
    model: String,
    /// Hyperparameter overrides, `key=value` (repeatable).
    #[arg(long = "set")]
    set: Vec<String>,
    /// Data folder (default: `RECSYS_DATA`).
    #[arg(long)]
    data: Option<PathBuf>,
    /// One JSON object per epoch and a summary, instead of text.
    #[arg(long)]
    json: bool,
}

#[path = "common/exit.rs"]
mod exit;

fn main() -> ExitCode {
    exit::exit_code(run(Args::parse()))
}

fn run(args: Args) -> Result<(), Box<dyn std::error::Error>> {
    let ds = Dataset::from_name(&args.dataset)?;
    let kind: NcfKind = args.model.parse()?;
    let mut config = BTreeMap::new();
    for kv in &args.set {
        let (k, v) = kv
            .split_once('=')
            .ok_or_else(|| format!("--set {kv}: expected key=value"))?;
        config.insert(k.to_string(), v.to_string());
    }
    let params = NcfParams::from_config(kind, &config)?;
    let dir = DataDir::resolve(args.data.as_deref())?;
    let cfg = ProtocolConfig {
        candidates: args.candidates.clone(),
        ..ProtocolConfig::new(ProtocolKind::LooSampled)
    };
    let prepared = protocol::prepare(&dir, ds, &cfg)?;
    let fold = &prepared.folds[0];
    let cands = fold
        .candidates
        .as_ref()
        .ok_or("the protocol gave no candidates")?;
    let train = &fold.split.train;
    let monitor = params.validation_negatives.is_none();
    // the carved validation split leaves one interaction per user out of training
    let n_train = if monitor {
        train.nnz()
    } else {
        train.nnz() - train.n_users()
    };
    let samples = n_train * (params.negatives + 1);
    if !args.json {
        println!(
            "{ds}: {} users, {} items, {} training positives, {samples} samples per epoch",
            train.n_users(),
            train.n_items(),
            train.nnz()
        );
        println!("{:?}", ModelSpec::params(&params));
        let on = if monitor { "test" } else { "validation" };
        println!("| epoch | loss | seconds | samples/s | {on} HR@10 | {on} NDCG@10 |");
        println!("|---:|---:|---:|---:|---:|---:|");
    }
    let t = Instant::now();
    let model = fit_with(&params, train, monitor.then_some(cands), &mut |r| {
        let (hr, nd) = (r.validation[0].1, r.validation[1].1);
        let sps = samples as f64 / r.seconds;
        if args.json {
            println!(
                "{}",
                json!({"epoch": r.epoch, "loss": r.loss, "seconds": r.seconds,
                       "samples_per_s": sps, "hr10": hr, "ndcg10": nd})
            );
        } else {
            println!(
                "| {} | {:.4} | {:.2} | {:.0} | {hr:.4} | {nd:.4} |",
                r.epoch, r.loss, r.seconds, sps
            );
        }
    })?;
    let total = t.elapsed().as_secs_f64();
    let (hr, nd) = evaluate(&model.weights, cands, 10);
    let train_s: f64 = model.curve.iter().map(|r| r.seconds).sum();
    let per_epoch = train_s / model.curve.len() as f64;
    if args.json {
        println!(
            "{}",
            json!({"summary": true, "dataset": ds.to_string(), "model": kind.name(),
                   "params": ModelSpec::params(&params), "epochs": model.curve.len(), "hr10": hr,
                   "ndcg10": nd, "best_epoch": model.best_epoch,
                   "sec_per_epoch": per_epoch, "fit_s": total,
                   "samples_per_s": samples as f64 / per_epoch})
        );
    } else {
        println!(
            "final (test, weights of epoch {}): HR@10 {hr:.4}, NDCG@10 {nd:.4}; {per_epoch:.2} \
             s/epoch training ({:.0} samples/s), {total:.1} s in all (pretraining and evaluation \
             included)",
            model.best_epoch,
            samples as f64 / per_epoch
        );
    }
    Ok(())
}
