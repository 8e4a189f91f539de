//! Every chart kind: the files it writes, and the inputs it refuses.

use recsys_core::{DuplicatePolicy, InteractionsBuilder};
use recsys_plot::*;

fn check(files: &Files) {
    let png = std::fs::read(&files.png).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "{}", files.png.display());
    let svg = std::fs::read_to_string(&files.svg).unwrap();
    assert!(svg.contains("<svg") && svg.trim_end().ends_with("</svg>"));
}

/// A refusal because nothing (finite) is left to draw.
fn is_empty(r: Result<Files, PlotError>) -> bool {
    matches!(r, Err(PlotError::Empty(_)))
}

/// A refusal of inconsistent input.
fn is_invalid(r: Result<Files, PlotError>) -> bool {
    matches!(r, Err(PlotError::Invalid(_)))
}

fn spec() -> ChartSpec {
    ChartSpec::new("test chart").labels("x", "y").size(400, 300)
}

#[test]
fn bar_charts_both_ways() {
    let d = tempfile::tempdir().unwrap();
    let bars: Vec<(String, f64)> = (1..=5).map(|r| (r.to_string(), r as f64 * 10.0)).collect();
    for (o, name) in [(Orientation::Vertical, "v"), (Orientation::Horizontal, "h")] {
        let f = bar_chart(&d.path().join(name), &spec(), &bars, o).unwrap();
        assert_eq!(f.png, d.path().join(format!("{name}.png")));
        check(&f);
    }
    let cats: Vec<String> = vec!["Drama".into(), "Comedy".into()];
    let series = vec![
        ("movies".to_string(), vec![0.4, 0.3]),
        ("ratings".to_string(), vec![0.35, f64::NAN]),
    ];
    let f = grouped_bars(
        &d.path().join("sub/g"),
        &spec(),
        &cats,
        &series,
        Orientation::Horizontal,
    )
    .unwrap();
    check(&f);
    assert!(is_empty(bar_chart(
        &d.path().join("e"),
        &spec(),
        &[],
        Orientation::Vertical
    )));
    assert!(is_empty(bar_chart(
        &d.path().join("n"),
        &spec(),
        &[("a".into(), f64::NAN)],
        Orientation::Vertical
    )));
    assert!(is_invalid(grouped_bars(
        &d.path().join("x"),
        &spec(),
        &cats,
        &[("a".into(), vec![1.0])],
        Orientation::Vertical
    )));
    assert!(!d.path().join("e.png").exists());
}

#[test]
fn histogram_bins_and_draws() {
    let (edges, counts) = bin(&[0.0, 0.5, 1.0, 2.0, f64::NAN], 2, None).unwrap();
    assert_eq!(edges, vec![0.0, 1.0, 2.0]);
    assert_eq!(counts, vec![2, 2]);
    assert_eq!(bin(&[3.0, 3.0], 4, None).unwrap().1.iter().sum::<u64>(), 2);
    assert!(bin(&[f64::NAN], 3, None).is_none());
    assert!(bin(&[1.0], 0, None).is_none());
    let d = tempfile::tempdir().unwrap();
    let v: Vec<f64> = (0..500).map(|i| (i % 97) as f64 / 9.7).collect();
    check(&histogram(&d.path().join("h"), &spec(), &v, 20, Some((0.0, 10.0))).unwrap());
    assert!(is_empty(histogram(
        &d.path().join("e"),
        &spec(),
        &[],
        10,
        None
    )));
}

#[test]
fn lines_scatter_and_two_axes() {
    let d = tempfile::tempdir().unwrap();
    let s = vec![
        Series::new(
            "svd",
            (1..=20).map(|e| (e as f64, 1.0 / e as f64)).collect(),
        ),
        Series::new("als", vec![(1.0, 0.9), (2.0, f64::NAN), (3.0, 0.5)]),
    ];
    check(&line_chart(&d.path().join("l"), &spec(), &s).unwrap());
    let cloud = vec![Series::new(
        "",
        (0..300)
            .map(|i| (i as f64 * 1e6, (i as f64 - 100.0) * 3e6))
            .collect(),
    )];
    check(&scatter(&d.path().join("s"), &spec(), &cloud).unwrap());
    let bars = Series::new("movies", (1990..2000).map(|y| (y as f64, 10.0)).collect());
    let line = Series::new("profit", (1990..2000).map(|y| (y as f64, -2.0e9)).collect());
    check(&bars_and_line(&d.path().join("b"), &spec(), &bars, &line, "profit").unwrap());
    let empty = vec![Series::new("x", vec![(f64::NAN, 1.0)])];
    assert!(is_empty(line_chart(&d.path().join("e"), &spec(), &empty)));
    assert!(is_empty(scatter(&d.path().join("e"), &spec(), &[])));
    assert!(is_empty(bars_and_line(
        &d.path().join("e"),
        &spec(),
        &bars,
        &Series::new("", vec![]),
        ""
    )));
}

#[test]
fn intervals_draw_and_reject_empty() {
    let d = tempfile::tempdir().unwrap();
    let items = vec![
        Interval {
            label: "baseline".into(),
            value: 0.9457,
            lo: 0.94,
            hi: 0.951,
        },
        Interval {
            label: "popularity".into(),
            value: 0.93,
            lo: f64::NAN,
            hi: f64::NAN,
        },
    ];
    check(&intervals(&d.path().join("i"), &spec(), &items).unwrap());
    let nan = vec![Interval {
        label: "x".into(),
        value: f64::NAN,
        lo: 0.0,
        hi: 1.0,
    }];
    assert!(is_empty(intervals(&d.path().join("e"), &spec(), &nan)));
    assert!(is_empty(intervals(&d.path().join("e"), &spec(), &[])));
}

