//! [`UserGradient`]: the logit of a (user, item) pair and its gradient with respect to the
//! user's embeddings alone, every other weight of the network held fixed — the forward and
//! backward pass folding in needs, in plain `f32` on the CPU.
//!
//! The user's embeddings are one flat vector: the GMF embedding (GMF and NeuMF), then the MLP
//! embedding (MLP and NeuMF). The backward pass stops at the first hidden layer's user half: no
//! gradient of a weight or of an item embedding is formed. Each layer's weights are also kept
//! transposed (`[out, in]`), so that the backward pass, like the forward pass, adds whole
//! contiguous rows (loops the compiler vectorizes) instead of taking dot products.

use crate::params::Activation;
use crate::weights::{Layer, NcfWeights};

/// The forward and backward pass of one user against fixed item embeddings and layers, with
/// its buffers. [`UserGradient::set_user`] first, then [`UserGradient::accumulate`] per pair.
#[derive(Debug, Clone)]
pub(crate) struct UserGradient<'w> {
    w: &'w NcfWeights,
    /// GMF embedding size (0 without a GMF tower).
    d: usize,
    /// MLP embedding size (0 without an MLP tower).
    e: usize,
    /// Each hidden layer's weights transposed, `[out, in]` row-major.
    transposed: Vec<Vec<f32>>,
    /// `out_weight[k] · p[k]` over the GMF embedding `p`.
    gmf_weighted: Vec<f32>,
    /// The first hidden layer's bias plus the user half of its input.
    first: Vec<f32>,
    /// Each hidden layer's output (after the activation) for the current pair.
    outputs: Vec<Vec<f32>>,
    /// Backward buffers: the gradient at a layer's pre-activation, and at its input.
    delta: Vec<f32>,
    delta_in: Vec<f32>,
}

/// `act'` as a function of the activation's output `h`.
#[inline(always)]
fn slope(a: Activation, h: f32) -> f32 {
    match a {
        Activation::Relu => {
            if h > 0.0 {
                1.0
            } else {
                0.0
            }
        }
        Activation::Tanh => 1.0 - h * h,
        Activation::Sigmoid => h * (1.0 - h),
    }
}

/// `out += x · row`, element-wise over the shorter of the two.
#[inline(always)]
fn axpy(out: &mut [f32], x: f32, row: &[f32]) {
    for (o, &r) in out.iter_mut().zip(row) {
        *o += x * r;
    }
}

/// Layer `l`'s weights `[in, out]` as `[out, in]`.
fn transpose(l: &Layer) -> Vec<f32> {
    let (rows, cols) = (l.weight.rows, l.weight.cols);
    let mut t = vec![0.0; rows * cols];
    for r in 0..rows {
        for c in 0..cols {
            t[c * rows + r] = l.weight.data[r * cols + c];
        }
    }
    t
}

impl<'w> UserGradient<'w> {
    /// The passes of `w` (checked weights: [`NcfWeights::check`]).
    pub(crate) fn new(w: &'w NcfWeights) -> Self {
        let d = w.gmf_item.as_ref().map_or(0, |m| m.cols);
        let e = w.mlp_item.as_ref().map_or(0, |m| m.cols);
        let (e, layers) = if w.layers.is_empty() {
            (0, &[][..])
        } else {
            (e, &w.layers[..])
        };
        let widest = layers.iter().map(|l| l.weight.rows).max().unwrap_or(0);
        Self {
            w,
            d,
            e,
            transposed: layers.iter().map(transpose).collect(),
            gmf_weighted: vec![0.0; d],
            first: Vec::new(),
            outputs: layers.iter().map(|l| vec![0.0; l.weight.cols]).collect(),
            delta: Vec::with_capacity(widest),
            delta_in: Vec::with_capacity(widest),
        }
    }

