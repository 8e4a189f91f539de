//! Saving and loading [`ContentKnn`], [`ContentProfile`] and [`Hybrid`] in `recsys-data`'s model
//! file format (format version, checksum, atomic writes).
//!
//! A content model's file holds its training ratings and its items' content (TF-IDF rows and
//! content neighbours), so it predicts without the catalog. A hybrid's file nests its
//! collaborative model's own file and its [`ContentKnn`]'s; loading the collaborative part is
//! the caller's (`recsys::models::load_model` dispatches on the nested file's kind), since this
//! crate names no model crate.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use recsys_core::IdMap;
use recsys_core::persist::{ModelReader, ModelWriter, Saved};
use recsys_core::traits::{BoxError, Model, SaveModel};
use recsys_text::CsrMatrix;
use serde_json::json;

use super::{Biases, ContentKnn, ContentKnnParams, ContentProfile, Hybrid, ItemContent};
use crate::HybridError;

/// The kind of a [`ContentKnn`] file.
pub const CONTENT_KNN_KIND: &str = "content-knn";
/// The kind of a [`ContentProfile`] file.
pub const CONTENT_PROFILE_KIND: &str = "content-profile";
/// The kind of a [`Hybrid`] file.
pub const HYBRID_KIND: &str = "hybrid";

/// Reads a model of any kind from an open model file: how [`Hybrid::load`] gets its
/// collaborative model.
pub type LoadModel<'a> = dyn Fn(&ModelReader) -> Result<Box<dyn Model>, BoxError> + 'a;

/// "No catalog row" in the `content_row_of` section.
const NO_ROW: u32 = u32::MAX;

fn bad_file(r: &ModelReader, what: impl Into<String>) -> HybridError {
    HybridError::InvalidParameter {
        name: "model file",
        reason: format!("{}: {}", r.path().display(), what.into()),
    }
}

/// The id maps must be the training data's: one entry per index.
fn check_maps(
    train: &recsys_core::Interactions,
    users: &IdMap,
    items: &IdMap,
) -> Result<(), HybridError> {
    if users.len() != train.n_users() || items.len() != train.n_items() {
        return Err(HybridError::InvalidParameter {
            name: "id maps",
            reason: format!(
                "{} users × {} items given, the model was fitted on {} × {}",
                users.len(),
                items.len(),
                train.n_users(),
                train.n_items()
            ),
        });
    }
    Ok(())
}

fn write_content<'a>(w: &mut ModelWriter<'a>, c: &'a ItemContent) -> Result<(), HybridError> {
    let rows = &c.rows;
    let indptr: Vec<u64> = rows.indptr().iter().map(|&x| x as u64).collect();
    w.section_u64("content_indptr", &[indptr.len() as u64], indptr)?;
    w.section_u32("content_indices", &[rows.nnz() as u64], rows.indices())?;
    w.section_f32("content_data", &[rows.nnz() as u64], rows.data())?;
    w.section_u64("content_cols", &[], vec![rows.n_cols() as u64])?;
    let row_of: Vec<u32> = c.row_of.iter().map(|r| r.unwrap_or(NO_ROW)).collect();
    w.section_u32("content_row_of", &[row_of.len() as u64], row_of)?;
    let lens: Vec<u64> = c.neighbours.iter().map(|n| n.len() as u64).collect();
    let ids: Vec<u32> = c.neighbours.iter().flatten().map(|x| x.0).collect();
    let sims: Vec<f32> = c.neighbours.iter().flatten().map(|x| x.1).collect();
    w.section_u64("neighbour_len", &[lens.len() as u64], lens)?;
    w.section_u32("neighbour_items", &[ids.len() as u64], ids)?;
    w.section_f32("neighbour_sims", &[sims.len() as u64], sims)?;
    Ok(())
}

