//! Where the hybrid helps: the collaborative model, the content predictor and their blend by
//! item popularity, under a ratings holdout and under item cold start.
//!
//! ```text
//! cargo run --release --example hybrid_eval -- [--dataset ml-latest-small] [--fields seed|all]
//!   [--shrink 0.1,1] [--seed 0] [--data DIR]
//! ```
//! Prints one Markdown table per protocol with RMSE overall and for items with 0, 1–5, 6–20 and
//! 21+ training ratings (`compare --buckets 0,5,20` measures the same for any model list).

use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use clap::Parser;
use recsys::core::ModelSpec;
use recsys::data::{DataDir, Dataset};
use recsys::eval::protocol::{self, ProtocolConfig, ProtocolKind};
use recsys::eval::report::{self, ReportRow};
use recsys::eval::runner::{self, RunConfig};
use recsys::hybrid::hybrid::ContentKnnSpec;
use recsys::hybrid::{CatalogContent, ContentFields, ContentKnnParams, HybridParams, HybridSpec};

#[derive(Parser, Debug)]
#[command(about = "The hybrid against its parts, by item popularity")]
struct Args {
    /// ml-latest-small, ratings-small or ml-100k.
    #[arg(long, default_value = "ml-latest-small")]
    dataset: String,
    /// Document fields: `seed` (title + overview + tagline) or `all` (also genres, keywords).
    #[arg(long, default_value = "all")]
    fields: String,
    /// Shrinkage values of the content predictor to try (comma-separated).
    #[arg(long, value_delimiter = ',', default_value = "1")]
    shrink: Vec<f32>,
    /// Shrink item biases toward 0 instead of toward the content neighbours' mean bias.
    #[arg(long)]
    no_prior: bool,
    /// Seed of the splits.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Data folder (default: $RECSYS_DATA).
    #[arg(long)]
    data: Option<std::path::PathBuf>,
}

#[path = "common/exit.rs"]
mod exit;

fn main() -> ExitCode {
    exit::exit_code(run(Args::parse()))
}

fn run(args: Args) -> Result<(), Box<dyn std::error::Error>> {
    let ds = Dataset::from_name(&args.dataset)?;
    let dir = DataDir::resolve(args.data.as_deref())?;
    let fields = match args.fields.as_str() {
        "seed" => ContentFields::SEED,
        "all" => ContentFields::ALL,
        other => return Err(format!("--fields: `seed` or `all`, not `{other}`").into()),
    };
    let t = Instant::now();
    let (catalog, _) = recsys::data::catalog::load_catalog(&dir, ds)?;
    let content = Arc::new(CatalogContent::fit(
        &catalog,
        fields,
        recsys::models::CONTENT_NEIGHBOURS,
    )?);
    eprintln!(
        "content of {} movies ({}) in {:.2} s",
        content.len(),
        args.fields,
        t.elapsed().as_secs_f64()
    );
    let mut models: Vec<Box<dyn ModelSpec>> = vec![recsys::models::model("svdpp")?];
    for &shrink in &args.shrink {
        let knn = ContentKnnParams {
            shrink,
            content_prior: !args.no_prior,
            ..ContentKnnParams::default()
        };
        models.push(Box::new(ContentKnnSpec {
            content: Arc::clone(&content),
            params: knn.clone(),
        }));
        let cf: Arc<dyn ModelSpec> = Arc::from(recsys::models::model("svdpp")?);
        models.push(Box::new(HybridSpec::new(
            "hybrid",
            cf,
            Arc::clone(&content),
            HybridParams {
                knn,
                ..HybridParams::default()
            },
        )?));
    }
    let opts = RunConfig {
        seed: args.seed,
        item_buckets: vec![0, 5, 20],
        ..RunConfig::default()
    };
    for kind in [ProtocolKind::Holdout, ProtocolKind::ColdItems] {
        let cfg = ProtocolConfig {
            seed: args.seed,
            ..ProtocolConfig::new(kind)
        };
        let prepared = protocol::prepare(&dir, ds, &cfg)?;
        if let Some(fold) = prepared.folds.first() {
            let cf: Arc<dyn ModelSpec> = Arc::from(recsys::models::model("svdpp")?);
            for &shrink in &args.shrink {
                let spec = HybridSpec::new(
                    "hybrid",
                    Arc::clone(&cf),
                    Arc::clone(&content),
                    HybridParams {
                        knn: ContentKnnParams {
                            shrink,
                            content_prior: !args.no_prior,
                            ..ContentKnnParams::default()
                        },
                        ..HybridParams::default()
                    },
                )?;
                let (h, val) = spec
                    .fit_hybrid(&fold.split.train)
                    .map_err(|e| e.to_string())?;
                let (bi, bu) = h.betas();
                eprintln!(
                    "{}: shrink {shrink}: chosen beta_item {bi}, beta_user {bu}, cold floor {} (validation RMSE {val:.4})",
                    kind.name(),
                    h.cold_floor()
                );
            }
        }
        let t = Instant::now();
        let rows = runner::run(&prepared, &models, &opts, &mut |_| {})?;
        eprintln!("{}: {:.1} s", kind.name(), t.elapsed().as_secs_f64());
        print!("{}", table(&rows));
        println!();
    }
    Ok(())
}

/// The RMSE columns of `rows`, with the content predictor's shrinkage beside each model.
fn table(rows: &[ReportRow]) -> String {
    let cols = report::metric_columns(rows);
    let cols: Vec<&String> = cols
        .iter()
        .filter(|c| c.starts_with("rmse") || c.starts_with("ratings["))
        .collect();
    let mut s = String::from("| protocol | model | shrink |");
    for c in &cols {
        s.push_str(&format!(" {c} |"));
    }
    s.push('\n');
    s.push_str("|---|---|---:|");
    s.push_str(&"---:|".repeat(cols.len()));
    s.push('\n');
    for r in rows {
        let shrink = r
            .params
            .get("knn_shrink")
            .or_else(|| r.params.get("shrink"))
            .cloned()
            .unwrap_or_default();
        s.push_str(&format!("| {} | {} | {shrink} |", r.protocol, r.model));
        for c in &cols {
            match r.metrics.get(*c) {
                Some(v) if c.starts_with("ratings[") => s.push_str(&format!(" {v} |")),
                Some(v) => s.push_str(&format!(" {v:.4} |")),
                None => s.push_str(" – |"),
            }
        }
        s.push('\n');
    }
    s
}
