//! [`ListArgs`]: the options of the commands that answer with a re-ranked list of movies
//! (`similar`, `hybrid`).

/// How long the list is, how many candidates are re-ranked, and in what form it is printed.
#[derive(clap::Args, Debug, Clone)]
pub struct ListArgs {
    /// How many movies.
    #[arg(short = 'n', long = "top", default_value_t = 10)]
    pub n: usize,
    /// Candidates taken by content similarity before the re-ranking (by weighted rating for
    /// `similar`, by predicted rating for `hybrid`).
    #[arg(long, default_value_t = 30)]
    pub pool: usize,
    /// One JSON object instead of text.
    #[arg(long)]
    pub json: bool,
}