fn read_content(r: &ModelReader, n_items: usize) -> Result<ItemContent, HybridError> {
    let indptr = r
        .u64("content_indptr")?
        .1
        .into_iter()
        .map(usize::try_from)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|_| bad_file(r, "content_indptr does not fit in memory"))?;
    let n_cols = r.u64_with_shape("content_cols", &[])?;
    let n_cols = n_cols
        .first()
        .and_then(|&c| usize::try_from(c).ok())
        .ok_or_else(|| bad_file(r, "content_cols"))?;
    let rows = CsrMatrix::from_parts(
        n_cols,
        indptr,
        r.u32("content_indices")?.1,
        r.f32("content_data")?.1,
    )?;
    let row_of = r.u32_with_shape("content_row_of", &[n_items as u64])?;
    let row_of: Vec<Option<u32>> = row_of
        .into_iter()
        .map(|x| match x {
            NO_ROW => Ok(None),
            x if (x as usize) < rows.n_rows() => Ok(Some(x)),
            x => Err(bad_file(r, format!("content row {x} of {}", rows.n_rows()))),
        })
        .collect::<Result<_, _>>()?;
    let lens = r.u64_with_shape("neighbour_len", &[n_items as u64])?;
    let total = lens
        .iter()
        .try_fold(0u64, |a, &b| a.checked_add(b))
        .ok_or_else(|| bad_file(r, "neighbour lengths overflow"))?;
    let ids = r.u32_with_shape("neighbour_items", &[total])?;
    let sims = r.f32_with_shape("neighbour_sims", &[total])?;
    let mut neighbours = Vec::with_capacity(n_items);
    let mut at = 0usize;
    for &n in &lens {
        let n = n as usize;
        let row: Vec<(u32, f32)> = ids[at..at + n]
            .iter()
            .copied()
            .zip(sims[at..at + n].iter().copied())
            .collect();
        if let Some(&(j, _)) = row.iter().find(|x| x.0 as usize >= n_items) {
            return Err(bad_file(r, format!("neighbour item {j} of {n_items}")));
        }
        neighbours.push(row);
        at += n;
    }
    Ok(ItemContent {
        rows,
        row_of,
        neighbours,
    })
}

/// What both content models write after their own sections: the training ratings, the items'
/// content and the id maps.
fn write_common<'a>(
    w: &mut ModelWriter<'a>,
    train: &'a recsys_core::Interactions,
    content: &'a ItemContent,
    users: &'a IdMap,
    items: &'a IdMap,
) -> Result<(), HybridError> {
    w.interactions("train", train)?;
    write_content(w, content)?;
    w.id_map("users", users)?;
    w.id_map("items", items)?;
    Ok(())
}

/// An error unless `r` holds a model of `kind`.
fn expect_kind(r: &ModelReader, kind: &str) -> Result<(), HybridError> {
    if r.kind() == kind {
        Ok(())
    } else {
        Err(bad_file(r, format!("a `{}` model, not {kind}", r.kind())))
    }
}

/// The training data of a content model: ratings and id maps.
fn read_train(r: &ModelReader) -> Result<(recsys_core::Interactions, IdMap, IdMap), HybridError> {
    let users = r.id_map("users")?;
    let items = r.id_map("items")?;
    let train = r.interactions("train", Arc::new(users.clone()), Arc::new(items.clone()))?;
    Ok((train, users, items))
}

