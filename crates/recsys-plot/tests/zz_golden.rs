//! TEMPORARY golden-picture harness (removed after the refactor).
#![allow(missing_docs, clippy::unwrap_used)]
use recsys_core::{DuplicatePolicy, InteractionsBuilder};
use recsys_plot::*;
use std::path::PathBuf;

type Spec = Chart;

#[test]
fn golden() {
    let Ok(out) = std::env::var("GOLDEN_OUT") else { return };
    let out = PathBuf::from(out);
    let p = |s: &str| out.join(s);
    let spec = |w, h| Spec::new("golden chart").labels("x axis", "y axis").size(w, h);
    for (w, h) in [(900, 540), (400, 300), (200, 150)] {
        let tag = format!("{w}x{h}");
        let bars: Vec<(String, f64)> = (1..=10).map(|r| (format!("{}", r as f64 / 2.0), r as f64 * 1234.0)).collect();
        bar_chart(&p(&format!("bv-{tag}")), &spec(w, h), &bars, Orientation::Vertical).unwrap();
        bar_chart(&p(&format!("bh-{tag}")), &spec(w, h), &bars, Orientation::Horizontal).unwrap();
        let many: Vec<(String, f64)> = (0..80).map(|r| (format!("category {r}"), (r as f64 - 20.0) * 0.37)).collect();
        bar_chart(&p(&format!("bmv-{tag}")), &spec(w, h), &many, Orientation::Vertical).unwrap();
        bar_chart(&p(&format!("bmh-{tag}")), &spec(w, h), &many, Orientation::Horizontal).unwrap();
        let cats: Vec<String> = ["Drama", "Comedy", "Science Fiction", "Horror", "Documentary"].iter().map(|s| s.to_string()).collect();
        let series = vec![
            ("movies".to_string(), vec![0.4, 0.3, 0.1, 0.15, 0.05]),
            ("ratings".to_string(), vec![0.35, f64::NAN, 0.2, 0.1, 0.2]),
            ("".to_string(), vec![0.1, 0.2, 0.3, -0.1, 0.0]),
        ];
        for (o, n) in [(Orientation::Vertical, "v"), (Orientation::Horizontal, "h")] {
            grouped_bars(&p(&format!("g{n}-{tag}")), &spec(w, h), &cats, &series, o).unwrap();
            grouped_bars(&p(&format!("g1{n}-{tag}")), &spec(w, h), &cats, &series[..1], o).unwrap();
        }
        let v: Vec<f64> = (0..500).map(|i| (i % 97) as f64 / 9.7).collect();
        histogram(&p(&format!("h-{tag}")), &spec(w, h), &v, 20, Some((0.0, 10.0))).unwrap();
        histogram(&p(&format!("h2-{tag}")), &spec(w, h), &v, 7, None).unwrap();
        let s = vec![
            Series::new("svd", (1..=20).map(|e| (e as f64, 1.0 / e as f64)).collect()),
            Series::new("als", vec![(1.0, 0.9), (2.0, f64::NAN), (3.0, 0.5)]),
            Series::new("", (1..=100).map(|e| (e as f64 * 0.2, (e as f64).sin())).collect()),
        ];
        line_chart(&p(&format!("l-{tag}")), &spec(w, h), &s).unwrap();
        line_chart(&p(&format!("l0-{tag}")), &spec(w, h), &s[2..]).unwrap();
        let cloud = vec![Series::new("", (0..300).map(|i| (i as f64 * 1e6, (i as f64 - 100.0) * 3e6)).collect())];
        scatter(&p(&format!("s-{tag}")), &spec(w, h), &cloud).unwrap();
        scatter(&p(&format!("s2-{tag}")), &spec(w, h), &s).unwrap();
        let bars = Series::new("movies", (1990..2000).map(|y| (y as f64, 10.0 + y as f64 % 7.0)).collect());
        let line = Series::new("profit", (1990..2000).map(|y| (y as f64, (y as f64 - 1994.5) * 1.0e9)).collect());
        bars_and_line(&p(&format!("bl-{tag}")), &spec(w, h), &bars, &line, "profit").unwrap();
        let nb = Series::new("", (1990..2000).map(|y| (y as f64, -(y as f64 % 5.0))).collect());
        let nl = Series::new("", vec![(1990.0, 3.0)]);
        bars_and_line(&p(&format!("bl2-{tag}")), &spec(w, h), &nb, &nl, "").unwrap();
        bars_and_line(&p(&format!("bl3-{tag}")), &spec(w, h), &nb, &line, "y2").unwrap();
        let items: Vec<Interval> = (0..11).map(|k| Interval {
            label: format!("model-{k}"),
            value: 0.9 + k as f64 * 0.003,
            lo: if k % 3 == 0 { f64::NAN } else { 0.89 + k as f64 * 0.003 },
            hi: 0.905 + k as f64 * 0.003,
        }).collect();
        intervals(&p(&format!("i-{tag}")), &spec(w, h), &items).unwrap();
        intervals(&p(&format!("i1-{tag}")), &spec(w, h), &items[..1]).unwrap();
        let mut b = InteractionsBuilder::new();
        for u in 0..200u64 {
            for i in 0..(u % 40 + 1) {
                b.push(u, (i * 7 + u) % 150, 3.0, None).unwrap();
            }
        }
        let m = b.build(DuplicatePolicy::KeepLast).unwrap();
        let g = DensityGrid::of(&m, 50, 60).unwrap();
        sparsity(&p(&format!("d-{tag}")), &spec(w, h), &g).unwrap();
        let mut b = InteractionsBuilder::new();
        b.push(1, 1, 1.0, None).unwrap();
        let g = DensityGrid::of(&b.build(DuplicatePolicy::KeepLast).unwrap(), 5, 5).unwrap();
        sparsity(&p(&format!("d1-{tag}")), &spec(w, h), &g).unwrap();
    }
}
