//! [`scores_of_known`]: dense scores read out for the items a model knows.

/// Writes `acc[j]` for each `j` of `items` into `out`, and `-inf` for items without training
/// interactions (`known[j]` false) or outside the index space.
pub(crate) fn scores_of_known(acc: &[f32], known: &[bool], items: &[u32], out: &mut [f32]) {
    for (o, &j) in out.iter_mut().zip(items) {
        *o = match (known.get(j as usize), acc.get(j as usize)) {
            (Some(true), Some(&a)) => a,
            _ => f32::NEG_INFINITY,
        };
    }
}
