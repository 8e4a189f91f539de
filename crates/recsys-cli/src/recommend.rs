//! `recsys recommend`: a saved model's top N for a user, as titles and scores; `--ratings`
//! folds in a user the model never saw.

use std::path::PathBuf;

use recsys::core::traits::{recommend_folded_raw, recommend_raw};
use recsys::core::{CandidateScorer, CoreError, Interactions, RawId, Recommender};
use recsys::data::Dataset;
use serde::Serialize;

use crate::data_arg::{DataArg, parse_dataset};
use crate::error::{CliError, CliResult};
use crate::model_file::ModelFile;
use crate::output::print_json;
use crate::titles;

/// Arguments of `recsys recommend`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// A model file written by `recsys fit` (or any model file, with --dataset).
    #[arg(long)]
    pub model: PathBuf,
    /// The user's raw id (as in the dataset's ratings file).
    #[arg(long, required_unless_present = "ratings", conflicts_with = "ratings")]
    pub user: Option<RawId>,
    /// A user the model never saw, by their ratings: `movie_id:rating,…` (e.g.
    /// `318:5,296:4.5`), folded into the model without refitting. Movies the model never saw
    /// are skipped and named on stderr.
    #[arg(long, value_parser = crate::ratings_arg::parse_ratings)]
    pub ratings: Option<crate::ratings_arg::Ratings>,
    /// How many movies.
    #[arg(short = 'n', long = "top", default_value_t = 10)]
    pub n: usize,
    /// One JSON object instead of text.
    #[arg(long)]
    pub json: bool,
    /// The dataset the model was fitted on, for a model file not written by `recsys fit`
    /// (its ratings and titles).
    #[arg(long, value_parser = parse_dataset)]
    pub dataset: Option<Dataset>,
    #[command(flatten)]
    pub data: DataArg,
}

/// Any [`CandidateScorer`] as a [`Recommender`] (the core's default ranking).
struct Ranked<'a>(&'a dyn CandidateScorer);

impl CandidateScorer for Ranked<'_> {
    fn n_items(&self) -> usize {
        self.0.n_items()
    }
    fn score(&self, user: u32, items: &[u32], out: &mut [f32]) {
        self.0.score(user, items, out)
    }
}

impl Recommender for Ranked<'_> {}

/// One recommended movie.
#[derive(Debug, Serialize)]
pub struct Item {
    /// 1-based rank.
    pub rank: usize,
    /// Raw item id.
    pub item: RawId,
    /// `Title (year)`, or `movie <id>` when unknown.
    pub title: String,
    /// The model's score (a predicted rating for rating models).
    pub score: f32,
}

/// The ratings and titles of a file not written by `recsys fit`, from `--dataset`: the
/// dataset's ratings must be the model's training data (same id maps).
fn from_dataset(file: &ModelFile, args: &Args) -> CliResult<(Interactions, Option<Vec<String>>)> {
    let Some(ds) = args.dataset.or_else(|| {
        let name = file.meta.as_ref()?.dataset.clone();
        Dataset::from_name(&name).ok()
    }) else {
        return Err(CliError::msg(format!(
            "{} was not written by `recsys fit`: pass --dataset, the dataset it was fitted on",
            args.model.display()
        )));
    };
    let dir = args.data.find(ds)?;
    let ratings = dir.load_ratings(ds)?;
    if ratings.users().raw_ids() != file.users.raw_ids()
        || ratings.items().raw_ids() != file.items.raw_ids()
    {
        return Err(CliError::msg(format!(
            "{} was not fitted on all of {ds}: its users or items differ",
            args.model.display()
        )));
    }
    let t = titles::item_titles(&dir, ds, ratings.items());
    Ok((ratings, t))
}

/// Runs `recsys recommend`.
pub fn run(args: Args) -> CliResult<()> {
    let file = ModelFile::load(&args.model)?;
    let Some(user) = args.user else {
        return folded(&file, &args);
    };
    let (seen, names) = match (file.has_seen(), args.dataset) {
        // the user's own row only; an unknown user is the core's error below
        (true, None) => (file.seen_of(user)?, file.titles()?),
        _ => from_dataset(&file, &args)?,
    };
    let scorer = file.model.as_scorer().ok_or_else(|| {
        CliError::msg(format!(
            "{}: this model does not rank items",
            args.model.display()
        ))
    })?;
    let list = recommend_raw(&Ranked(scorer), &seen, user, args.n).map_err(|e| match e {
        CoreError::UnknownId { .. } => {
            CliError::msg(format!("{e}{}", titles::user_hint(&file.users)))
        }
        e => e.into(),
    })?;
    let items = ranked_items(list, names.as_deref(), &file);
    if args.json {
        return print_json(&serde_json::json!({
            "user": user,
            "model": file.meta.as_ref().map(|m| m.model.clone()),
            "dataset": file.meta.as_ref().map(|m| m.dataset.clone()),
            "items": items,
        }));
    }
    print_items(&items);
    Ok(())
}

/// `--ratings`: the user folded into the model from their ratings, then ranked.
fn folded(file: &ModelFile, args: &Args) -> CliResult<()> {
    let history = args.ratings.as_ref().map_or(&[][..], |r| r.0.as_slice());
    let model = file.model.as_fold_in().ok_or_else(|| {
        let name = file
            .meta
            .as_ref()
            .map_or("this model", |m| m.model.as_str());
        CliError::msg(format!(
            "{name} cannot fold in a new user (every model of the registry can)"
        ))
    })?;
    let names = if file.has_seen() && args.dataset.is_none() {
        file.titles()?
    } else {
        from_dataset(file, args)?.1
    };
    let top = recommend_folded_raw(model, &file.items, history, args.n)?;
    if !top.skipped.is_empty() {
        let ids: Vec<String> = top.skipped.iter().map(u64::to_string).collect();
        eprintln!(
            "skipped {} movie(s) the model never saw: {}",
            ids.len(),
            ids.join(", ")
        );
    }
    let items = ranked_items(top.items, names.as_deref(), file);
    if args.json {
        return print_json(&serde_json::json!({
            "ratings": history.len(),
            "skipped": top.skipped,
            "model": file.meta.as_ref().map(|m| m.model.clone()),
            "dataset": file.meta.as_ref().map(|m| m.dataset.clone()),
            "items": items,
        }));
    }
    print_items(&items);
    Ok(())
}

/// A ranked list of raw ids with titles.
fn ranked_items(list: Vec<(RawId, f32)>, names: Option<&[String]>, file: &ModelFile) -> Vec<Item> {
    list.into_iter()
        .enumerate()
        .map(|(k, (item, score))| Item {
            rank: k + 1,
            item,
            title: titles::title_of(names, &file.items, item),
            score,
        })
        .collect()
}

/// The text form: numbered titles with scores.
fn print_items(items: &[Item]) {
    for it in items {
        println!("{:>3}. {} — score {:.3}", it.rank, it.title, it.score);
    }
}
