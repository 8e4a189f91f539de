//! `recsys hybrid`: the seed's hybrid — for a user and a movie they liked, the content-similar
//! movies they have not rated, re-ranked by the user's predicted rating.

use std::path::PathBuf;

use recsys::core::traits::Fit;
use recsys::core::{CoreError, Interactions, RatingPredictor, RawId};
use recsys::data::Dataset;
use recsys::data::catalog::load_catalog;
use recsys::hybrid::{ContentRecommender, HybridError, seed_hybrid};

use crate::data_arg::{DataArg, parse_dataset};
use crate::error::{CliError, CliResult};
use crate::model_file::ModelFile;
use crate::output::print_ranked;
use crate::progress::with_spinner;
use crate::titles::{label, user_hint};

/// Arguments of `recsys hybrid`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The user's raw id.
    #[arg(long)]
    pub user: RawId,
    /// A movie the user liked, looked up forgivingly in the dataset's catalog.
    #[arg(long)]
    pub title: String,
    /// The ratings and catalog (default: the model file's dataset, else ml-latest-small).
    #[arg(long, value_parser = parse_dataset)]
    pub dataset: Option<Dataset>,
    /// A rating model written by `recsys fit` (default: SVD++ fitted now on the dataset).
    #[arg(long)]
    pub model: Option<PathBuf>,
    #[command(flatten)]
    pub list: crate::list_args::ListArgs,
    #[command(flatten)]
    pub data: DataArg,
}

/// The hybrid's list with any rating predictor over `train`'s index space.
fn hybrid_list(
    args: &Args,
    ds: Dataset,
    train: &Interactions,
    model: &dyn RatingPredictor,
) -> CliResult<Vec<recsys::hybrid::HybridItem>> {
    let dir = args.data.find(ds)?;
    let (catalog, rec) = with_spinner(format!("{ds}: TF-IDF over the catalog"), || {
        let (catalog, _) = load_catalog(&dir, ds)?;
        let rec = ContentRecommender::fit(&catalog)?;
        Ok::<_, CliError>((catalog, rec))
    })?;
    seed_hybrid(
        &rec,
        &catalog,
        train,
        model,
        args.user,
        &args.title,
        args.list.pool,
        args.list.n,
    )
    .map_err(|e| match e {
        HybridError::Core(CoreError::UnknownId { kind: "user", .. }) => {
            CliError::msg(format!("{e}{}", user_hint(train.users())))
        }
        e => e.into(),
    })
}

/// Runs `recsys hybrid`.
pub fn run(args: Args) -> CliResult<()> {
    let (items, ds, model_name) = match &args.model {
        Some(path) => {
            let file = ModelFile::load(path)?;
            let ds = match (args.dataset, &file.meta) {
                (Some(ds), _) => ds,
                (None, Some(m)) => Dataset::from_name(&m.dataset)?,
                (None, None) => Dataset::MlLatestSmall,
            };
            let train = match file.seen()? {
                Some(t) => t,
                None => args.data.find(ds)?.load_ratings(ds)?,
            };
            let predictor = file.model.as_rating_predictor().ok_or_else(|| {
                CliError::msg(format!(
                    "{}: the hybrid needs a rating model (baseline, svd, svdpp, ...)",
                    path.display()
                ))
            })?;
            let name = file
                .meta
                .as_ref()
                .map_or("model".into(), |m| m.model.clone());
            (hybrid_list(&args, ds, &train, predictor)?, ds, name)
        }
        None => {
            let ds = args.dataset.unwrap_or(Dataset::MlLatestSmall);
            let dir = args.data.find(ds)?;
            let train = with_spinner(format!("loading {ds}"), || dir.load_ratings(ds))?;
            let svdpp = with_spinner(format!("fitting SVD++ on {ds}"), || {
                recsys::mf::SvdPpParams::default().fit(&train)
            })?;
            (
                hybrid_list(&args, ds, &train, &svdpp)?,
                ds,
                "svdpp".to_string(),
            )
        }
    };
    let head = serde_json::json!({
        "user": args.user,
        "title": args.title,
        "dataset": ds.name(),
        "model": model_name,
    });
    print_ranked(args.list.json, head, &items, |x| {
        let movie = label(&x.title, x.year);
        format!(
            "{movie} — predicted {:.2}, similarity {:.3}",
            x.predicted, x.similarity
        )
    })
}
