//! `recsys similar`: the content-based list for a title (TF-IDF neighbours re-ranked by the
//! weighted rating, as the seed did).

use recsys::data::catalog::load_catalog;
use recsys::data::search;
use recsys::data::{DataDir, Dataset};
use recsys::hybrid::{ContentItem, ContentParams, ContentRecommender};

use crate::data_arg::{DataArg, parse_dataset};
use crate::error::CliResult;
use crate::output::print_ranked;
use crate::progress::with_spinner;
use crate::titles::label;

/// Arguments of `recsys similar`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// A movie title, looked up forgivingly (`"dark knight"`, `"Heat 1995"`); an unknown title
    /// gets the closest titles as suggestions.
    #[arg(long)]
    pub title: String,
    /// The catalog: tmdb-5000 (the default when present), or a MovieLens dataset
    /// (ml-latest-small, the default otherwise, fetched on first use).
    #[arg(long, value_parser = parse_dataset)]
    pub dataset: Option<Dataset>,
    #[command(flatten)]
    pub list: crate::list_args::ListArgs,
    #[command(flatten)]
    pub data: DataArg,
}

/// The catalog to use: `--dataset`, else TMDB 5000 where a data folder has it, else
/// ml-latest-small.
pub fn catalog_dataset(data: &DataArg, ds: Option<Dataset>) -> CliResult<(DataDir, Dataset)> {
    let ds = match ds {
        Some(ds) => ds,
        None if search::find(data.data.as_deref(), Dataset::Tmdb5000).is_some() => {
            Dataset::Tmdb5000
        }
        None => Dataset::MlLatestSmall,
    };
    Ok((data.find(ds)?, ds))
}

/// Runs `recsys similar`.
pub fn run(args: Args) -> CliResult<()> {
    let (dir, ds) = catalog_dataset(&args.data, args.dataset)?;
    let (catalog, rec) = with_spinner(format!("{ds}: TF-IDF over the catalog"), || {
        let (catalog, _) = load_catalog(&dir, ds)?;
        let rec = ContentRecommender::fit(&catalog)?;
        Ok::<_, crate::error::CliError>((catalog, rec))
    })?;
    let params = ContentParams {
        pool: args.list.pool,
        top: args.list.n,
        ..ContentParams::default()
    };
    let items: Vec<ContentItem> = rec.similar(&catalog, &args.title, &params)?;
    let head = serde_json::json!({ "title": args.title, "catalog": ds.name() });
    print_ranked(args.list.json, head, &items, |x| {
        let wr = x.wr.map_or("–".to_string(), |w| format!("{w:.2}"));
        let movie = label(&x.title, x.year);
        format!("{movie} — similarity {:.3}, WR {wr}", x.similarity)
    })
}
