//! Where training runs: burn's `flex` CPU backend ([`CpuBackend`]), or burn's CUDA backend with
//! the `cuda` feature (without it, or without a GPU, an [`NcfError::BackendUnavailable`], never
//! a panic).

use burn::backend::Autodiff;
use recsys_core::traits::EpochRecord;

use crate::error::{NcfError, Result};
use crate::params::Device;
use crate::train::{Job, Trained, train_model};

/// burn's CPU backend used for training on [`Device::Cpu`].
pub type CpuBackend = burn::backend::Flex;

/// Runs `job` on `device`.
pub(crate) fn train_on(
    device: Device,
    job: Job<'_>,
    callback: &mut dyn FnMut(&EpochRecord),
) -> Result<Trained> {
    match device {
        Device::Cpu => train_model::<Autodiff<CpuBackend>>(job, &Default::default(), callback),
        Device::Cuda(k) => cuda::train(job, k, callback),
    }
}

#[cfg(feature = "cuda")]
mod cuda {
    use super::*;
    use burn::backend::Cuda;
    use burn::backend::cuda::CudaDevice;
    use std::panic::{AssertUnwindSafe, catch_unwind};

    fn panic_text(e: Box<dyn std::any::Any + Send>) -> String {
        e.downcast_ref::<String>()
            .cloned()
            .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_else(|| "the CUDA runtime panicked".into())
    }

    /// Trains on GPU `k`; a missing driver or GPU is [`NcfError::BackendUnavailable`].
    pub(super) fn train(
        job: Job<'_>,
        k: usize,
        callback: &mut dyn FnMut(&EpochRecord),
    ) -> Result<Trained> {
        let device = CudaDevice::new(k);
        catch_unwind(|| {
            burn::tensor::Tensor::<Cuda, 1>::zeros([1], &device)
                .into_data()
                .to_vec::<f32>()
                .is_ok()
        })
        .map_err(|e| {
            NcfError::BackendUnavailable(format!(
                "cuda:{k}: the CUDA device could not be initialized (no GPU, or no driver \
                 library libcuda.so; the runtime's panic message is printed above): {}",
                panic_text(e)
            ))
        })?;
        catch_unwind(AssertUnwindSafe(|| {
            train_model::<Autodiff<Cuda>>(job, &device, callback)
        }))
        .map_err(|e| NcfError::BackendUnavailable(format!("cuda:{k}: {}", panic_text(e))))?
    }
}

#[cfg(not(feature = "cuda"))]
mod cuda {
    use super::*;

    /// Always [`NcfError::BackendUnavailable`]: this build has no `cuda` feature.
    pub(super) fn train(
        _job: Job<'_>,
        k: usize,
        _callback: &mut dyn FnMut(&EpochRecord),
    ) -> Result<Trained> {
        Err(NcfError::BackendUnavailable(format!(
            "cuda:{k}: recsys-ncf was built without the `cuda` feature"
        )))
    }
}
