//! `--ratings "id:stars,…"`: the history of a user the model never saw, for `recommend`.

use recsys::core::RawId;

/// A user's ratings as given on the command line: `(raw item id, value)`, in the order given.
#[derive(Debug, Clone, PartialEq)]
pub struct Ratings(pub Vec<(RawId, f32)>);

/// Parses `"318:5,296:4.5"` into `(raw item id, value)` pairs, in the order given. Spaces
/// around tokens are ignored; an empty list, a token without `:`, an id that is not a
/// non-negative integer, a value that is not a finite number, or an item given twice is an
/// error (clap reports it as bad usage, exit code 2).
pub fn parse_ratings(s: &str) -> Result<Ratings, String> {
    let mut out: Vec<(RawId, f32)> = Vec::new();
    for token in s.split(',').map(str::trim).filter(|t| !t.is_empty()) {
        let (id, value) = token
            .split_once(':')
            .ok_or_else(|| format!("`{token}`: expected movie_id:rating, e.g. 318:5"))?;
        let id: RawId = id
            .trim()
            .parse()
            .map_err(|_| format!("`{token}`: `{}` is not a movie id", id.trim()))?;
        let value: f32 = value
            .trim()
            .parse()
            .ok()
            .filter(|v: &f32| v.is_finite())
            .ok_or_else(|| format!("`{token}`: `{}` is not a rating", value.trim()))?;
        if out.iter().any(|&(i, _)| i == id) {
            return Err(format!("movie {id} is rated twice"));
        }
        out.push((id, value));
    }
    if out.is_empty() {
        return Err("no ratings: give movie_id:rating pairs, e.g. 318:5,296:4.5".into());
    }
    Ok(Ratings(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_and_bad_tokens() {
        assert_eq!(
            parse_ratings("318:5, 296:4.5").unwrap().0,
            vec![(318, 5.0), (296, 4.5)]
        );
        for bad in [
            "",
            "318",
            "x:5",
            "318:five",
            "318:NaN",
            "-1:3",
            "318:5,318:4",
        ] {
            assert!(parse_ratings(bad).is_err(), "{bad}");
        }
    }
}
