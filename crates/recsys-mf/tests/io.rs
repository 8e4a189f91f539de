//! Save → load gives bit-identical predictions; damaged files are errors.

use recsys_core::traits::{CandidateScorer, Fit};
use recsys_core::{DuplicatePolicy, Interactions, InteractionsBuilder, RatingPredictor};
use recsys_mf::{
    Baseline, FactorModel, MfError, Popularity, PopularityParams, SvdParams, SvdPpParams,
};

fn data() -> Interactions {
    let mut b = InteractionsBuilder::new();
    for u in 0..15u64 {
        for i in 0..11u64 {
            if (u * 5 + i * 3) % 7 < 4 {
                b.push(100 + u, 1000 + i, 1.0 + ((u + i) % 5) as f32, Some(0))
                    .unwrap();
            }
        }
    }
    b.build(DuplicatePolicy::KeepLast).unwrap()
}

fn all_predictions(p: &dyn RatingPredictor, m: &Interactions) -> Vec<u32> {
    let mut out = Vec::new();
    for u in 0..=m.n_users() as u32 {
        for i in 0..=m.n_items() as u32 {
            out.push(p.predict(u, i).to_bits());
        }
    }
    out
}

#[test]
fn factor_models_round_trip_bit_identical() {
    let m = data();
    let dir = tempfile::tempdir().unwrap();
    for (name, model) in [
        ("svd", SvdParams::default().factors(6).fit(&m).unwrap()),
        ("svdpp", SvdPpParams::default().factors(5).fit(&m).unwrap()),
    ] {
        let path = dir.path().join(format!("{name}.model"));
        model.save(&path, m.users(), m.items()).unwrap();
        let saved = FactorModel::load(&path).unwrap();
        assert_eq!(saved.model.kind, name);
        assert_eq!(
            all_predictions(&saved.model, &m),
            all_predictions(&model, &m)
        );
        assert_eq!(&saved.users, m.users());
        assert_eq!(&saved.items, m.items());
        assert_eq!(saved.model.curve.len(), model.curve.len());
        // the file is the only thing left in the folder (atomic write, no temporary)
        assert!(
            std::fs::read_dir(dir.path()).unwrap().all(|e| !e
                .unwrap()
                .file_name()
                .to_string_lossy()
                .contains("tmp"))
        );
    }
}

#[test]
fn baseline_and_popularity_round_trip() {
    let m = data();
    let dir = tempfile::tempdir().unwrap();
    let b = recsys_mf::BaselineParams::default().fit(&m).unwrap();
    let p = dir.path().join("b.model");
    b.save(&p, m.users(), m.items()).unwrap();
    let loaded = Baseline::load(&p).unwrap();
    assert_eq!(all_predictions(&loaded.model, &m), all_predictions(&b, &m));

    let pop = PopularityParams.fit(&m).unwrap();
    let p = dir.path().join("p.model");
    pop.save(&p, m.users(), m.items()).unwrap();
    let loaded = Popularity::load(&p).unwrap();
    let items: Vec<u32> = (0..m.n_items() as u32).collect();
    let (mut a, mut c) = (vec![0.0; items.len()], vec![0.0; items.len()]);
    pop.score(0, &items, &mut a);
    loaded.model.score(0, &items, &mut c);
    assert_eq!(a, c);
    // a popularity file is not a baseline file
    assert!(matches!(Baseline::load(&p), Err(MfError::Core(_))));
    assert!(FactorModel::load(&p).is_err());
}

#[test]
fn damaged_files_are_errors_not_panics() {
    let m = data();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("svd.model");
    SvdParams::default()
        .factors(3)
        .fit(&m)
        .unwrap()
        .save(&path, m.users(), m.items())
        .unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let bad = dir.path().join("bad.model");
    for cut in [0, 7, 8, 40, bytes.len() / 2, bytes.len() - 1] {
        std::fs::write(&bad, &bytes[..cut]).unwrap();
        let e = FactorModel::load(&bad).unwrap_err();
        assert!(e.to_string().contains("bad.model"), "{e}");
    }
    for pos in (0..bytes.len()).step_by(37) {
        let mut b = bytes.clone();
        b[pos] ^= 0x40;
        std::fs::write(&bad, &b).unwrap();
        assert!(
            FactorModel::load(&bad).is_err(),
            "flipped byte {pos} was accepted"
        );
    }
    assert!(FactorModel::load(dir.path().join("missing.model")).is_err());
}

#[test]
fn als_round_trips_bit_identical() {
    let m = data();
    let dir = tempfile::tempdir().unwrap();
    let model = recsys_mf::AlsParams {
        factors: 4,
        iterations: 3,
        ..recsys_mf::AlsParams::default()
    }
    .fit(&m)
    .unwrap();
    let p = dir.path().join("als.model");
    model.save(&p, m.users(), m.items()).unwrap();
    let loaded = recsys_mf::Als::load(&p).unwrap();
    assert_eq!(loaded.model.params(), model.params());
    assert_eq!(&loaded.users, m.users());
    let items: Vec<u32> = (0..m.n_items() as u32).collect();
    for u in 0..m.n_users() as u32 {
        let (mut a, mut b) = (vec![0.0; items.len()], vec![0.0; items.len()]);
        model.score(u, &items, &mut a);
        loaded.model.score(u, &items, &mut b);
        let bits = |v: &[f32]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&a), bits(&b), "user {u}");
    }
    // an ALS file is no SVD file, and a truncated one is an error
    assert!(Baseline::load(&p).is_err());
    let bytes = std::fs::read(&p).unwrap();
    std::fs::write(&p, &bytes[..bytes.len() - 3]).unwrap();
    assert!(recsys_mf::Als::load(&p).is_err());
}
