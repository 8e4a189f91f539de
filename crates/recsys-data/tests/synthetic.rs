//! The synthetic ratings generator: exact counts, no duplicates, determinism, power-law shape,
//! ratings and timestamps in range, learnable structure, parameter errors, and a timing at
//! scale (`--ignored`, release).

mod common;

use std::collections::HashSet;

use common::raw_pairs;
use recsys_core::{CoreError, Interactions};
use recsys_data::DataError;
use recsys_data::synthetic::{SyntheticConfig, TIME_END, TIME_START};

fn cfg(users: u32, items: u32, ratings: u64, seed: u64) -> SyntheticConfig {
    SyntheticConfig {
        users,
        items,
        ratings,
        seed,
        ..SyntheticConfig::default()
    }
}

/// The ratings of `base` with the fields `edit` changes.
fn generate_with(base: SyntheticConfig, edit: impl FnOnce(&mut SyntheticConfig)) -> Interactions {
    let mut c = base;
    edit(&mut c);
    c.generate().unwrap()
}

/// Share of all ratings held by the top `frac` of `counts`.
fn top_share(mut counts: Vec<u32>, frac: f64) -> f64 {
    counts.sort_unstable_by(|a, b| b.cmp(a));
    let k = ((counts.len() as f64 * frac).ceil() as usize).max(1);
    let total: u64 = counts.iter().map(|&c| u64::from(c)).sum();
    counts[..k].iter().map(|&c| u64::from(c)).sum::<u64>() as f64 / total as f64
}

#[test]
fn exact_count_without_duplicates() {
    for (users, items, ratings) in [
        (2_000, 1_000, 100_000),
        (100, 50, 30),   // fewer ratings than users: some users get none
        (5, 7, 35),      // the complete matrix
        (50, 40, 1_999), // dense: heavy users go through the tree sampler
        (1, 1, 1),
        (300, 20_000, 4_000),
    ] {
        let c = cfg(users, items, ratings, 3);
        let pairs: Vec<(u64, u64)> = c.stream().unwrap().map(|r| (r.user, r.item)).collect();
        assert_eq!(pairs.len() as u64, ratings, "{users}×{items}");
        let distinct: HashSet<_> = pairs.iter().collect();
        assert_eq!(distinct.len(), pairs.len(), "duplicates in {users}×{items}");
        assert!(
            pairs
                .iter()
                .all(|&(u, i)| (1..=u64::from(users)).contains(&u)
                    && (1..=u64::from(items)).contains(&i))
        );
        let m = c.generate().unwrap();
        assert_eq!(m.nnz() as u64, ratings);
        assert_eq!(m.duplicates_merged(), 0);
        if ratings >= u64::from(users) {
            assert_eq!(m.n_users(), users as usize, "every user rates something");
        }
    }
}

#[test]
fn the_stream_knows_its_length() {
    let c = cfg(300, 200, 10_000, 1);
    let mut s = c.stream().unwrap();
    assert_eq!(s.size_hint(), (10_000, Some(10_000)));
    assert_eq!(
        s.user_degrees().iter().map(|&d| u64::from(d)).sum::<u64>(),
        10_000
    );
    s.by_ref().take(2_500).for_each(drop);
    assert_eq!(s.remaining(), 7_500);
    assert_eq!(s.count(), 7_500);
}

