//! [`XorShift`]: Marsaglia's xorshift64 stream, and [`random_ratings`] drawn from it.

use recsys_core::{DuplicatePolicy, Interactions, InteractionsBuilder};

/// Marsaglia's xorshift64 (shifts 13, 7, 17): a tiny deterministic stream for test data. The
/// state must not be 0 (the stream would stay 0).
///
/// ```
/// let mut x = recsys_testkit::XorShift(1);
/// assert_eq!(x.next_u64(), 1_082_269_761);
/// assert_eq!(x.0, 1_082_269_761);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XorShift(pub u64);

impl XorShift {
    /// Advances the state and returns it.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
}

/// `users` × `items` (raw ids from 0) with about 30% of the cells rated 1..5, drawn by
/// [`XorShift`] from `seed` (non-zero); no timestamps.
///
/// ```
/// let m = recsys_testkit::random_ratings(50, 30, 7);
/// assert!(m.nnz() > 300 && m.nnz() < 600);
/// ```
pub fn random_ratings(users: u64, items: u64, seed: u64) -> Interactions {
    let mut b = InteractionsBuilder::new();
    let mut rng = XorShift(seed);
    for u in 0..users {
        for i in 0..items {
            let x = rng.next_u64();
            if x % 10 < 3 {
                b.push(u, i, 1.0 + ((x >> 9) % 5) as f32, None)
                    .expect("finite rating");
            }
        }
    }
    b.build(DuplicatePolicy::KeepLast).expect("some ratings")
}

/// Two groups of `users` users (even and odd raw ids) over 40 items: each user interacts with 8
/// distinct items of their group's 20 (items 0..20 and 20..40), drawn by [`XorShift`] from
/// `seed` (non-zero), at timestamps 0..8 in the order drawn, each with the value `rating`. A
/// user's latest item is one of their group's, so a model that learns the groups ranks it high.
///
/// ```
/// let m = recsys_testkit::two_groups(10, 3, 1.0);
/// assert_eq!((m.n_users(), m.nnz()), (10, 80));
/// ```
pub fn two_groups(users: u64, seed: u64, rating: f32) -> Interactions {
    let mut b = InteractionsBuilder::new();
    let mut rng = XorShift(seed);
    for u in 0..users {
        let mut seen = Vec::new();
        while seen.len() < 8 {
            let i = (u % 2) * 20 + rng.next_u64() % 20;
            if !seen.contains(&i) {
                seen.push(i);
            }
        }
        for (t, &i) in seen.iter().enumerate() {
            b.push(u, i, rating, Some(t as u32)).expect("finite rating");
        }
    }
    b.build(DuplicatePolicy::KeepLast).expect("some ratings")
}

/// New ratings for [`two_groups`] data, as the incremental-update tests add them: a new user
/// `new_user` with 5 items of group 0 (raw items 0, 3, 6, 9, 12), two more items of group 1
/// (21, 22) for raw user 3, and a new item `new_item` for raw user 2 and the new user; values
/// 1, timestamps from 100.
///
/// ```
/// let news = recsys_testkit::two_groups_news(500, 90);
/// assert_eq!(news.len(), 9);
/// assert_eq!(news[0], (500, 0, 1.0, Some(100)));
/// ```
pub fn two_groups_news(new_user: u64, new_item: u64) -> Vec<(u64, u64, f32, Option<u32>)> {
    let mut new: Vec<(u64, u64, f32, Option<u32>)> =
        (0..5).map(|i| (new_user, i * 3, 1.0, Some(100))).collect();
    new.extend([(3, 21, 1.0, Some(100)), (3, 22, 1.0, Some(101))]);
    new.extend([
        (2, new_item, 1.0, Some(102)),
        (new_user, new_item, 1.0, Some(103)),
    ]);
    new
}
