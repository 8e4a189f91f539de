//! Candidate sets: per user, the held-out positive item(s) and the sampled negatives a ranking
//! evaluation scores, so that two systems can score exactly the same candidates.
//!
//! Formats, read into the dense indices of a loaded dataset (raw ids mapped through its
//! [`IdMap`]s; an unknown id is a [`CoreError::Parse`] naming the file and line):
//!
//! * the peers' protocol files `ncf_loo_<dataset>.tsv` ([`CandidateSet::read_peers_tsv`],
//!   [`CandidateSet::write_peers_tsv`]): an optional `#` header, then
//!   `user \t test_item \t test_timestamp \t neg1,neg2,...` in raw ids;
//! * the NCF paper repository (He et al. 2017, `hexiangnan/neural_collaborative_filtering`)
//!   ([`CandidateSet::read_ncf_paper`]): `<name>.test.rating` with `user \t item \t rating \t
//!   timestamp` and `<name>.test.negative` with `(user,item) \t neg1 \t neg2 ...`, line by line
//!   for the same (user, item) pairs.
//!
//! Every set satisfies: each user appears once, has at least one positive, no duplicate among
//! positives or negatives, and no negative equal to a positive.

use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use crate::error::{CoreError, Result};
use crate::ids::IdMap;
use crate::interactions::Interactions;
use crate::reader::{self, Ctx};
use crate::sampling::{NegativeSampler, seeded_rng};
use crate::split::Split;

/// One user's candidates, in dense indices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserCandidates {
    /// Dense user index.
    pub user: u32,
    /// The held-out positive items.
    pub positives: Vec<u32>,
    /// Timestamps of the positives, aligned with `positives` (0 when unknown).
    pub timestamps: Vec<u32>,
    /// The negative items.
    pub negatives: Vec<u32>,
}

/// Candidates of many users over the index space of one dataset.
#[derive(Debug, Clone)]
pub struct CandidateSet {
    users: Arc<IdMap>,
    items: Arc<IdMap>,
    entries: Vec<UserCandidates>,
    /// Position in `entries` of each user, `u32::MAX` for none.
    slot: Vec<u32>,
}

/// What is wrong with an entry, if anything.
fn invalid(e: &UserCandidates, n_users: usize, n_items: usize) -> Option<String> {
    if e.user as usize >= n_users {
        return Some(format!("user index {} outside {n_users} users", e.user));
    }
    if e.positives.is_empty() {
        return Some("no positive item".into());
    }
    if e.timestamps.len() != e.positives.len() {
        return Some("timestamps not aligned with positives".into());
    }
    let mut all: Vec<u32> = e.positives.iter().chain(&e.negatives).copied().collect();
    if let Some(&i) = all.iter().find(|&&i| i as usize >= n_items) {
        return Some(format!("item index {i} outside {n_items} items"));
    }
    all.sort_unstable();
    let dup = all.windows(2).find(|w| w[0] == w[1])?[0];
    Some(
        if e.positives.contains(&dup) && e.negatives.contains(&dup) {
            format!("negative item index {dup} is a positive")
        } else {
            format!("item index {dup} listed twice")
        },
    )
}

impl CandidateSet {
    /// A set over the index space of `m`. Errors ([`CoreError::InvalidParameter`]) when an entry
    /// breaks the invariants of the module documentation.
    pub fn new(m: &Interactions, entries: Vec<UserCandidates>) -> Result<Self> {
        let mut set = Self::empty(m);
        for e in entries {
            set.push(e)
                .map_err(|msg| CoreError::param("entries", msg))?;
        }
        Ok(set)
    }

    fn empty(m: &Interactions) -> Self {
        Self {
            users: m.shared_users(),
            items: m.shared_items(),
            entries: Vec::new(),
            slot: vec![u32::MAX; m.n_users()],
        }
    }

    fn push(&mut self, e: UserCandidates) -> std::result::Result<(), String> {
        if let Some(msg) = invalid(&e, self.users.len(), self.items.len()) {
            return Err(msg);
        }
        let slot = &mut self.slot[e.user as usize];
        if *slot != u32::MAX {
            return Err(format!("user index {} listed twice", e.user));
        }
        *slot = self.entries.len() as u32;
        self.entries.push(e);
        Ok(())
    }

    /// Number of users with candidates.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no user has candidates.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entries, in file (or construction) order.
    pub fn entries(&self) -> &[UserCandidates] {
        &self.entries
    }

