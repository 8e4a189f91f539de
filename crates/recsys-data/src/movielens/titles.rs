//! MovieLens titles: the trailing `(YYYY)` and the display form with its article in front.

/// Splits `"Title (1995)"` into `("Title", Some(1995))`; titles without a trailing year are
/// returned whole.
pub fn split_title_year(title: &str) -> (&str, Option<u16>) {
    let t = title.trim_end();
    if let Some(open) = t.rfind('(') {
        let inner = &t[open + 1..];
        if let Some(y) = inner.strip_suffix(')')
            && y.len() == 4
            && y.bytes().all(|b| b.is_ascii_digit())
        {
            return (t[..open].trim_end(), y.parse().ok());
        }
    }
    (t, None)
}

/// The display form of a MovieLens title (see [`Movie::display_title`](super::Movie::display_title)).
pub fn display_title(title: &str) -> String {
    let (t, _) = split_title_year(title);
    // "Name, The" / "Name, A" / "Name, An" (also before an alternative title in parentheses).
    let (main, alt) = match t.find(" (") {
        Some(k) => (&t[..k], &t[k..]),
        None => (t, ""),
    };
    for art in [
        "The", "A", "An", "Les", "La", "Le", "L'", "Il", "Das", "Der", "Die", "El",
    ] {
        let suffix = format!(", {art}");
        if let Some(stem) = main.strip_suffix(&suffix) {
            let sep = if art.ends_with('\'') { "" } else { " " };
            return format!("{art}{sep}{stem}{alt}");
        }
    }
    t.to_string()
}