impl ContentKnn {
    /// A model file writer holding the model (biases, training ratings, the items' content and
    /// settings) and the id maps of its training data.
    pub fn writer<'a>(
        &'a self,
        users: &'a IdMap,
        items: &'a IdMap,
    ) -> Result<ModelWriter<'a>, HybridError> {
        check_maps(&self.train, users, items)?;
        let b = &self.biases;
        let meta = json!({
            "k": self.params.k,
            "shrink": self.params.shrink,
            "content_prior": self.params.content_prior,
        });
        let mut w = ModelWriter::new(CONTENT_KNN_KIND, meta);
        // the scalars as f32 sections: bit-exact, unlike a JSON round trip
        w.section_f32("mean_lo_hi", &[3], vec![b.mean, b.lo, b.hi])?;
        w.section_f32("user_bias", &[b.user.len() as u64], &b.user[..])?;
        w.section_f32("item_bias", &[b.item.len() as u64], &b.item[..])?;
        write_common(&mut w, &self.train, &self.content, users, items)?;
        Ok(w)
    }

    /// Reads the model from an open model file (see [`ContentKnn::load`]).
    pub fn from_reader(r: &ModelReader) -> Result<Saved<ContentKnn>, HybridError> {
        expect_kind(r, CONTENT_KNN_KIND)?;
        let params = ContentKnnParams {
            k: r.meta_field("k")?,
            shrink: r.meta_field("shrink")?,
            content_prior: r.meta_field("content_prior")?,
        };
        params.check()?;
        let (train, users, items) = read_train(r)?;
        let s = r.f32_with_shape("mean_lo_hi", &[3])?;
        // predictions are clamped to [lo, hi]
        if !(s.iter().all(|x| x.is_finite()) && s[1] <= s[2]) {
            return Err(bad_file(
                r,
                format!("mean {}, rating range [{}, {}]", s[0], s[1], s[2]),
            ));
        }
        let (nu, ni) = (train.n_users() as u64, train.n_items() as u64);
        let biases = Biases {
            mean: s[0],
            lo: s[1],
            hi: s[2],
            user: r.f32_with_shape("user_bias", &[nu])?,
            item: r.f32_with_shape("item_bias", &[ni])?,
        };
        let content = Arc::new(read_content(r, train.n_items())?);
        Ok(Saved {
            model: ContentKnn {
                biases,
                train,
                content,
                params,
            },
            users,
            items,
        })
    }
}

impl ContentProfile {
    /// A model file writer holding the model (training ratings and the items' content) and the
    /// id maps of its training data.
    pub fn writer<'a>(
        &'a self,
        users: &'a IdMap,
        items: &'a IdMap,
    ) -> Result<ModelWriter<'a>, HybridError> {
        check_maps(&self.train, users, items)?;
        let mut w = ModelWriter::new(CONTENT_PROFILE_KIND, json!({}));
        write_common(&mut w, &self.train, &self.content, users, items)?;
        Ok(w)
    }

    /// Reads the model from an open model file (see [`ContentProfile::load`]).
    pub fn from_reader(r: &ModelReader) -> Result<Saved<ContentProfile>, HybridError> {
        expect_kind(r, CONTENT_PROFILE_KIND)?;
        let (train, users, items) = read_train(r)?;
        let content = Arc::new(read_content(r, train.n_items())?);
        Ok(Saved {
            model: ContentProfile::from_parts(train, content),
            users,
            items,
        })
    }
}

/// Reads the model file nested in section `name` of `r`.
fn nested(r: &ModelReader, name: &str) -> Result<ModelReader, HybridError> {
    let bytes = r.bytes(name)?.1;
    let mut origin = r.path().as_os_str().to_owned();
    origin.push(format!("#{name}"));
    Ok(ModelReader::from_bytes(bytes, PathBuf::from(origin), None)?)
}

