//! The initial factors of a fit, drawn as [`SvdParams::init_stream`] says.

use ndarray::Array2;
use recsys_core::Interactions;

use super::SvdParams;
use super::layout::pad_columns;
use crate::factors::{InitStream, UserStart, init_factors, numpy_factors};

/// The initial factors `p`, `q` and (when `implicit`, SVD++) `y` that a fit with `prm` on
/// `train` starts from, drawn as `prm.init_stream` says; with [`UserStart::Zero`]
/// (`prm.user_start`) `p` is zero.
pub fn initial_factors(
    prm: &SvdParams,
    train: &Interactions,
    implicit: bool,
) -> (Array2<f32>, Array2<f32>, Array2<f32>) {
    initial_factors_width(prm, train, implicit, prm.factors)
}

/// [`initial_factors`] in rows `width >= factors` wide (the columns past `factors` zero).
pub(super) fn initial_factors_width(
    prm: &SvdParams,
    train: &Interactions,
    implicit: bool,
    width: usize,
) -> (Array2<f32>, Array2<f32>, Array2<f32>) {
    let (nu, ni, k) = (train.n_users(), train.n_items(), prm.factors);
    let (mut p, q, y) = match prm.init_stream {
        InitStream::Numpy => {
            // a zero start draws nothing for the users, so the items' draws do not depend on
            // how many users there are
            let zero = prm.user_start == UserStart::Zero;
            let users: Vec<bool> = (0..nu as u32)
                .map(|u| !zero && !train.row(u).is_empty())
                .collect();
            let items: Vec<bool> = train.item_counts().iter().map(|&c| c > 0).collect();
            numpy_factors(
                &users,
                &items,
                k,
                width,
                prm.init_mean,
                prm.init_std,
                prm.seed,
                implicit,
            )
        }
        InitStream::Parallel => {
            let (p, q, y) =
                init_factors(nu, ni, k, prm.init_mean, prm.init_std, prm.seed, implicit);
            (
                pad_columns(p, width),
                pad_columns(q, width),
                pad_columns(y, width),
            )
        }
    };
    if prm.user_start == UserStart::Zero {
        p.fill(0.0);
    }
    (p, q, y)
}