#[test]
fn same_seed_same_data_other_seed_other_data() {
    let a = cfg(500, 300, 20_000, 11).generate().unwrap();
    let b = cfg(500, 300, 20_000, 11).generate().unwrap();
    let c = cfg(500, 300, 20_000, 12).generate().unwrap();
    let all = |m: &Interactions| {
        m.iter()
            .map(|e| {
                (
                    m.users().raw(e.user).unwrap(),
                    m.items().raw(e.item).unwrap(),
                    e.rating.to_bits(),
                    e.timestamp,
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(all(&a), all(&b));
    assert_ne!(all(&a), all(&c));

    // noise and factors change ratings, never who rated what
    let d = generate_with(cfg(500, 300, 20_000, 11), |c| {
        c.noise = 0.0;
        c.factors = 3;
    });
    assert_eq!(raw_pairs(&a), raw_pairs(&d));
    assert_ne!(all(&a), all(&d));
}

#[test]
fn power_law_activity_and_popularity() {
    let m = cfg(5_000, 2_000, 200_000, 5).generate().unwrap();
    let items = top_share(m.item_counts(), 0.01);
    let users = top_share(m.user_counts(), 0.01);
    assert!(items > 0.10, "top 1% of items hold {items:.3} of ratings");
    assert!(users > 0.05, "top 1% of users hold {users:.3} of ratings");
    // Exponent 0 is flat: the top 1% hold little more than 1%.
    let flat = generate_with(cfg(5_000, 2_000, 200_000, 5), |c| {
        c.user_exponent = 0.0;
        c.item_exponent = 0.0;
    });
    assert!(top_share(flat.item_counts(), 0.01) < 0.02);
    assert!(top_share(flat.user_counts(), 0.01) < 0.02);
    // A steeper exponent concentrates more.
    let steep = generate_with(cfg(5_000, 2_000, 200_000, 5), |c| c.item_exponent = 1.2);
    assert!(top_share(steep.item_counts(), 0.01) > items);
}

#[test]
fn ratings_and_timestamps_in_range() {
    let c = SyntheticConfig {
        noise: 3.0,
        ..cfg(1_000, 500, 50_000, 9)
    };
    let mut seen = HashSet::new();
    for r in c.stream().unwrap() {
        assert!((0.5..=5.0).contains(&r.rating), "{}", r.rating);
        assert_eq!((r.rating * 2.0).fract(), 0.0, "half stars: {}", r.rating);
        assert!((TIME_START..TIME_END).contains(&r.timestamp));
        seen.insert((r.rating * 2.0) as u32);
    }
    assert_eq!(seen.len(), 10, "heavy noise reaches every half star");
}

#[test]
fn ratings_are_learnable() {
    // Item means explain a good part of the variance (item biases), and the variance of
    // noise-free, bias-free data is not zero (the factors).
    let m = generate_with(cfg(2_000, 300, 100_000, 2), |c| c.noise = 0.3);
    let mean = m.global_mean().unwrap();
    let by_item = m.by_item();
    let (mut total, mut resid) = (0.0, 0.0);
    for i in 0..m.n_items() as u32 {
        let (_, r) = by_item.item(i);
        let im = r.iter().map(|&x| f64::from(x)).sum::<f64>() / r.len().max(1) as f64;
        for &x in r {
            total += (f64::from(x) - mean).powi(2);
            resid += (f64::from(x) - im).powi(2);
        }
    }
    assert!(
        resid < 0.9 * total,
        "item means explain {:.3}",
        1.0 - resid / total
    );
}

#[test]
fn invalid_configs_name_the_field() {
    let cases: Vec<(SyntheticConfig, &str)> = vec![
        (cfg(0, 10, 5, 0), "users"),
        (cfg(10, 0, 5, 0), "items"),
        (cfg(10, 10, 0, 0), "ratings"),
        (cfg(10, 10, 101, 0), "ratings"),
        (
            SyntheticConfig {
                user_exponent: f64::NAN,
                ..cfg(10, 10, 5, 0)
            },
            "user_exponent",
        ),
        (
            SyntheticConfig {
                item_exponent: -1.0,
                ..cfg(10, 10, 5, 0)
            },
            "item_exponent",
        ),
        (
            SyntheticConfig {
                factors: 100_000,
                ..cfg(10, 10, 5, 0)
            },
            "factors",
        ),
        (
            SyntheticConfig {
                noise: f64::INFINITY,
                ..cfg(10, 10, 5, 0)
            },
            "noise",
        ),
    ];
    for (c, field) in cases {
        match c.generate() {
            Err(DataError::Core(CoreError::InvalidParameter { name, .. })) => {
                assert_eq!(name, field)
            }
            other => panic!("{field}: {other:?}"),
        }
        assert!(c.stream().is_err());
    }
}

#[test]
fn scaled_configs_are_valid_and_movielens_shaped() {
    for r in [1, 100, 10_000, 1_000_000, 20_000_000, 100_000_000] {
        let c = SyntheticConfig::scaled(r);
        c.check().unwrap();
        assert_eq!(c.ratings, r);
        assert!(u64::from(c.users) * u64::from(c.items) >= r);
    }
    let c = SyntheticConfig::scaled(20_000_000);
    assert_eq!(c.users, 133_333);
    assert!((20_000..30_000).contains(&c.items), "{}", c.items);
}

/// `cargo test --release -p recsys-data --test synthetic -- --ignored --nocapture`
#[test]
#[ignore = "timing at scale; run in release"]
fn twenty_million_ratings() {
    let c = SyntheticConfig::scaled(20_000_000);
    let t = std::time::Instant::now();
    let n = c.stream().unwrap().count();
    let stream_s = t.elapsed().as_secs_f64();
    let t = std::time::Instant::now();
    let m = c.generate().unwrap();
    let build_s = t.elapsed().as_secs_f64();
    println!("20M: stream {stream_s:.2} s, into Interactions {build_s:.2} s");
    assert_eq!((n, m.nnz()), (20_000_000, 20_000_000));
    assert!(stream_s < 30.0);
}
