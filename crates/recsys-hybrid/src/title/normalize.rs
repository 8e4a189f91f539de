//! The normalized form in which [`TitleIndex`](super::TitleIndex) compares titles and queries:
//! case and common Latin diacritics folded, punctuation dropped or spaced, articles moved.

/// Articles MovieLens moves to the end of a title (`"Name, The"`).
const TRAILING_ARTICLES: [&str; 12] = [
    "the", "a", "an", "les", "la", "le", "l'", "il", "das", "der", "die", "el",
];

/// Leading articles that are optional in a query.
const OPTIONAL_ARTICLES: [&str; 3] = ["the", "a", "an"];

/// `"Dark Knight, The"` → `"The Dark Knight"` (any case; also before an alternative title in
/// parentheses: `"Cité des enfants perdus, La (City of Lost Children)"`).
pub(super) fn move_article(title: &str) -> String {
    let t = title.trim();
    let (main, alt) = match t.find(" (") {
        Some(k) if k > 0 => t.split_at(k),
        _ => (t, ""),
    };
    if let Some((stem, art)) = main.rsplit_once(',') {
        let art = art.trim();
        if let Some(a) = TRAILING_ARTICLES
            .iter()
            .find(|a| a.eq_ignore_ascii_case(art))
        {
            let sep = if a.ends_with('\'') { "" } else { " " };
            return format!("{art}{sep}{}{alt}", stem.trim_end());
        }
    }
    t.to_string()
}

/// The key without a leading optional article (unless nothing would be left).
pub(super) fn strip_article(key: &str) -> &str {
    match key.split_once(' ') {
        Some((first, rest)) if OPTIONAL_ARTICLES.contains(&first) && !rest.is_empty() => rest,
        _ => key,
    }
}

/// Lowercase, diacritics folded, apostrophes dropped, `&` → `and`, other non-alphanumeric runs
/// one space, trimmed.
pub(super) fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        if matches!(c, '\'' | '’' | '‘' | '`' | '´') {
            continue;
        }
        if c == '&' {
            out.push_str(" and ");
        } else if let Some(f) = fold(c) {
            out.push_str(f);
        } else if c.is_alphanumeric() {
            out.push(c);
        } else {
            out.push(' ');
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// ASCII for the common lowercase Latin letters with diacritics (and ligatures).
fn fold(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ț' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ý' | 'ÿ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalization_by_hand() {
        assert_eq!(normalize("  Schindler's  List!"), "schindlers list");
        assert_eq!(normalize("WALL·E"), "wall e");
        assert_eq!(normalize("Æon Flux"), "aeon flux");
        assert_eq!(normalize("Secrets & Lies"), "secrets and lies");
        assert_eq!(normalize("?!"), "");
        assert_eq!(move_article("Dark Knight, The"), "The Dark Knight");
        assert_eq!(move_article("dark knight, the"), "the dark knight");
        assert_eq!(move_article("Misérables, Les"), "Les Misérables");
        assert_eq!(
            move_article("Cité des enfants perdus, La (City of Lost Children)"),
            "La Cité des enfants perdus (City of Lost Children)"
        );
        assert_eq!(move_article("Hello, World"), "Hello, World");
        assert_eq!(strip_article("the dark knight"), "dark knight");
        assert_eq!(strip_article("the"), "the");
    }
}
