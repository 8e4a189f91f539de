//! The Bayesian FM on ml-100k's official folds with side features (`u.user`: age, gender,
//! occupation, zip; `u.item`: release decade, genres) on top of the implicit sets. Through
//! `compare` the same models are the registry's `bfm-side` and, with `--date`, `bfm-side-date`
//! (`experiments/bfm-side-date.toml`: the same figures); this example also runs the user's day
//! (`--user-day`) and other ranks and burn-ins.
//!
//! ```text
//! RECSYS_DATA=/work/shared/data cargo run --release --example fm_side -- [N_ITER] [--no-side] [--date | --user-day] [--ordinal] [--rank K] [--burn-in B] [--chains C]
//! ```
//!
//! `--date` adds the rating's day as a case block (one-hot over the training days, myFM's
//! ml-100k-extended `date` feature); a test rating on a day without training ratings gets no
//! date term. `--user-day` adds the user's day as well ([`UserDays`]: a row per training
//! `(user, day)` pair, timeSVD++'s day-specific user bias). `--ordinal` fits the ordered
//! probit (`BfmParams::ordinal`) instead of regression. `--chains C` keeps the samples of `C`
//! chains (`BfmParams::chains`, seeds 0 to `C − 1`).

use std::time::Instant;

use recsys::data::{DataDir, Dataset};
use recsys::eval::metrics::rmse;
use recsys::eval::protocol::{ProtocolConfig, ProtocolKind, prepare};
use recsys::fm::BfmParams;
use recsys::fm::features::{RatingDays, UserDays, UserItemFeatures};

fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let n_iter = args
        .iter()
        .find_map(|a| a.parse::<usize>().ok())
        .unwrap_or(512);
    let side = !args.iter().any(|a| a == "--no-side");
    let date = args.iter().any(|a| a == "--date");
    let user_day = args.iter().any(|a| a == "--user-day");
    let ordinal = args.iter().any(|a| a == "--ordinal");
    let rank = args
        .iter()
        .position(|a| a == "--rank")
        .and_then(|p| args.get(p + 1)?.parse::<usize>().ok())
        .unwrap_or(10);
    let burn_in = args
        .iter()
        .position(|a| a == "--burn-in")
        .and_then(|p| args.get(p + 1)?.parse::<usize>().ok())
        .unwrap_or(5);
    let chains = args
        .iter()
        .position(|a| a == "--chains")
        .and_then(|p| args.get(p + 1)?.parse::<usize>().ok())
        .unwrap_or(1);
    let dir = DataDir::resolve(None)?;
    let prepared = prepare(
        &dir,
        Dataset::Ml100k,
        &ProtocolConfig::new(ProtocolKind::Official),
    )?;
    let params = BfmParams::with_implicit_features()
        .n_iter(n_iter)
        .rank(rank)
        .ordinal(ordinal)
        .burn_in(burn_in)
        .chains(chains);
    let side_columns = recsys::data::side::ml100k_side_features(&dir)?;
    let (mut sum, mut fit_s) = (0.0, 0.0);
    for (k, fold) in prepared.folds.iter().enumerate() {
        let (train, test) = (&fold.split.train, &fold.split.test);
        let features = if side {
            let (users, items) = &side_columns;
            UserItemFeatures::with_side(train, true, users, items)?
        } else {
            UserItemFeatures::from_interactions(train, true)?
        };
        let t = Instant::now();
        let days = RatingDays::from_interactions(train);
        let user_days = UserDays::from_interactions(train);
        let model = if user_day {
            params.fit_cases(train, features, user_days.case_features(train)?)?
        } else if date {
            params.fit_cases(train, features, days.case_features(train)?)?
        } else {
            params.fit_features(train, features)?
        };
        let secs = t.elapsed().as_secs_f64();
        let (pred, truth): (Vec<f32>, Vec<f32>) = test
            .iter()
            .map(|x| {
                let day = if user_day {
                    user_days.row(x.user, x.timestamp)
                } else {
                    days.row(x.timestamp)
                };
                (model.predict_case(x.user, x.item, day), x.rating)
            })
            .unzip();
        let e = rmse(&pred, &truth)?;
        println!("u{}: rmse {e:.4}, fit {secs:.2} s", k + 1);
        sum += e;
        fit_s += secs;
    }
    let n = prepared.folds.len() as f64;
    println!(
        "mean rmse {:.4}, fit {:.2} s per fold (side features: {side}, date: {date}, user-day: {user_day}, ordinal: {ordinal}, rank {rank}, {n_iter} iterations, burn-in {burn_in}, chains {chains})",
        sum / n,
        fit_s / n
    );
    Ok(())
}
