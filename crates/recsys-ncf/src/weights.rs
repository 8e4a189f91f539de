//! Trained weights as plain arrays: what a fitted model keeps, scores with on the CPU, saves and
//! loads, and what the burn modules export and import.

use crate::error::{NcfError, Result};
use crate::params::{Activation, NcfKind};

/// A row-major matrix.
#[derive(Debug, Clone, PartialEq)]
pub struct Matrix {
    /// Rows.
    pub rows: usize,
    /// Columns.
    pub cols: usize,
    /// `rows * cols` values, row after row.
    pub data: Vec<f32>,
}

impl Matrix {
    /// A matrix, after checking `data.len() == rows * cols`.
    pub fn new(rows: usize, cols: usize, data: Vec<f32>) -> Result<Self> {
        if rows.checked_mul(cols) != Some(data.len()) {
            return Err(NcfError::Model(format!(
                "{} values for a {rows}x{cols} matrix",
                data.len()
            )));
        }
        Ok(Self { rows, cols, data })
    }

    /// Row `r`.
    #[inline]
    pub fn row(&self, r: usize) -> &[f32] {
        &self.data[r * self.cols..(r + 1) * self.cols]
    }
}

/// One hidden layer of the MLP tower: `act(x · weight + bias)`, `weight` is `[in, out]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Layer {
    /// `[in, out]` weights.
    pub weight: Matrix,
    /// `[out]` bias.
    pub bias: Vec<f32>,
}

/// The weights of a GMF, MLP or NeuMF network.
///
/// The logit of `(u, i)` is `out_weight · [gmf(u, i), mlp(u, i)] + out_bias`, where
/// `gmf(u, i) = gmf_user[u] ⊙ gmf_item[i]` (GMF and NeuMF) and `mlp(u, i)` applies the hidden
/// layers to `[mlp_user[u], mlp_item[i]]` (MLP and NeuMF); absent towers contribute nothing.
/// The predicted probability is the sigmoid of the logit.
#[derive(Debug, Clone, PartialEq)]
pub struct NcfWeights {
    /// The network.
    pub kind: NcfKind,
    /// Activation after each hidden layer.
    pub activation: Activation,
    /// GMF user embeddings `[n_users, d]`.
    pub gmf_user: Option<Matrix>,
    /// GMF item embeddings `[n_items, d]`.
    pub gmf_item: Option<Matrix>,
    /// MLP user embeddings `[n_users, e]`.
    pub mlp_user: Option<Matrix>,
    /// MLP item embeddings `[n_items, e]`.
    pub mlp_item: Option<Matrix>,
    /// Hidden layers of the MLP tower.
    pub layers: Vec<Layer>,
    /// Output weights (`d` GMF values, then the last hidden layer's size).
    pub out_weight: Vec<f32>,
    /// Output bias.
    pub out_bias: f32,
}

impl NcfWeights {
    /// Number of users.
    pub fn n_users(&self) -> usize {
        self.gmf_user
            .as_ref()
            .or(self.mlp_user.as_ref())
            .map_or(0, |m| m.rows)
    }

    /// Number of items.
    pub fn n_items(&self) -> usize {
        self.gmf_item
            .as_ref()
            .or(self.mlp_item.as_ref())
            .map_or(0, |m| m.rows)
    }

    /// Number of trainable values.
    pub fn n_params(&self) -> usize {
        let m = |x: &Option<Matrix>| x.as_ref().map_or(0, |m| m.data.len());
        m(&self.gmf_user)
            + m(&self.gmf_item)
            + m(&self.mlp_user)
            + m(&self.mlp_item)
            + self
                .layers
                .iter()
                .map(|l| l.weight.data.len() + l.bias.len())
                .sum::<usize>()
            + self.out_weight.len()
            + 1
    }

