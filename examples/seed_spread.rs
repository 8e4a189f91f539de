//! How much the random seed alone moves SVD's and SVD++'s mean RMSE over ml-100k's official
//! folds (Surprise's defaults), to read accuracy targets against the noise.
//!
//! `RECSYS_DATA=../shared/data cargo run --release --example seed_spread -- [--seeds 6]`

use clap::Parser;
use recsys::core::traits::Fit;
use recsys::core::{RatingPredictor, Split};

#[derive(Parser)]
struct Args {
    /// Seeds 0..N.
    #[arg(long, default_value_t = 6)]
    seeds: u64,
    /// SVD's threads (0 = rayon's pool; 1 = one thread, Surprise's order).
    #[arg(long, default_value_t = 0)]
    threads: usize,
    /// Visit users in a new seeded order each epoch.
    #[arg(long)]
    shuffle: bool,
    /// Draw the initial factors from parallel seeded blocks instead of Surprise's numpy stream.
    #[arg(long)]
    parallel_init: bool,
    /// Visit each user's ratings in item index order instead of popular first.
    #[arg(long)]
    index_order: bool,
    /// Models to run (svd, svdpp).
    #[arg(long, value_delimiter = ',', default_value = "svd,svdpp")]
    models: Vec<String>,
    /// Data folder (default: $RECSYS_DATA).
    #[arg(long)]
    data: Option<std::path::PathBuf>,
}

fn rmse(m: &dyn RatingPredictor, s: &Split) -> f64 {
    let (mut se, mut n) = (0.0, 0.0);
    for e in s.test.iter() {
        let d = f64::from(m.predict(e.user, e.item) - e.rating);
        se += d * d;
        n += 1.0;
    }
    (se / n).sqrt()
}

#[path = "common/ml100k.rs"]
mod ml100k;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = Args::parse();
    let folds = ml100k::official_folds(args.data.as_deref())?;
    let init = if args.parallel_init {
        recsys::mf::InitStream::Parallel
    } else {
        recsys::mf::InitStream::Numpy
    };
    let visit = if args.index_order {
        recsys::mf::VisitOrder::Index
    } else {
        recsys::mf::VisitOrder::PopularFirst
    };
    for name in args.models.iter().map(String::as_str) {
        let mut per_seed = Vec::new();
        for seed in 0..args.seeds {
            let mut total = 0.0;
            for s in &folds {
                total += if name == "svd" {
                    rmse(
                        &recsys::mf::SvdParams::default()
                            .seed(seed)
                            .threads(args.threads)
                            .shuffle(args.shuffle)
                            .init_stream(init)
                            .visit_order(visit)
                            .fit(&s.train)?,
                        s,
                    )
                } else {
                    rmse(
                        &recsys::mf::SvdPpParams::default()
                            .seed(seed)
                            .shuffle(args.shuffle)
                            .init_stream(init)
                            .visit_order(visit)
                            .fit(&s.train)?,
                        s,
                    )
                };
            }
            per_seed.push(total / folds.len() as f64);
        }
        let mean = per_seed.iter().sum::<f64>() / per_seed.len() as f64;
        let shown: Vec<String> = per_seed.iter().map(|x| format!("{x:.4}")).collect();
        println!(
            "{name}: mean over seeds {mean:.4}; per seed {}",
            shown.join(" ")
        );
    }
    Ok(())
}