    /// Length of the flat user vector: GMF embedding, then MLP embedding.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.d + self.e
    }

    /// Sets the user (`user.len() == self.len()`): precomputes what every pair shares.
    #[inline(always)]
    pub(crate) fn set_user(&mut self, user: &[f32]) {
        let (p, m) = user.split_at(self.d.min(user.len()));
        for ((g, &w), &x) in self.gmf_weighted.iter_mut().zip(&self.w.out_weight).zip(p) {
            *g = w * x;
        }
        self.first.clear();
        if let Some(l0) = self.w.layers.first()
            && self.e > 0
        {
            self.first.extend_from_slice(&l0.bias);
            let cols = l0.weight.cols;
            for (k, &x) in m.iter().enumerate().take(self.e) {
                axpy(
                    &mut self.first,
                    x,
                    &l0.weight.data[k * cols..(k + 1) * cols],
                );
            }
        }
    }

    /// Adds `scale · ∂logit/∂user` of the pair (set user, `item`) into `grad`
    /// (`grad.len() == self.len()`, `item` in range) when `weight_of` (given the pair's logit)
    /// returns a non-zero scale; returns the logit.
    #[inline(always)]
    pub(crate) fn accumulate(
        &mut self,
        item: usize,
        grad: &mut [f32],
        weight_of: impl FnOnce(f32) -> f32,
    ) -> f32 {
        let w = self.w;
        let mut z = w.out_bias;
        let mut q_gmf: &[f32] = &[];
        if let Some(qi) = &w.gmf_item {
            q_gmf = qi.row(item);
            for (&g, &q) in self.gmf_weighted.iter().zip(q_gmf) {
                z += g * q;
            }
        }
        let n_layers = self.outputs.len();
        if let (Some(qi), Some(l0)) = (&w.mlp_item, w.layers.first())
            && n_layers > 0
        {
            let q = qi.row(item);
            let (e, cols) = (self.e, l0.weight.cols);
            let h = &mut self.outputs[0];
            h.copy_from_slice(&self.first);
            for (k, &x) in q.iter().enumerate() {
                axpy(h, x, &l0.weight.data[(e + k) * cols..(e + k + 1) * cols]);
            }
            h.iter_mut().for_each(|v| *v = w.activation.apply(*v));
            for l in 1..n_layers {
                let (done, rest) = self.outputs.split_at_mut(l);
                let (x, h) = (&done[l - 1], &mut rest[0]);
                let layer = &w.layers[l];
                let cols = layer.weight.cols;
                h.copy_from_slice(&layer.bias);
                for (k, &xk) in x.iter().enumerate() {
                    axpy(h, xk, &layer.weight.data[k * cols..(k + 1) * cols]);
                }
                h.iter_mut().for_each(|v| *v = w.activation.apply(*v));
            }
            for (&wo, &hk) in w.out_weight[self.d..]
                .iter()
                .zip(&self.outputs[n_layers - 1])
            {
                z += wo * hk;
            }
        }
        let g = weight_of(z);
        if g == 0.0 {
            return z;
        }
        let (grad_gmf, grad_mlp) = grad.split_at_mut(self.d.min(grad.len()));
        for ((o, &wo), &q) in grad_gmf.iter_mut().zip(&w.out_weight).zip(q_gmf) {
            *o += g * wo * q;
        }
        if n_layers == 0 {
            return z;
        }
        // the gradient at the last layer's pre-activation
        self.delta.clear();
        self.delta.extend(
            w.out_weight[self.d..]
                .iter()
                .zip(&self.outputs[n_layers - 1])
                .map(|(&wo, &h)| g * wo * slope(w.activation, h)),
        );
        for l in (1..n_layers).rev() {
            let rows = w.layers[l].weight.rows;
            self.delta_in.clear();
            self.delta_in.resize(rows, 0.0);
            let t = &self.transposed[l];
            for (j, &dj) in self.delta.iter().enumerate() {
                if dj != 0.0 {
                    axpy(&mut self.delta_in, dj, &t[j * rows..(j + 1) * rows]);
                }
            }
            for (di, &h) in self.delta_in.iter_mut().zip(&self.outputs[l - 1]) {
                *di *= slope(w.activation, h);
            }
            std::mem::swap(&mut self.delta, &mut self.delta_in);
        }
        // through the first layer, into the user half of its input only
        let rows = w.layers[0].weight.rows;
        let t = &self.transposed[0];
        for (j, &dj) in self.delta.iter().enumerate() {
            if dj != 0.0 {
                axpy(grad_mlp, dj, &t[j * rows..j * rows + self.e]);
            }
        }
        z
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::params::NcfKind;
    use crate::weights::{Matrix, UserEmbedding};

    /// A small network of `kind` with pseudo-random weights.
    fn net(kind: NcfKind, activation: Activation) -> NcfWeights {
        let mut rng = recsys_testkit::XorShift(0x9E37_79B9_7F4A_7C15);
        let mut m = |rows: usize, cols: usize| {
            let data = (0..rows * cols)
                .map(|_| (rng.next_u64() % 2000) as f32 / 1000.0 - 1.0)
                .collect();
            Matrix::new(rows, cols, data).unwrap()
        };
        let (d, e) = (3, 4);
        let (gmf, mlp) = (kind.has_gmf(), kind.has_mlp());
        let layers = if mlp {
            vec![
                Layer {
                    weight: m(2 * e, 6),
                    bias: m(1, 6).data,
                },
                Layer {
                    weight: m(6, 5),
                    bias: m(1, 5).data,
                },
            ]
        } else {
            Vec::new()
        };
        let w = NcfWeights {
            kind,
            activation,
            gmf_user: gmf.then(|| m(2, d)),
            gmf_item: gmf.then(|| m(5, d)),
            mlp_user: mlp.then(|| m(2, e)),
            mlp_item: mlp.then(|| m(5, e)),
            layers,
            out_weight: m(1, if gmf { d } else { 0 } + if mlp { 5 } else { 0 }).data,
            out_bias: 0.3,
        };
        w.check().unwrap();
        w
    }

    fn logit(w: &NcfWeights, user: &[f32], d: usize, item: u32) -> f32 {
        let (p, m) = user.split_at(d);
        let e = UserEmbedding {
            gmf: w.gmf_item.as_ref().map(|_| p),
            mlp: w.mlp_item.as_ref().map(|_| m),
        };
        let mut out = [0.0];
        w.embedding_logits_into(&e, &[item], &mut out);
        out[0]
    }

    #[test]
    fn logits_match_the_scorer_and_gradients_finite_differences() {
        for kind in [NcfKind::Gmf, NcfKind::Mlp, NcfKind::NeuMf] {
            for act in [Activation::Tanh, Activation::Sigmoid, Activation::Relu] {
                let w = net(kind, act);
                let mut g = UserGradient::new(&w);
                let d = w.gmf_item.as_ref().map_or(0, |m| m.cols);
                let user: Vec<f32> = (0..g.len()).map(|k| 0.3 - 0.17 * k as f32).collect();
                for item in 0..5u32 {
                    g.set_user(&user);
                    let mut grad = vec![0.0; g.len()];
                    let z = g.accumulate(item as usize, &mut grad, |_| 2.0);
                    let want = logit(&w, &user, d, item);
                    assert!((z - want).abs() < 1e-5, "{kind} {act:?}: {z} vs {want}");
                    for k in 0..user.len() {
                        let h = 1e-3;
                        let (mut a, mut b) = (user.clone(), user.clone());
                        a[k] += h;
                        b[k] -= h;
                        let fd = (logit(&w, &a, d, item) - logit(&w, &b, d, item)) / (2.0 * h);
                        assert!(
                            (2.0 * fd - grad[k]).abs() < 1e-2 * (1.0 + grad[k].abs()),
                            "{kind} {act:?} item {item} coordinate {k}: {} vs {}",
                            2.0 * fd,
                            grad[k]
                        );
                    }
                }
            }
        }
    }
}