    /// Checks that the shapes fit together and match `kind`.
    pub fn check(&self) -> Result<()> {
        let bad = |s: String| Err(NcfError::Model(s));
        let pair = |u: &Option<Matrix>, i: &Option<Matrix>, want: bool, what: &str| match (u, i) {
            (Some(u), Some(i)) if want => {
                if u.cols != i.cols || u.cols == 0 {
                    return Err(NcfError::Model(format!(
                        "{what} embeddings of sizes {} and {}",
                        u.cols, i.cols
                    )));
                }
                Ok(u.cols)
            }
            (None, None) if !want => Ok(0),
            _ => Err(NcfError::Model(format!(
                "{what} embeddings do not match a {} network",
                self.kind
            ))),
        };
        let g = pair(&self.gmf_user, &self.gmf_item, self.kind.has_gmf(), "GMF")?;
        let e = pair(&self.mlp_user, &self.mlp_item, self.kind.has_mlp(), "MLP")?;
        if self.kind == NcfKind::NeuMf {
            let (a, b) = (self.gmf_user.as_ref(), self.mlp_user.as_ref());
            let (c, d) = (self.gmf_item.as_ref(), self.mlp_item.as_ref());
            if a.map(|m| m.rows) != b.map(|m| m.rows) || c.map(|m| m.rows) != d.map(|m| m.rows) {
                return bad("GMF and MLP towers of different index spaces".into());
            }
        }
        let mut width = 2 * e;
        if self.kind.has_mlp() == self.layers.is_empty() {
            return bad(format!(
                "{} hidden layers for a {}",
                self.layers.len(),
                self.kind
            ));
        }
        for (k, l) in self.layers.iter().enumerate() {
            if l.weight.rows != width || l.bias.len() != l.weight.cols {
                return bad(format!("hidden layer {k} has the wrong shape"));
            }
            width = l.weight.cols;
        }
        let tail = if self.kind.has_mlp() { width } else { 0 };
        if self.out_weight.len() != g + tail {
            return bad(format!(
                "output layer of {} weights, expected {}",
                self.out_weight.len(),
                g + tail
            ));
        }
        Ok(())
    }

    /// Scratch space for [`NcfWeights::logit`].
    pub fn scratch(&self) -> Scratch {
        let widest = self
            .layers
            .iter()
            .map(|l| l.weight.cols.max(l.weight.rows))
            .max()
            .unwrap_or(0);
        Scratch {
            a: vec![0.0; widest],
            b: vec![0.0; widest],
        }
    }

    /// The logit of `(user, item)` (both in range; see [`NcfWeights::score`] otherwise).
    pub fn logit(&self, user: usize, item: usize, s: &mut Scratch) -> f32 {
        let mut z = self.out_bias;
        let mut off = 0;
        if let (Some(pu), Some(qi)) = (&self.gmf_user, &self.gmf_item) {
            let (p, q) = (pu.row(user), qi.row(item));
            for k in 0..p.len() {
                z += self.out_weight[k] * p[k] * q[k];
            }
            off = p.len();
        }
        if let (Some(pu), Some(qi)) = (&self.mlp_user, &self.mlp_item) {
            let e = pu.cols;
            s.a.clear();
            s.a.extend_from_slice(pu.row(user));
            s.a.extend_from_slice(qi.row(item));
            let _ = e;
            for l in &self.layers {
                s.b.clear();
                s.b.extend_from_slice(&l.bias);
                let cols = l.weight.cols;
                for (k, &x) in s.a.iter().enumerate() {
                    let w = &l.weight.data[k * cols..(k + 1) * cols];
                    for (o, &wv) in s.b.iter_mut().zip(w) {
                        *o += x * wv;
                    }
                }
                for o in s.b.iter_mut() {
                    *o = self.activation.apply(*o);
                }
                std::mem::swap(&mut s.a, &mut s.b);
            }
            for (k, &h) in s.a.iter().enumerate() {
                z += self.out_weight[off + k] * h;
            }
        }
        z
    }

