//! Dense linear algebra in f64 for checking ALS's solves: shared by the unit tests of
//! `src/als` and by `tests/als.rs` (each includes this file as a module).

use approx::assert_relative_eq;

/// Solves the symmetric positive definite `a x = b` (n×n, row-major) by Cholesky, in f64.
pub fn cholesky_solve(a: &[f64], b: &[f64]) -> Vec<f64> {
    let n = b.len();
    let mut l = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..=i {
            let s: f64 = (0..j).map(|m| l[i * n + m] * l[j * n + m]).sum();
            l[i * n + j] = if i == j {
                let d = a[i * n + i] - s;
                assert!(d > 0.0, "not positive definite");
                d.sqrt()
            } else {
                (a[i * n + j] - s) / l[j * n + j]
            };
        }
    }
    let mut z = vec![0.0; n];
    for i in 0..n {
        let s: f64 = (0..i).map(|m| l[i * n + m] * z[m]).sum();
        z[i] = (b[i] - s) / l[i * n + i];
    }
    let mut x = vec![0.0; n];
    for i in (0..n).rev() {
        let s: f64 = (i + 1..n).map(|m| l[m * n + i] * x[m]).sum();
        x[i] = (z[i] - s) / l[i * n + i];
    }
    x
}

/// The exact minimizer for one row: `(FᵀF + λI + Σ_{j∈rows} (c_j − 1) f_j f_jᵀ) x = Σ c_j f_j`,
/// `F` the other side's factors (n×k row-major), built naively in f64.
pub fn direct_solve(f: &[f32], k: usize, reg: f64, rows: &[(usize, f64)]) -> Vec<f64> {
    let mut a = vec![0.0f64; k * k];
    for r in f.chunks_exact(k) {
        for i in 0..k {
            for j in 0..k {
                a[i * k + j] += f64::from(r[i]) * f64::from(r[j]);
            }
        }
    }
    for d in 0..k {
        a[d * k + d] += reg;
    }
    let mut b = vec![0.0f64; k];
    for &(j, c) in rows {
        let r = &f[j * k..(j + 1) * k];
        for i in 0..k {
            b[i] += c * f64::from(r[i]);
            for m in 0..k {
                a[i * k + m] += (c - 1.0) * f64::from(r[i]) * f64::from(r[m]);
            }
        }
    }
    cholesky_solve(&a, &b)
}

#[test]
fn cholesky_solves_a_hand_system() {
    // [[4, 2], [2, 3]] x = [2, 1]  →  x = [0.5, 0]
    let x = cholesky_solve(&[4.0, 2.0, 2.0, 3.0], &[2.0, 1.0]);
    assert_relative_eq!(x[0], 0.5, epsilon = 1e-12);
    assert_relative_eq!(x[1], 0.0, epsilon = 1e-12);
}
