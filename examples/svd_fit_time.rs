//! SVD's fit time per ml-100k official fold for each initialization and visiting order: what
//! numpy's initial stream and popular-first order cost against the parallel initialization and
//! item-index order. Three passes over the five folds; each line gives the five fits of a pass.
//!
//! `RECSYS_DATA=../shared/data cargo run --release --example svd_fit_time -- [--threads 0]`

use std::time::Instant;

use clap::Parser;
use recsys::core::traits::Fit;
use recsys::mf::{InitStream, SvdParams, VisitOrder};

#[derive(Parser)]
struct Args {
    /// SVD's threads (0 = rayon's pool).
    #[arg(long, default_value_t = 0)]
    threads: usize,
    /// Passes over the five folds.
    #[arg(long, default_value_t = 3)]
    passes: usize,
    /// Data folder (default: $RECSYS_DATA).
    #[arg(long)]
    data: Option<std::path::PathBuf>,
}

#[path = "common/ml100k.rs"]
mod ml100k;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = Args::parse();
    let folds = ml100k::official_folds(args.data.as_deref())?;
    for (init, order) in [
        (InitStream::Numpy, VisitOrder::PopularFirst),
        (InitStream::Numpy, VisitOrder::Index),
        (InitStream::Parallel, VisitOrder::PopularFirst),
        (InitStream::Parallel, VisitOrder::Index),
    ] {
        for pass in 0..args.passes {
            let mut ms = Vec::with_capacity(folds.len());
            for s in &folds {
                let t = Instant::now();
                SvdParams::default()
                    .init_stream(init)
                    .visit_order(order)
                    .threads(args.threads)
                    .fit(&s.train)?;
                ms.push(t.elapsed().as_secs_f64() * 1e3);
            }
            let shown: Vec<String> = ms.iter().map(|x| format!("{x:.1}")).collect();
            println!(
                "{init:?} {order:?} pass {pass}: {} ms, mean {:.1} ms",
                shown.join(" "),
                ms.iter().sum::<f64>() / ms.len() as f64
            );
        }
    }
    Ok(())
}
