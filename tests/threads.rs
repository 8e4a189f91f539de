//! Results independent of the thread count: every model of the registry but the neural ones,
//! fitted in rayon pools of 1, 2, 4 and 8 threads on the same data with its default seed, gives
//! bit-identical scores. SVD's DSGD cuts the data into `SvdParams::threads` blocks (default 2)
//! whatever the pool; ALS solves each user and item alone; the k-NN and linear item models
//! compute each row alone; EASE's inverse is OpenBLAS's, whose own thread count
//! (`OPENBLAS_NUM_THREADS`, not rayon's) changes its rounding. The neural models (burn's CPU
//! backend sums in an order that depends on its own threads) are only deterministic for a fixed
//! thread count (`tests/determinism.rs`).

use recsys::core::Interactions;

#[allow(dead_code)]
mod common;

fn data() -> Interactions {
    common::patterned(60, 40)
}

/// Registry models whose fits depend on the thread count, with the reason.
const EXCEPT: [&str; 3] = ["ncf-mlp", "gmf", "neumf"];

#[test]
fn every_model_gives_the_same_scores_on_1_2_4_and_8_threads() {
    let train = data();
    for name in recsys::models::model_names() {
        if EXCEPT.contains(&name) {
            continue;
        }
        let spec = recsys::models::model(name).unwrap();
        let outputs: Vec<_> = [1, 2, 4, 8]
            .into_iter()
            .map(|threads| {
                let pool = rayon::ThreadPoolBuilder::new()
                    .num_threads(threads)
                    .build()
                    .unwrap();
                pool.install(|| {
                    let m = spec.fit_model(&train).unwrap();
                    common::outputs(m.as_ref(), &train)
                })
            })
            .collect();
        assert!(
            outputs.windows(2).all(|w| w[0] == w[1]),
            "{name}: scores differ between 1, 2, 4 and 8 threads"
        );
    }
}
