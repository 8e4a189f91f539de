//! The SGD fit of SVD and SVD++: initial factors, epochs (one thread, or DSGD), and the
//! fitted model back in the data's item order.

use recsys_core::WrapsCore;
use std::time::Instant;

use rand::seq::SliceRandom;
use recsys_core::Interactions;
use recsys_core::traits::EpochRecord;

use super::SvdFoldIn;
use super::csr::Csr;
use super::dsgd::{balanced_cuts, dsgd_epoch};
use super::epoch::{Buffers, Factors, Pass, SgdConsts};
use super::init::initial_factors_width;
use super::kernel::run_epoch;
use super::layout::{
    pad_columns, padded_width, permute_rows, unpad_columns, unpermute, unpermute_rows,
};
use super::{FactorModel, SvdParams, VisitOrder};
use crate::clip::rating_range;
use crate::error::MfError;
use crate::factors::rng;
use crate::simd::Simd;

/// Fits SVD (or SVD++ when `plus_plus`) with `prm`, once checked, calling `on_epoch` after
/// each epoch.
pub(super) fn fit_sgd(
    prm: &SvdParams,
    train: &Interactions,
    plus_plus: bool,
    on_epoch: &mut dyn FnMut(&EpochRecord),
) -> Result<FactorModel, MfError> {
    prm.check()?;
    let mean = match train.global_mean() {
        Some(m) if prm.biased => m as f32,
        Some(_) => 0.0,
        None => return Err(MfError::empty("no training ratings to fit on")),
    };
    let (nu, ni, k_out) = (train.n_users(), train.n_items(), prm.factors);
    // the numpy stream is sequential: draw it while another thread builds the fit's rows
    let ((p, q, y), (csr, perm)) = rayon::join(
        || initial_factors_width(prm, train, plus_plus, padded_width(k_out)),
        // the fit works in its own item order (see `Csr::by_popularity`); q and y rows follow it
        || Csr::by_popularity(train, prm.visit_order == VisitOrder::PopularFirst),
    );
    let (q, y) = (permute_rows(&q, &perm), permute_rows(&y, &perm));
    // rows padded with zeros to whole vector widths: no scalar tails in the kernels; zero
    // columns stay zero under every update and are sliced off at the end
    let k = padded_width(k_out);
    let (mut p, mut q, mut y) = (pad_columns(p, k), pad_columns(q, k), pad_columns(y, k));
    let mut rng = rng(prm.seed ^ 0x5EED_0F5A_FF1E);
    let mut bu = vec![0.0f32; nu];
    let mut bi = vec![0.0f32; ni];
    let (lr, reg) = (prm.lr, prm.reg);
    let (lr_b, reg_b) = (prm.lr_bias.unwrap_or(lr), prm.reg_bias.unwrap_or(reg));
    let mut order: Vec<u32> = (0..nu as u32).collect();
    let mut z = vec![0.0f32; k];
    let mut grad_y = vec![0.0f32; k];
    let mut pz = vec![0.0f32; k];
    let mut curve = Vec::with_capacity(prm.epochs);
    let (ps, qs) = (
        p.as_slice_mut()
            .ok_or(MfError::Internal("factor matrix not contiguous"))?,
        q.as_slice_mut()
            .ok_or(MfError::Internal("factor matrix not contiguous"))?,
    );
    let ys = y
        .as_slice_mut()
        .ok_or(MfError::Internal("factor matrix not contiguous"))?;
    let st = SgdConsts {
        k,
        mean,
        lr,
        reg,
        lr_b,
        reg_b,
        biased: prm.biased,
        plus_plus,
    };
    let simd = Simd::detect();
    // DSGD strata for SVD on several threads (SVD++ updates y_j across every item block)
    let threads = prm.threads_or_default();
    let blocks = if plus_plus || threads <= 1 {
        1
    } else {
        threads.min(nu).min(ni).max(1)
    };
    let user_cuts = balanced_cuts(&csr.user_counts(), blocks);
    let item_cuts = balanced_cuts(&csr.item_counts(ni), blocks);
    for epoch in 0..prm.epochs {
        let t = Instant::now();
        if prm.shuffle {
            order.shuffle(&mut rng);
        }
        let mut bufs = Buffers {
            z: &mut z,
            grad_y: &mut grad_y,
            pz: &mut pz,
        };
        let pass = Pass {
            c: &st,
            train: &csr,
            order: &order,
        };
        let sse = if blocks > 1 {
            dsgd_epoch(pass, &user_cuts, &item_cuts, ps, qs, &mut bu, &mut bi, simd)
        } else {
            let mut fac = Factors {
                p: ps,
                q: qs,
                y: ys,
                bu: &mut bu,
                bi: &mut bi,
                u0: 0,
                i0: 0,
                i_end: ni as u32,
            };
            run_epoch(pass, &mut fac, &mut bufs, simd)
        };
        let rec = EpochRecord {
            epoch: epoch + 1,
            loss: (sse / train.nnz() as f64).sqrt(),
            seconds: t.elapsed().as_secs_f64(),
            validation: Vec::new(),
        };
        on_epoch(&rec);
        curve.push(rec);
    }
    // effective user factors p'_u = p_u + |N(u)|^-½ Σ y_j
    if plus_plus {
        for u in 0..nu as u32 {
            let row = csr.row(u);
            if row.is_empty() {
                continue;
            }
            let norm = 1.0 / (row.len() as f32).sqrt();
            let pu = &mut ps[u as usize * k..(u as usize + 1) * k];
            for &j in row.items {
                let yj = &ys[j as usize * k..(j as usize + 1) * k];
                for f in 0..k {
                    pu[f] += yj[f] * norm;
                }
            }
        }
    }
    let range = prm.clip.then(|| rating_range(train));
    // users and items without training ratings keep zero factors (fallback to the biases)
    for u in 0..nu as u32 {
        if train.row(u).is_empty() {
            p.row_mut(u as usize).fill(0.0);
        }
    }
    drop(csr);
    // back to the data's item order
    let mut q = unpermute_rows(&q, &perm);
    let y = unpermute_rows(&y, &perm);
    let bi = unpermute(&bi, &perm);
    let counts = train.item_counts();
    for (i, &c) in counts.iter().enumerate() {
        if c == 0 {
            q.row_mut(i).fill(0.0);
        }
    }
    Ok(FactorModel {
        kind: if plus_plus {
            FactorModel::KIND_SVDPP
        } else {
            FactorModel::KIND_SVD
        },
        mean,
        user_bias: bu,
        item_bias: bi,
        user_factors: unpad_columns(p, k_out),
        item_factors: unpad_columns(q, k_out),
        implicit_factors: unpad_columns(y, k_out),
        range,
        reg,
        reg_bias: prm.biased.then_some(reg_b),
        fold_in: SvdFoldIn::of(prm.fold_in, prm.epochs, lr, lr_b),
        curve,
    })
}
