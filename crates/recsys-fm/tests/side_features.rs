//! Side features by raw id as feature groups (`BlockBuilder::add_side`,
//! `UserItemFeatures::with_side`): every row gets the values of its own raw id, whatever the
//! order of the index space.

use recsys_core::side::SideFeatures;
use recsys_core::{DuplicatePolicy, InteractionsBuilder};
use recsys_fm::features::UserItemFeatures;

#[test]
fn rows_follow_raw_ids_and_unknown_ids_are_skipped() {
    // users 30 and 10 (dense 0 and 1: first seen first), items 7 and 5
    let mut b = InteractionsBuilder::new();
    for (u, i) in [(30, 7), (10, 5), (30, 5)] {
        b.push(u, i, 4.0, None).unwrap();
    }
    let train = b.build(DuplicatePolicy::Error).unwrap();
    let (u10, u30) = (train.user_index(10).unwrap(), train.user_index(30).unwrap());
    let mut users = SideFeatures::default();
    let age = users.group("age", 3).unwrap();
    users.set(10, age, 2, 1.0).unwrap();
    users.set(30, age, 0, 1.0).unwrap();
    users.set(99, age, 1, 1.0).unwrap(); // not in the training data
    let mut items = SideFeatures::default();
    let genre = items.group("genre", 2).unwrap();
    items.set_normalized(5, genre, &[0, 1]).unwrap();

    let f = UserItemFeatures::with_side(&train, false, &users, &items).unwrap();
    let groups: Vec<&str> = f.user.groups().iter().map(|g| g.name.as_str()).collect();
    assert_eq!(groups, ["user", "age"]);
    // the user block: 2 one-hot ids, then age's 3 columns
    assert_eq!(f.user.row(u10 as usize).0, [u10, 2 + 2]);
    assert_eq!(f.user.row(u30 as usize).0, [u30, 2]);
    let i5 = train.item_index(5).unwrap();
    let i7 = train.item_index(7).unwrap();
    let (cols, vals) = f.item.row(i5 as usize);
    assert_eq!(cols, [i5, 2, 3]);
    assert!((vals[1] - 0.5f32.sqrt()).abs() < 1e-7);
    // item 7 has no side values: its id only
    assert_eq!(f.item.row(i7 as usize).0, [i7]);
    // no side features at all: the plain blocks
    let none = SideFeatures::default();
    assert_eq!(
        UserItemFeatures::with_side(&train, true, &none, &none).unwrap(),
        UserItemFeatures::from_interactions(&train, true).unwrap()
    );
}

#[test]
fn a_side_group_named_like_an_id_group_is_an_error() {
    let mut b = InteractionsBuilder::new();
    b.push(1, 1, 4.0, None).unwrap();
    let train = b.build(DuplicatePolicy::Error).unwrap();
    let mut items = SideFeatures::default();
    items.group("item", 1).unwrap();
    let e = UserItemFeatures::with_side(&train, false, &SideFeatures::default(), &items)
        .unwrap_err()
        .to_string();
    assert!(e.contains("`item`") && e.contains("twice"), "{e}");
}
