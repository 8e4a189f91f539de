//! Conversions between burn modules and plain arrays, shared by the three networks.
//!
//! burn initializes parameters lazily, on first read: the order in which an export reads a
//! fresh network's parameters decides which random values each gets, so each network keeps
//! its own reading order.

use burn::module::Param;
use burn::nn::{Embedding, Linear};
use burn::tensor::backend::Backend;
use burn::tensor::{Int, Tensor, TensorData, activation};

use crate::error::{NcfError, Result};
use crate::params::{Activation, NcfKind};
use crate::weights::{Matrix, NcfWeights};

/// Applies `a` element-wise.
pub(super) fn apply<B: Backend, const D: usize>(a: Activation, x: Tensor<B, D>) -> Tensor<B, D> {
    match a {
        Activation::Relu => activation::relu(x),
        Activation::Tanh => activation::tanh(x),
        Activation::Sigmoid => activation::sigmoid(x),
    }
}

/// The rows of `idx` in the embedding table `e`, `[n, d]`.
pub(super) fn lookup<B: Backend>(e: &Embedding<B>, idx: Tensor<B, 1, Int>) -> Tensor<B, 2> {
    e.weight.val().select(0, idx)
}

/// A 2-D tensor as a [`Matrix`].
pub(super) fn read_matrix<B: Backend>(t: Tensor<B, 2>) -> Result<Matrix> {
    let [r, c] = t.dims();
    Matrix::new(r, c, read_values(t)?)
}

/// A tensor's values, row-major.
pub(super) fn read_values<B: Backend, const D: usize>(t: Tensor<B, D>) -> Result<Vec<f32>> {
    t.into_data()
        .convert::<f32>()
        .to_vec::<f32>()
        .map_err(|e| NcfError::Model(format!("reading a tensor: {e:?}")))
}

/// The user and item embedding tables of a GMF tower, user first.
pub(super) fn read_pair<B: Backend>(
    user: &Embedding<B>,
    item: &Embedding<B>,
) -> Result<(Matrix, Matrix)> {
    let u = read_matrix(user.weight.val())?;
    Ok((u, read_matrix(item.weight.val())?))
}

/// The weights and the scalar bias (0 without a bias) of a `d → 1` output layer, weights first.
pub(super) fn read_out<B: Backend>(out: &Linear<B>) -> Result<(Vec<f32>, f32)> {
    let weight = read_matrix(out.weight.val())?.data;
    let bias = match &out.bias {
        Some(b) => read_values(b.val())?
            .first()
            .copied()
            .ok_or_else(|| NcfError::Model("the output layer has an empty bias".into()))?,
        None => 0.0,
    };
    Ok((weight, bias))
}

/// The weights of a network of `kind` with its GMF embeddings (if any) and its output layer;
/// an MLP tower adds its own ([`super::MlpTower`]).
pub(super) fn assemble(
    kind: NcfKind,
    gmf: Option<(Matrix, Matrix)>,
    (out_weight, out_bias): (Vec<f32>, f32),
) -> NcfWeights {
    let (gmf_user, gmf_item) = gmf.unzip();
    NcfWeights {
        kind,
        activation: Activation::Relu,
        gmf_user,
        gmf_item,
        mlp_user: None,
        mlp_item: None,
        layers: Vec::new(),
        out_weight,
        out_bias,
    }
}

/// Checks `w` and that it holds a network of `kind`.
pub(super) fn check_kind(w: &NcfWeights, kind: NcfKind) -> Result<()> {
    w.check()?;
    if w.kind != kind {
        return Err(NcfError::Model(format!("{} weights, not {kind}", w.kind)));
    }
    Ok(())
}

fn param2<B: Backend>(m: &Matrix, device: &B::Device) -> Param<Tensor<B, 2>> {
    Param::from_tensor(Tensor::from_data(
        TensorData::new(m.data.clone(), [m.rows, m.cols]),
        device,
    ))
}

fn param1<B: Backend>(v: &[f32], device: &B::Device) -> Param<Tensor<B, 1>> {
    Param::from_tensor(Tensor::from_data(
        TensorData::new(v.to_vec(), [v.len()]),
        device,
    ))
}

/// An embedding table holding `m`, or an error naming `what` if there is none.
pub(super) fn embedding<B: Backend>(
    m: &Option<Matrix>,
    what: &str,
    device: &B::Device,
) -> Result<Embedding<B>> {
    let m = m
        .as_ref()
        .ok_or_else(|| NcfError::Model(format!("missing {what} embeddings")))?;
    Ok(Embedding {
        weight: param2(m, device),
    })
}

/// A linear layer with weights `w` (`[in, out]`) and bias `b`.
pub(super) fn linear<B: Backend>(w: &Matrix, b: &[f32], device: &B::Device) -> Linear<B> {
    Linear {
        weight: param2(w, device),
        bias: Some(param1(b, device)),
    }
}

/// The `d → 1` output layer of `w`.
pub(super) fn out_layer<B: Backend>(w: &NcfWeights, device: &B::Device) -> Result<Linear<B>> {
    let d = w.out_weight.len();
    Ok(linear(
        &Matrix::new(d, 1, w.out_weight.clone())?,
        &[w.out_bias],
        device,
    ))
}
