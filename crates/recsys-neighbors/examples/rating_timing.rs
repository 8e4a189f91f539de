//! `knn-baseline` (item-based pearson_baseline, Surprise's defaults) timed through the
//! evaluation runner, as `compare` times it: per repeat, the mean over folds of the fit seconds
//! and of the evaluation seconds (the prediction of the test fold and its metrics), and the RMSE.
//! Surprise's side is `benches/peers/surprise_knn_timing.py`.
//!
//! ```text
//! RECSYS_DATA=/work/shared/data cargo run --release -p recsys-neighbors --example rating_timing \
//!   -- [ml-100k | ratings-small TEST_FILE] [--repeats 3]
//! ```

use recsys_core::ModelSpec;
use recsys_data::DataDir;
use recsys_eval::protocol;
use recsys_eval::runner::{self, RunConfig};
use recsys_neighbors::rating::KnnBaselineParams;

#[path = "common/dataset_arg.rs"]
mod dataset_arg;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

fn main() -> Result<(), BoxError> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let repeats: usize = args
        .iter()
        .position(|a| a == "--repeats")
        .and_then(|p| args.get(p + 1))
        .map_or(Ok(3), |v| v.parse())?;
    let (ds, cfg) = dataset_arg::dataset_and_protocol(&args)?;
    let prepared = protocol::prepare(&DataDir::resolve(None)?, ds, &cfg)?;
    let spec: Vec<Box<dyn ModelSpec>> = vec![Box::new(KnnBaselineParams::item_pearson_baseline())];
    println!(
        "{ds} / {}: knn-baseline, {} fold(s), {} thread(s)",
        cfg.kind.name(),
        prepared.folds.len(),
        rayon::current_num_threads()
    );
    for rep in 0..repeats {
        let rows = runner::run(&prepared, &spec, &RunConfig::default(), &mut |_| {})?;
        let r = &rows[0];
        println!(
            "repeat {rep}: rmse {:.4} fit {:.4} s eval {:.4} s fit+eval {:.4} s (per fold)",
            r.metrics["rmse"],
            r.fit_seconds,
            r.eval_seconds,
            r.fit_seconds + r.eval_seconds
        );
    }
    Ok(())
}