    /// The candidates of dense `user`, if any.
    pub fn get(&self, user: u32) -> Option<&UserCandidates> {
        let k = *self.slot.get(user as usize)?;
        self.entries.get(k as usize)
    }

    /// Whether the set uses the index space of `m`.
    pub fn same_index_space(&self, m: &Interactions) -> bool {
        (Arc::ptr_eq(&self.users, &m.shared_users()) || *self.users == *m.users())
            && (Arc::ptr_eq(&self.items, &m.shared_items()) || *self.items == *m.items())
    }

    /// How many listed negatives are positives of their user in `m` (0 for a sound set).
    pub fn negatives_rated_in(&self, m: &Interactions) -> usize {
        self.entries
            .iter()
            .map(|e| {
                e.negatives
                    .iter()
                    .filter(|&&i| m.contains(e.user, i))
                    .count()
            })
            .sum()
    }

    /// One entry per user with test ratings in `split`: the user's test items as positives and
    /// `n_neg` distinct negatives, uniformly among the items the user has in neither train nor
    /// test ([`NegativeSampler::sample_distinct`], one generator seeded by `seed`, users in
    /// ascending index order). Errors when the test part is empty or a user has fewer than
    /// `n_neg` such items ([`CoreError::TooFewNegatives`]).
    pub fn from_split(split: &Split, n_neg: usize, seed: u64) -> Result<Self> {
        if split.test.is_empty() {
            return Err(CoreError::Empty("candidates: empty test part".into()));
        }
        let sampler = NegativeSampler::new(&[&split.train, &split.test])?;
        let mut rng = seeded_rng(seed);
        let mut set = Self::empty(&split.test);
        for u in 0..split.test.n_users() as u32 {
            let row = split.test.row(u);
            if row.is_empty() {
                continue;
            }
            let mut negatives = Vec::with_capacity(n_neg);
            sampler.sample_distinct(u, n_neg, &mut rng, &mut negatives)?;
            set.push(UserCandidates {
                user: u,
                positives: row.items.to_vec(),
                timestamps: row.timestamps.to_vec(),
                negatives,
            })
            .map_err(|msg| CoreError::param("split", msg))?;
        }
        Ok(set)
    }

    /// Reads a peers' protocol file (`user \t test_item \t test_timestamp \t neg1,...`, raw ids;
    /// lines starting with `#` and blank lines skipped) in the index space of `m`.
    pub fn read_peers_tsv(path: &Path, m: &Interactions) -> Result<Self> {
        let buf = reader::read_file(path)?;
        let mut set = Self::empty(m);
        reader::each_line(path, &buf, |ctx, bytes| {
            let t = reader::trim(bytes);
            if t.starts_with(b"#") {
                return Ok(());
            }
            let f: Vec<&[u8]> = reader::split_fields(t, b"\t").collect();
            let [user, item, ts, negs] = f[..] else {
                return Err(ctx.err(format!(
                    "expected user, test_item, test_timestamp, negatives (4 tab-separated fields), got {}",
                    f.len()
                )));
            };
            let negatives = if reader::trim(negs).is_empty() {
                Vec::new()
            } else {
                reader::split_fields(negs, b",")
                    .map(|n| item_of(ctx, m, n))
                    .collect::<Result<_>>()?
            };
            set.push(UserCandidates {
                user: user_of(ctx, m, user)?,
                positives: vec![item_of(ctx, m, item)?],
                timestamps: vec![ctx.u32(ts, "test_timestamp")?],
                negatives,
            })
            .map_err(|msg| ctx.err(msg))
        })?;
        Ok(set)
    }

    /// Writes the peers' protocol format (raw ids, a `#` header, entries in order). Errors when
    /// an entry has more than one positive, which the format cannot hold.
    pub fn write_peers_tsv(&self, path: &Path) -> Result<()> {
        let io = |e| CoreError::io(path, e);
        let mut s = String::new();
        let n = self.entries.first().map_or(0, |e| e.negatives.len());
        if self.entries.iter().all(|e| e.negatives.len() == n) {
            s.push_str(&format!(
                "# user\ttest_item\ttest_timestamp\tnegatives({n}, comma-separated)\n"
            ));
        } else {
            s.push_str("# user\ttest_item\ttest_timestamp\tnegatives(comma-separated)\n");
        }
        let raw_item = |i: u32| self.items.raw(i).unwrap_or_default();
        for e in &self.entries {
            let ([item], [ts]) = (&e.positives[..], &e.timestamps[..]) else {
                return Err(CoreError::param(
                    "candidates",
                    format!(
                        "user index {} has {} positives; the format holds one",
                        e.user,
                        e.positives.len()
                    ),
                ));
            };
            let negs: Vec<String> = e
                .negatives
                .iter()
                .map(|&i| raw_item(i).to_string())
                .collect();
            s.push_str(&format!(
                "{}\t{}\t{ts}\t{}\n",
                self.users.raw(e.user).unwrap_or_default(),
                raw_item(*item),
                negs.join(",")
            ));
        }
        let mut f = std::fs::File::create(path).map_err(io)?;
        f.write_all(s.as_bytes()).map_err(io)
    }

