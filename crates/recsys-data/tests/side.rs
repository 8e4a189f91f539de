//! ml-100k's user and movie columns as side features (`recsys_data::side`), on a three-user,
//! three-movie folder whose columns are worked out by hand.

use approx::assert_relative_eq;
use recsys_core::side::SideFeatures;
use recsys_data::DataDir;
use recsys_data::side::ml100k_side_features;

/// (group name, column, value) of `id`'s row, sorted.
fn row(s: &SideFeatures, id: u64) -> Vec<(String, usize, f32)> {
    let mut r: Vec<_> = s
        .row(id)
        .iter()
        .map(|v| (s.groups()[v.group].name.clone(), v.column, v.value))
        .collect();
    r.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
    r
}

/// A `u.item` line with the genre flags at `genres` (indices of `ML100K_GENRES`).
fn item(id: u32, title: &str, date: &str, genres: &[usize]) -> String {
    let flags: Vec<&str> = (0..19)
        .map(|g| if genres.contains(&g) { "1" } else { "0" })
        .collect();
    format!("{id}|{title}|{date}||http://x|{}\n", flags.join("|"))
}

#[test]
fn ml100k_columns_become_groups_by_raw_id() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path().join("ml-100k");
    std::fs::create_dir_all(&root).unwrap();
    std::fs::write(
        root.join("u.user"),
        "1|17|M|student|55105\n2|24|F|engineer|94043\n3|56|M|student|10001\n",
    )
    .unwrap();
    let items = [
        item(1, "Toy Story (1995)", "01-Jan-1995", &[3, 4, 5]),
        item(2, "unknown", "", &[]),
        item(3, "Heat (1995)", "15-Dec-1995", &[1, 6, 16]),
    ];
    std::fs::write(root.join("u.item"), items.concat()).unwrap();
    let (users, movies) = ml100k_side_features(&DataDir::new(d.path())).unwrap();

    let names = |s: &SideFeatures| -> Vec<(String, usize)> {
        s.groups()
            .iter()
            .map(|g| (g.name.clone(), g.size))
            .collect()
    };
    let own = |v: &[(&str, usize)]| -> Vec<(String, usize)> {
        v.iter().map(|&(n, k)| (n.to_string(), k)).collect()
    };
    // 7 age bins; genders F, M; occupations engineer, student; zip starts 1, 5, 9
    assert_eq!(
        names(&users),
        own(&[("age", 7), ("gender", 2), ("occupation", 2), ("zip", 3)])
    );
    let one = |g: &str, c| (g.to_string(), c, 1.0f32);
    // 17 is below the first bound (18): bin 0; 56 is at the last: bin 6
    assert_eq!(
        row(&users, 1),
        [
            one("age", 0),
            one("gender", 1),
            one("occupation", 1),
            one("zip", 1)
        ]
    );
    assert_eq!(
        row(&users, 2),
        [
            one("age", 1),
            one("gender", 0),
            one("occupation", 0),
            one("zip", 2)
        ]
    );
    assert_eq!(row(&users, 3)[0], one("age", 6));

    // decades "199" and "none"; genres Action, Animation, Children's, Comedy, Crime, Thriller
    assert_eq!(names(&movies), own(&[("year", 2), ("genre", 6)]));
    let toy = row(&movies, 1);
    let cols: Vec<(&str, usize)> = toy.iter().map(|(g, c, _)| (g.as_str(), *c)).collect();
    assert_eq!(
        cols,
        [("genre", 1), ("genre", 2), ("genre", 3), ("year", 0)]
    );
    for (_, _, v) in &toy[..3] {
        assert_relative_eq!(*v, 1.0 / 3f32.sqrt(), epsilon = 1e-7);
    }
    // no date, no genre: only the "none" decade
    assert_eq!(row(&movies, 2), [one("year", 1)]);
    let heat: Vec<usize> = row(&movies, 3).iter().map(|(_, c, _)| *c).collect();
    assert_eq!(heat, [0, 4, 5, 0]);
    assert!(row(&movies, 4).is_empty());
}

#[test]
fn a_missing_folder_is_an_error_naming_it() {
    let d = tempfile::tempdir().unwrap();
    let e = ml100k_side_features(&DataDir::new(d.path())).unwrap_err();
    assert!(e.to_string().contains("ml-100k"), "{e}");
}
