//! The interaction matrix: duplicate policies, views and invariants.

use proptest::prelude::*;
use recsys_core::{CoreError, DuplicatePolicy, InteractionsBuilder};

fn build(
    rows: &[(u64, u64, f32, u32)],
    policy: DuplicatePolicy,
) -> Result<recsys_core::Interactions, CoreError> {
    let mut b = InteractionsBuilder::new();
    for &(u, i, r, t) in rows {
        b.push(u, i, r, Some(t))?;
    }
    b.build(policy)
}

#[test]
fn duplicate_policies_by_hand() {
    // user 1 rates item 5 three times: 2.0 @ t=10, 4.0 @ t=30, 3.0 @ t=20 (read in that order)
    let rows = [
        (1, 5, 2.0, 10),
        (1, 5, 4.0, 30),
        (2, 5, 1.0, 1),
        (1, 5, 3.0, 20),
    ];
    let last = build(&rows, DuplicatePolicy::KeepLast).unwrap();
    assert_eq!(last.rating_raw(1, 5), Some(4.0));
    assert_eq!(last.duplicates_merged(), 2);
    let first = build(&rows, DuplicatePolicy::KeepFirst).unwrap();
    assert_eq!(first.rating_raw(1, 5), Some(2.0));
    let mean = build(&rows, DuplicatePolicy::Mean).unwrap();
    assert_eq!(mean.rating_raw(1, 5), Some(3.0));
    let u = mean.user_index(1).unwrap();
    assert_eq!(mean.row(u).timestamps, &[30]);
    assert!(matches!(
        build(&rows, DuplicatePolicy::Error),
        Err(CoreError::Duplicate { user: 1, item: 5 })
    ));
    // equal timestamps: KeepLast takes the one read last, KeepFirst the one read first
    let tie = [(1, 5, 2.0, 7), (1, 5, 4.0, 7)];
    assert_eq!(
        build(&tie, DuplicatePolicy::KeepLast)
            .unwrap()
            .rating_raw(1, 5),
        Some(4.0)
    );
    assert_eq!(
        build(&tie, DuplicatePolicy::KeepFirst)
            .unwrap()
            .rating_raw(1, 5),
        Some(2.0)
    );
}

#[test]
fn rejects_non_finite_and_reports_unknown_ids() {
    let mut b = InteractionsBuilder::new();
    assert!(b.push(1, 1, f32::NAN, None).is_err());
    assert!(b.push(1, 1, f32::INFINITY, None).is_err());
    b.push(1, 1, 3.0, None).unwrap();
    let m = b.build(DuplicatePolicy::KeepLast).unwrap();
    assert!(!m.has_timestamps());
    assert!(matches!(
        m.user_index(9),
        Err(CoreError::UnknownId {
            kind: "user",
            id: 9
        })
    ));
    assert!(matches!(
        m.item_index(9),
        Err(CoreError::UnknownId {
            kind: "item",
            id: 9
        })
    ));
    assert!(m.row(99).is_empty());
    assert!(m.select(&[true, false]).is_err());
}

#[test]
fn empty_matrix_is_fine() {
    let m = InteractionsBuilder::new()
        .build(DuplicatePolicy::KeepLast)
        .unwrap();
    assert_eq!((m.n_users(), m.n_items(), m.nnz()), (0, 0, 0));
    assert_eq!(m.global_mean(), None);
    assert_eq!(m.iter().count(), 0);
}

proptest! {
    #[test]
    fn rows_sorted_unique_and_by_item_consistent(
        rows in proptest::collection::vec((0u64..20, 0u64..30, 1u8..=5, 0u32..1000), 0..200)
    ) {
        let rows: Vec<(u64, u64, f32, u32)> = rows.into_iter().map(|(u, i, r, t)| (u, i, f32::from(r), t)).collect();
        let m = build(&rows, DuplicatePolicy::KeepLast).unwrap();
        let mut pairs: Vec<(u64, u64)> = rows.iter().map(|r| (r.0, r.1)).collect();
        pairs.sort_unstable();
        pairs.dedup();
        prop_assert_eq!(m.nnz(), pairs.len());
        prop_assert_eq!(m.nnz() + m.duplicates_merged(), rows.len());
        for u in 0..m.n_users() as u32 {
            let r = m.row(u);
            prop_assert!(r.items.windows(2).all(|w| w[0] < w[1]));
        }
        // every kept rating is the latest of its pair (ties: read last)
        for e in m.iter() {
            let (ru, ri) = (m.users().raw(e.user).unwrap(), m.items().raw(e.item).unwrap());
            let mut best: Option<(u32, f32)> = None;
            for &(u, i, r, t) in &rows {
                if (u, i) == (ru, ri) && best.is_none_or(|(bt, _)| t >= bt) {
                    best = Some((t, r));
                }
            }
            prop_assert_eq!(Some((e.timestamp, e.rating)), best);
        }
        let by_item = m.by_item();
        let mut n = 0;
        for i in 0..m.n_items() as u32 {
            let (users, ratings) = by_item.item(i);
            n += users.len();
            for (&u, &r) in users.iter().zip(ratings) {
                prop_assert_eq!(m.rating(u, i), Some(r));
            }
        }
        prop_assert_eq!(n, m.nnz());
        let counts: u32 = m.user_counts().iter().sum();
        prop_assert_eq!(counts as usize, m.nnz());
        let imp = m.implicit(4.0);
        prop_assert!(imp.iter().all(|e| e.rating == 1.0 && m.rating(e.user, e.item).unwrap() >= 4.0));
        prop_assert!(imp.same_index_space(&m));
    }
}