    /// Reads the NCF paper format: `test_rating` (`user \t item \t rating \t timestamp`) and
    /// `test_negative` (`(user,item) \t neg1 \t neg2 ...`), ids in the index space of `m` (the
    /// paper's files hold dense 0-based ids; load its `.train.rating` as `m`). The two files must
    /// list the same (user, item) pairs in the same order; a disagreement is a parse error at the
    /// `test_negative` line.
    pub fn read_ncf_paper(
        test_rating: &Path,
        test_negative: &Path,
        m: &Interactions,
    ) -> Result<Self> {
        let rbuf = reader::read_file(test_rating)?;
        let nbuf = reader::read_file(test_negative)?;
        let mut ratings = Vec::new();
        reader::each_line(test_rating, &rbuf, |rctx, bytes| {
            let f: Vec<&[u8]> = reader::split_fields(reader::trim(bytes), b"\t").collect();
            if f.len() < 2 || f.len() > 4 {
                return Err(rctx.err("expected user \\t item \\t rating \\t timestamp"));
            }
            let ts = match f.get(3) {
                Some(t) => rctx.u32(t, "timestamp")?,
                None => 0,
            };
            ratings.push((
                user_of(rctx, m, f[0])?,
                item_of(rctx, m, f[1])?,
                ts,
                rctx.line,
            ));
            Ok(())
        })?;
        let mut set = Self::empty(m);
        let mut next = ratings.iter();
        let last_line = reader::each_line(test_negative, &nbuf, |ctx, bytes| {
            let mut f = reader::split_fields(reader::trim(bytes), b"\t");
            let head = f.next().unwrap_or_default();
            let pair = head
                .strip_prefix(b"(")
                .and_then(|h| h.strip_suffix(b")"))
                .and_then(|h| {
                    let mut p = reader::split_fields(h, b",");
                    Some((p.next()?, p.next()?, p.next().is_none()))
                });
            let Some((u, i, true)) = pair else {
                return Err(ctx.err("expected `(user,item)` as the first field"));
            };
            let (user, item) = (user_of(ctx, m, u)?, item_of(ctx, m, i)?);
            let Some(&(ru, ri, ts, rline)) = next.next() else {
                return Err(ctx.err(format!(
                    "more lines than the {} ratings of {}",
                    ratings.len(),
                    test_rating.display()
                )));
            };
            if (ru, ri) != (user, item) {
                return Err(ctx.err(format!(
                    "pair ({},{}) differs from {}:{rline}",
                    String::from_utf8_lossy(u),
                    String::from_utf8_lossy(i),
                    test_rating.display()
                )));
            }
            let negatives = f
                .filter(|n| !reader::trim(n).is_empty())
                .map(|n| item_of(ctx, m, n))
                .collect::<Result<_>>()?;
            set.push(UserCandidates {
                user,
                positives: vec![item],
                timestamps: vec![ts],
                negatives,
            })
            .map_err(|msg| ctx.err(msg))
        })?;
        if set.len() != ratings.len() {
            return Err(CoreError::parse(
                test_negative,
                last_line + 1,
                format!(
                    "{} lines for the {} ratings of {}",
                    set.len(),
                    ratings.len(),
                    test_rating.display()
                ),
            ));
        }
        Ok(set)
    }
}

fn user_of(ctx: &Ctx, m: &Interactions, field: &[u8]) -> Result<u32> {
    let raw = ctx.u64(field, "user id")?;
    m.users()
        .index(raw)
        .ok_or_else(|| ctx.err(format!("unknown user id {raw}")))
}

fn item_of(ctx: &Ctx, m: &Interactions, field: &[u8]) -> Result<u32> {
    let raw = ctx.u64(field, "item id")?;
    m.items()
        .index(raw)
        .ok_or_else(|| ctx.err(format!("unknown item id {raw}")))
}
