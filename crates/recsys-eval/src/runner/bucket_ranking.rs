//! Ranking metrics per item-popularity bucket: how well a model finds a user's held-out items
//! of each bucket (under `cold-items`, the withheld movies bucketed by their number of
//! held-out ratings, as the rating metrics are).

use recsys_core::Interactions;

use super::{FoldValues, bucket_names, bucket_of};

/// Adds `hr@k[items b]` (per user with held-out items in bucket `b`: 1 if one of them is in the
/// top `k`) and `recall@k[items b]` (the share of the bucket's held-out items in the users' top
/// `k`, pooled over users) for every bucket of `bounds` that has held-out items. `lists` holds
/// each ranked user and their top-`k` list; `counts` each item's count.
pub(super) fn insert(
    v: &mut FoldValues,
    test: &Interactions,
    lists: &[(u32, &[u32])],
    counts: &[u32],
    bounds: &[u32],
    k: usize,
) {
    let n_b = bounds.len() + 1;
    // per user: (held-out items, hits) per bucket
    let per_user: Vec<Vec<(f64, f64)>> = lists
        .iter()
        .map(|&(u, list)| {
            let mut b = vec![(0.0, 0.0); n_b];
            for &i in test.user_items(u) {
                let c = &mut b[bucket_of(counts.get(i as usize).copied().unwrap_or(0), bounds)];
                c.0 += 1.0;
                if list.contains(&i) {
                    c.1 += 1.0;
                }
            }
            b
        })
        .collect();
    for (b, name) in bucket_names(bounds).into_iter().enumerate() {
        let users: Vec<(f64, f64)> = per_user
            .iter()
            .map(|x| x[b])
            .filter(|x| x.0 > 0.0)
            .collect();
        if users.is_empty() {
            continue;
        }
        let hit = users
            .iter()
            .map(|x| if x.1 > 0.0 { 1.0 } else { 0.0 })
            .collect();
        v.per_user.insert(format!("hr@{k}[items {name}]"), hit);
        v.ratio.insert(
            format!("recall@{k}[items {name}]"),
            (
                users.iter().map(|x| x.1).collect(),
                users.iter().map(|x| x.0).collect(),
                |x| x,
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two users, items with counts 1, 1, 3 and 9 under bounds [2, 5]: buckets `0-2`, `3-5`,
    /// `6+`, worked by hand.
    #[test]
    fn hits_and_recall_by_hand() {
        // pushed so that raw ids are the indices
        let test = Interactions::from_pairs([(0, 0), (0, 1), (1, 2), (0, 3), (1, 3)]).unwrap();
        let counts = [1, 1, 3, 9];
        // user 0 finds item 0 (bucket 0-2) and item 3 (6+); user 1 finds nothing
        let lists: Vec<(u32, &[u32])> = vec![(0, &[0, 3]), (1, &[0, 1])];
        let mut v = FoldValues::default();
        insert(&mut v, &test, &lists, &counts, &[2, 5], 2);
        assert_eq!(v.per_user["hr@2[items 0-2]"], vec![1.0]);
        assert_eq!(v.per_user["hr@2[items 3-5]"], vec![0.0]);
        assert_eq!(v.per_user["hr@2[items 6+]"], vec![1.0, 0.0]);
        let (hits, n, _) = &v.ratio["recall@2[items 0-2]"];
        // user 0 has items 0 and 1 in the bucket, finds one
        assert_eq!((hits.clone(), n.clone()), (vec![1.0], vec![2.0]));
        let (hits, n, _) = &v.ratio["recall@2[items 6+]"];
        assert_eq!((hits.clone(), n.clone()), (vec![1.0, 0.0], vec![1.0, 1.0]));
    }
}