impl Hybrid {
    /// A model file writer holding the blend's settings and counts, the collaborative model's
    /// own file and the content model's file. Errors if the collaborative model does not save.
    pub fn writer<'a>(
        &'a self,
        users: &'a IdMap,
        items: &'a IdMap,
    ) -> Result<ModelWriter<'a>, BoxError> {
        let cf = self.cf.as_save().ok_or(HybridError::InvalidParameter {
            name: "cf",
            reason: "the collaborative model does not save".into(),
        })?;
        let cf_bytes = cf.model_writer(users, items)?.to_bytes()?;
        let knn_bytes = self.content.writer(users, items)?.to_bytes()?;
        let mut w = ModelWriter::new(HYBRID_KIND, json!({}));
        w.section_f64(
            "blend",
            &[3],
            vec![self.beta_item, self.beta_user, self.cold_floor],
        )?;
        w.section_u32(
            "user_counts",
            &[self.user_counts.len() as u64],
            &self.user_counts[..],
        )?;
        w.section_u32(
            "item_counts",
            &[self.item_counts.len() as u64],
            &self.item_counts[..],
        )?;
        w.section_bytes("cf", &[cf_bytes.len() as u64], cf_bytes)?;
        w.section_bytes("content_knn", &[knn_bytes.len() as u64], knn_bytes)?;
        w.id_map("users", users)?;
        w.id_map("items", items)?;
        Ok(w)
    }

    /// Saves the hybrid and the id maps of its training data to `path`, atomically.
    pub fn save(
        &self,
        path: impl AsRef<Path>,
        users: &IdMap,
        items: &IdMap,
    ) -> Result<(), BoxError> {
        self.writer(users, items)?.save(path)?;
        Ok(())
    }

    /// Loads a hybrid saved by [`Hybrid::save`]; `load_cf` reads the nested collaborative model
    /// (the facade's `recsys::models::load_model` passes its own kind dispatch). The loaded
    /// hybrid predicts the saved one's ratings bit for bit when `load_cf` restores its model
    /// exactly.
    pub fn load(
        path: impl AsRef<Path>,
        load_cf: &LoadModel<'_>,
    ) -> Result<Saved<Hybrid>, BoxError> {
        Self::from_reader(&ModelReader::load(path.as_ref(), HYBRID_KIND)?, load_cf)
    }

    /// Reads the hybrid from an open model file (see [`Hybrid::load`]).
    pub fn from_reader(
        r: &ModelReader,
        load_cf: &LoadModel<'_>,
    ) -> Result<Saved<Hybrid>, BoxError> {
        expect_kind(r, HYBRID_KIND)?;
        let users = r.id_map("users")?;
        let items = r.id_map("items")?;
        let blend = r.f64_with_shape("blend", &[3])?;
        let user_counts = r.u32_with_shape("user_counts", &[users.len() as u64])?;
        let item_counts = r.u32_with_shape("item_counts", &[items.len() as u64])?;
        let cf = load_cf(&nested(r, "cf")?)?;
        let content = ContentKnn::from_reader(&nested(r, "content_knn")?)?;
        if content.users.raw_ids() != users.raw_ids() || content.items.raw_ids() != items.raw_ids()
        {
            return Err(bad_file(r, "the content model's id maps differ from the hybrid's").into());
        }
        if cf.as_rating_predictor().is_none() {
            return Err(bad_file(r, "the collaborative model does not predict ratings").into());
        }
        for (name, b) in [("beta_item", blend[0]), ("beta_user", blend[1])] {
            if b.is_nan() || b < 0.0 {
                return Err(bad_file(r, format!("{name} {b}")).into());
            }
        }
        if !(0.0..=1.0).contains(&blend[2]) {
            return Err(bad_file(r, format!("cold_floor {}", blend[2])).into());
        }
        let curve = cf.learning_curve();
        Ok(Saved {
            model: Hybrid {
                cf,
                content: content.model,
                user_counts,
                item_counts,
                beta_item: blend[0],
                beta_user: blend[1],
                cold_floor: blend[2],
                curve,
            },
            users,
            items,
        })
    }
}

recsys_core::persisted_models!(HybridError;
    ContentKnn => |p| ModelReader::load(p, CONTENT_KNN_KIND),
    ContentProfile => |p| ModelReader::load(p, CONTENT_PROFILE_KIND),
);

impl SaveModel for Hybrid {
    fn model_writer<'a>(
        &'a self,
        users: &'a IdMap,
        items: &'a IdMap,
    ) -> Result<ModelWriter<'a>, BoxError> {
        self.writer(users, items)
    }
}
