//! [`Ridge`]: a small ridge regression by its normal equations, solved by Cholesky in `f64`:
//! the closed-form solve behind folding a user into a factor model.

/// The normal equations `(XᵀX + diag(λ)) θ = Xᵀy` of a ridge regression with `dim` unknowns,
/// accumulated one observation at a time.
///
/// ```
/// use recsys_core::ridge::Ridge;
/// // y = 2x fitted on (1, 2) and (2, 4) with λ = 1: θ = Σxy / (Σx² + 1) = 10 / 6
/// let mut r = Ridge::new(1);
/// r.add(&[1.0], 2.0);
/// r.add(&[2.0], 4.0);
/// let theta = r.solve(&[1.0]).unwrap();
/// assert!((theta[0] - 10.0 / 6.0).abs() < 1e-12);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Ridge {
    dim: usize,
    a: Vec<f64>,
    b: Vec<f64>,
}

impl Ridge {
    /// Empty equations for `dim` unknowns.
    pub fn new(dim: usize) -> Self {
        Self {
            dim,
            a: vec![0.0; dim * dim],
            b: vec![0.0; dim],
        }
    }

    /// Adds the observation `y ≈ x·θ` (`x.len() == dim`; extra entries are ignored, missing
    /// ones count as zero).
    pub fn add(&mut self, x: &[f64], y: f64) {
        let d = self.dim;
        let x = &x[..x.len().min(d)];
        for (r, &xr) in x.iter().enumerate() {
            self.b[r] += xr * y;
            let row = &mut self.a[r * d..r * d + x.len()];
            for (a, &xc) in row.iter_mut().zip(x) {
                *a += xr * xc;
            }
        }
    }

    /// θ for the penalties `lambda` (one per unknown, each ≥ 0; missing ones are 0), by
    /// Cholesky; `None` when the system is not positive definite (a zero penalty on an
    /// unknown the observations do not determine, or a non-finite input).
    pub fn solve(&self, lambda: &[f64]) -> Option<Vec<f64>> {
        let d = self.dim;
        let mut l = vec![0.0f64; d * d];
        for i in 0..d {
            for j in 0..=i {
                let s: f64 = (0..j).map(|m| l[i * d + m] * l[j * d + m]).sum();
                if i == j {
                    let v = self.a[i * d + i] + lambda.get(i).copied().unwrap_or(0.0) - s;
                    if !(v > 0.0 && v.is_finite()) {
                        return None;
                    }
                    l[i * d + i] = v.sqrt();
                } else {
                    l[i * d + j] = (self.a[i * d + j] - s) / l[j * d + j];
                }
            }
        }
        let mut z = vec![0.0f64; d];
        for i in 0..d {
            let s: f64 = (0..i).map(|m| l[i * d + m] * z[m]).sum();
            z[i] = (self.b[i] - s) / l[i * d + i];
        }
        let mut x = vec![0.0f64; d];
        for i in (0..d).rev() {
            let s: f64 = (i + 1..d).map(|m| l[m * d + i] * x[m]).sum();
            x[i] = (z[i] - s) / l[i * d + i];
        }
        x.iter().all(|v| v.is_finite()).then_some(x)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    #[test]
    fn two_unknowns_by_hand() {
        // y = 1 + 2t at t = 0, 1, 2 through x = (t, 1); λ = (0.5, 0.25)
        let mut r = Ridge::new(2);
        for t in 0..3 {
            let t = t as f64;
            r.add(&[t, 1.0], 1.0 + 2.0 * t);
        }
        // XᵀX = [[5, 3], [3, 3]], Xᵀy = [2·1+1·3+... ] = [0+3+10, 1+3+5] = [13, 9]
        // (XᵀX + diag(λ)) = [[5.5, 3], [3, 3.25]]; det = 17.875 - 9 = 8.875
        let theta = r.solve(&[0.5, 0.25]).unwrap();
        assert_relative_eq!(theta[0], (3.25 * 13.0 - 3.0 * 9.0) / 8.875, epsilon = 1e-12);
        assert_relative_eq!(theta[1], (5.5 * 9.0 - 3.0 * 13.0) / 8.875, epsilon = 1e-12);
    }

    #[test]
    fn undetermined_without_penalty_is_none() {
        let mut r = Ridge::new(2);
        r.add(&[1.0, 0.0], 1.0);
        assert!(r.solve(&[0.0, 0.0]).is_none());
        assert!(r.solve(&[0.0, 1e-3]).is_some());
    }
}
