//! [`Corrector`]: corrections for users whose catalogues differ in size, cached by size.

use std::collections::HashMap;

use super::{Correction, FullMetric};
use crate::EvalError;

/// Corrected per-user values for users whose catalogues differ in size: one [`Correction`] per
/// catalogue size, sizes rounded to 1% (at least 1 item) so that a dataset needs few of them.
#[derive(Debug, Clone)]
pub struct Corrector {
    metric: FullMetric,
    m: usize,
    gamma: f64,
    cache: HashMap<usize, Correction>,
}

impl Corrector {
    /// A corrector of `metric` for `m` sampled negatives with trade-off `gamma`.
    pub fn new(metric: FullMetric, m: usize, gamma: f64) -> Self {
        Self {
            metric,
            m,
            gamma,
            cache: HashMap::new(),
        }
    }

    /// The corrected value of sampled rank `r` for a user with `n` unseen items.
    pub fn value(&mut self, r: usize, n: usize) -> Result<f64, EvalError> {
        let step = (n / 100).max(1);
        let key = (n / step * step).max(self.m);
        if !self.cache.contains_key(&key) {
            let c = Correction::new(self.metric, key, self.m, self.gamma)?;
            self.cache.insert(key, c);
        }
        Ok(self.cache.get(&key).map_or(0.0, |c| c.value(r)))
    }
}