    /// The embeddings of `user` (`None` outside the index space).
    pub fn user_embedding(&self, user: u32) -> Option<UserEmbedding<'_>> {
        let u = user as usize;
        if u >= self.n_users() {
            return None;
        }
        Some(UserEmbedding {
            gmf: self.gmf_user.as_ref().map(|m| m.row(u)),
            mlp: self.mlp_user.as_ref().map(|m| m.row(u)),
        })
    }

    /// Whether `user` has an embedding for each of the network's towers, of the tower's size:
    /// what [`NcfWeights::embedding_logits_into`] scores.
    pub fn matches_embedding(&self, user: &UserEmbedding<'_>) -> bool {
        let fits = |table: &Option<Matrix>, e: Option<&[f32]>| match (table, e) {
            (Some(m), Some(e)) => m.cols == e.len(),
            (None, None) => true,
            _ => false,
        };
        fits(&self.gmf_item, user.gmf) && fits(&self.mlp_item, user.mlp)
    }

    /// Logits of `items` for `user` into `out` (`out.len() == items.len()`), the same values as
    /// [`NcfWeights::logit`] bit for bit, computed [`BLOCK`] candidates at a time (each weight row
    /// is loaded once per block) with the user's share of the first MLP layer computed once. A
    /// user or item outside the index space gets `f32::NEG_INFINITY`.
    ///
    /// On x86-64 with AVX2 the same code is compiled for AVX2 and chosen at run time (plain
    /// multiplies and adds, no fused multiply-add, so the values are the same).
    pub fn logits_into(&self, user: u32, items: &[u32], out: &mut [f32]) {
        match self.user_embedding(user) {
            Some(e) => self.embedding_logits_into(&e, items, out),
            None => out.iter_mut().for_each(|o| *o = f32::NEG_INFINITY),
        }
    }

    /// Logits of `items` for a user given by their embeddings (a training user's
    /// ([`NcfWeights::user_embedding`]) or a folded-in one's): the function
    /// [`NcfWeights::logits_into`] computes, bit for bit. Embeddings that do not fit the
    /// network ([`NcfWeights::matches_embedding`]) and items outside the index space get `f32::NEG_INFINITY`.
    pub fn embedding_logits_into(&self, user: &UserEmbedding<'_>, items: &[u32], out: &mut [f32]) {
        if !self.matches_embedding(user) {
            out.iter_mut().for_each(|o| *o = f32::NEG_INFINITY);
            return;
        }
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU supports AVX2 (checked just above).
            unsafe { self.logits_into_avx2(user, items, out) };
            return;
        }
        self.logits_into_body(user, items, out);
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    unsafe fn logits_into_avx2(&self, user: &UserEmbedding<'_>, items: &[u32], out: &mut [f32]) {
        self.logits_into_body(user, items, out);
    }

    /// The body of [`NcfWeights::embedding_logits_into`], for a `user` that fits.
    #[inline(always)]
    fn logits_into_body(&self, user: &UserEmbedding<'_>, items: &[u32], out: &mut [f32]) {
        let ni = self.n_items();
        let widest = self.layers.iter().map(|l| l.weight.cols).max().unwrap_or(0);
        // bias + the user's half of the first layer's input, in `logit`'s summation order
        let base: Option<Vec<f32>> = match (user.mlp, self.layers.first()) {
            (Some(pu), Some(l0)) => {
                let mut b = l0.bias.clone();
                let cols = l0.weight.cols;
                for (k, &x) in pu.iter().enumerate() {
                    for (o, &w) in b.iter_mut().zip(&l0.weight.data[k * cols..(k + 1) * cols]) {
                        *o += x * w;
                    }
                }
                Some(b)
            }
            _ => None,
        };
        let mut cur = vec![0.0f32; BLOCK * widest];
        let mut nxt = vec![0.0f32; BLOCK * widest];
        for (items, out) in items.chunks(BLOCK).zip(out.chunks_mut(BLOCK)) {
            let n = items.len();
            let idx: Vec<usize> = items.iter().map(|&i| (i as usize).min(ni)).collect();
            let mut z = [self.out_bias; BLOCK];
            let mut off = 0;
            if let (Some(p), Some(qi)) = (user.gmf, &self.gmf_item) {
                for c in 0..n {
                    if idx[c] < ni {
                        let q = qi.row(idx[c]);
                        for k in 0..p.len() {
                            z[c] += self.out_weight[k] * p[k] * q[k];
                        }
                    }
                }
                off = p.len();
            }
            if let (Some(qi), Some(base)) = (&self.mlp_item, &base) {
                let l0 = &self.layers[0];
                let (e, cols) = (qi.cols, l0.weight.cols);
                for c in 0..n {
                    cur[c * widest..c * widest + cols].copy_from_slice(base);
                }
                for k in 0..e {
                    let w = &l0.weight.data[(e + k) * cols..(e + k + 1) * cols];
                    for c in 0..n {
                        if idx[c] >= ni {
                            continue;
                        }
                        let x = qi.row(idx[c])[k];
                        for (o, &wv) in cur[c * widest..c * widest + cols].iter_mut().zip(w) {
                            *o += x * wv;
                        }
                    }
                }
                for c in 0..n {
                    for o in &mut cur[c * widest..c * widest + cols] {
                        *o = self.activation.apply(*o);
                    }
                }
                let mut width = cols;
                for l in &self.layers[1..] {
                    let cols = l.weight.cols;
                    for c in 0..n {
                        nxt[c * widest..c * widest + cols].copy_from_slice(&l.bias);
                    }
                    for k in 0..width {
                        let w = &l.weight.data[k * cols..(k + 1) * cols];
                        for c in 0..n {
                            let x = cur[c * widest + k];
                            for (o, &wv) in nxt[c * widest..c * widest + cols].iter_mut().zip(w) {
                                *o += x * wv;
                            }
                        }
                    }
                    for c in 0..n {
                        for o in &mut nxt[c * widest..c * widest + cols] {
                            *o = self.activation.apply(*o);
                        }
                    }
                    std::mem::swap(&mut cur, &mut nxt);
                    width = cols;
                }
                for c in 0..n {
                    for k in 0..width {
                        z[c] += self.out_weight[off + k] * cur[c * widest + k];
                    }
                }
            }
            for c in 0..n {
                out[c] = if idx[c] < ni { z[c] } else { f32::NEG_INFINITY };
            }
        }
    }

    /// Probabilities (sigmoid of the logits) of `items` for `user` into `out`; a user or item
    /// outside the index space gets `f32::NEG_INFINITY`.
    pub fn score(&self, user: u32, items: &[u32], out: &mut [f32]) {
        let (nu, ni) = (self.n_users(), self.n_items());
        if user as usize >= nu {
            out.iter_mut().for_each(|o| *o = f32::NEG_INFINITY);
            return;
        }
        let mut s = self.scratch();
        for (o, &i) in out.iter_mut().zip(items) {
            *o = if (i as usize) < ni {
                sigmoid(self.logit(user as usize, i as usize, &mut s))
            } else {
                f32::NEG_INFINITY
            };
        }
    }
}

/// A user's embeddings, one per tower of the network (`None` for a tower it lacks): a row of
/// the user tables, or a user folded in without them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct UserEmbedding<'a> {
    /// The GMF user embedding (GMF and NeuMF).
    pub gmf: Option<&'a [f32]>,
    /// The MLP user embedding (MLP and NeuMF).
    pub mlp: Option<&'a [f32]>,
}

/// Candidates scored together by [`NcfWeights::logits_into`].
pub const BLOCK: usize = 8;

/// Reusable buffers of the CPU forward pass.
#[derive(Debug, Clone, Default)]
pub struct Scratch {
    a: Vec<f32>,
    b: Vec<f32>,
}

/// The logistic function.
#[inline]
pub fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}