#[test]
fn density_grid_and_picture() {
    let mut b = InteractionsBuilder::new();
    for u in 0..50u64 {
        for i in 0..(u % 20 + 1) {
            b.push(u, i * 3 % 40, 3.0, None).unwrap();
        }
    }
    let m = b.build(DuplicatePolicy::KeepLast).unwrap();
    let g = DensityGrid::of(&m, 10, 8).unwrap();
    assert_eq!((g.rows, g.cols), (10, 8));
    assert_eq!(g.ratings, m.nnz());
    assert!(g.cells.iter().all(|d| (0.0..=1.0).contains(d)));
    // the most active users and most rated items are in the top-left cell
    assert!(g.cells[0] >= g.cells[g.cells.len() - 1]);
    let d = tempfile::tempdir().unwrap();
    check(&sparsity(&d.path().join("d"), &spec().size(500, 400), &g).unwrap());
    let empty = DensityGrid {
        rows: 0,
        cols: 0,
        users: 0,
        items: 0,
        ratings: 0,
        density: 0.0,
        cells: vec![],
    };
    assert!(is_empty(sparsity(&d.path().join("e"), &spec(), &empty)));
    assert!(
        DensityGrid::of(
            &InteractionsBuilder::new()
                .build(DuplicatePolicy::KeepLast)
                .unwrap(),
            5,
            5
        )
        .is_none()
    );
}

#[test]
fn bad_size_is_an_error() {
    let d = tempfile::tempdir().unwrap();
    let r = bar_chart(
        &d.path().join("x"),
        &spec().size(10, 10),
        &[("a".into(), 1.0)],
        Orientation::Vertical,
    );
    assert!(is_invalid(r));
    // the smallest accepted size draws every kind of chart
    let small = ChartSpec::new("a long title that does not fit in a small chart").size(200, 150);
    let p = |s: &str| d.path().join(s);
    let s = vec![Series::new("s", vec![(0.0, 1.0), (1.0, 2.0)])];
    check(
        &bar_chart(
            &p("a"),
            &small,
            &[("a".into(), 1.0)],
            Orientation::Horizontal,
        )
        .unwrap(),
    );
    check(&histogram(&p("b"), &small, &[1.0, 2.0], 3, None).unwrap());
    check(&line_chart(&p("c"), &small, &s).unwrap());
    check(&bars_and_line(&p("d"), &small, &s[0], &s[0], "y2").unwrap());
    let iv = Interval {
        label: "m".into(),
        value: 1.0,
        lo: 1.0,
        hi: 1.0,
    };
    check(&intervals(&p("e"), &small, &[iv]).unwrap());
    let mut b = InteractionsBuilder::new();
    b.push(1, 1, 1.0, None).unwrap();
    let g = DensityGrid::of(&b.build(DuplicatePolicy::KeepLast).unwrap(), 5, 5).unwrap();
    assert_eq!(g.cells, vec![1.0]);
    check(&sparsity(&p("f"), &small, &g).unwrap());
}

#[test]
fn comparison_draws_the_paired_differences_from_the_baseline() {
    use recsys_plot::{ModelResult, comparison_charts};
    use std::collections::BTreeMap;
    let dir = tempfile::tempdir().unwrap();
    let svd = BTreeMap::from([("rmse".to_string(), 0.94)]);
    let svd_ci = BTreeMap::from([("rmse".to_string(), (0.93, 0.95))]);
    let pp = BTreeMap::from([
        ("rmse".to_string(), 0.92),
        ("Δ rmse vs svd".to_string(), -0.02),
        ("p Δ rmse vs svd".to_string(), 0.001),
    ]);
    let pp_ci = BTreeMap::from([
        ("rmse".to_string(), (0.91, 0.93)),
        ("Δ rmse vs svd".to_string(), (-0.025, -0.015)),
    ]);
    let rows = [
        ModelResult {
            label: "svd",
            metrics: &svd,
            ci95: &svd_ci,
            learning_curve: &[],
        },
        ModelResult {
            label: "svdpp",
            metrics: &pp,
            ci95: &pp_ci,
            learning_curve: &[],
        },
    ];
    let stems = comparison_charts(dir.path(), "x-", "ml-100k / u1", &rows).unwrap();
    assert_eq!(
        stems,
        [
            dir.path().join("x-metric-rmse"),
            dir.path().join("x-delta-rmse")
        ]
    );
    for stem in &stems {
        for ext in ["png", "svg"] {
            let f = stem.with_extension(ext);
            assert!(std::fs::metadata(&f).unwrap().len() > 1000, "{f:?}");
        }
    }
    let svg = std::fs::read_to_string(dir.path().join("x-delta-rmse.svg")).unwrap();
    assert!(
        svg.contains("RMSE minus svd") && svg.contains("-0.0200"),
        "labels drawn"
    );
    // without a baseline there is no delta chart
    let stems = comparison_charts(dir.path(), "y-", "ml-100k / u1", &rows[..1]).unwrap();
    assert_eq!(stems, [dir.path().join("y-metric-rmse")]);
}
