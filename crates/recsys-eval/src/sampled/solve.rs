//! A small dense linear solve (the correction's normal equations).

/// Solves the `w × w` system `a x = b` by Gaussian elimination with partial pivoting; `None`
/// when it is singular.
pub(super) fn solve(mut a: Vec<f64>, mut b: Vec<f64>, w: usize) -> Option<Vec<f64>> {
    let scale = a.iter().fold(0.0f64, |s, v| s.max(v.abs()));
    for col in 0..w {
        let pivot =
            (col..w).max_by(|&i, &j| a[i * w + col].abs().total_cmp(&a[j * w + col].abs()))?;
        if a[pivot * w + col].abs() <= scale * 1e-13 {
            return None;
        }
        if pivot != col {
            for k in 0..w {
                a.swap(pivot * w + k, col * w + k);
            }
            b.swap(pivot, col);
        }
        for i in col + 1..w {
            let f = a[i * w + col] / a[col * w + col];
            if f != 0.0 {
                for k in col..w {
                    a[i * w + k] -= f * a[col * w + k];
                }
                b[i] -= f * b[col];
            }
        }
    }
    let mut x = vec![0.0; w];
    for i in (0..w).rev() {
        let s: f64 = (i + 1..w).map(|k| a[i * w + k] * x[k]).sum();
        x[i] = (b[i] - s) / a[i * w + i];
    }
    Some(x)
}
