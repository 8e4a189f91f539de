//! [`Ease`]'s model file: the hyperparameters, the dense weights (`f32`, `n × n`), the
//! histories and the id maps.

use recsys_core::IdMap;
use recsys_core::persist::{ModelReader, ModelWriter, Saved};

use super::{Ease, EaseParams};
use crate::NeighborsError;
use crate::topn::model_file::{topn_writer, with_histories};

impl Ease {
    /// A model file writer holding the model and the id maps of its training data.
    pub fn writer<'a>(
        &'a self,
        users: &'a IdMap,
        items: &'a IdMap,
    ) -> Result<ModelWriter<'a>, NeighborsError> {
        let n = self.histories().n_cols() as u64;
        let weights = self.weights();
        topn_writer(
            Self::KIND,
            self.params(),
            self.histories(),
            (users, items),
            |w| {
                w.section_f32("b", &[n, n], weights)?;
                Ok(())
            },
        )
    }

    /// Reads the model from an open model file (see [`Ease::load`]).
    pub fn from_reader(r: &ModelReader) -> Result<Saved<Ease>, NeighborsError> {
        let params: EaseParams = r.meta_field("params")?;
        params.check()?;
        with_histories(r, |h| {
            let n = h.n_cols() as u64;
            Ease::from_parts(r.f32_with_shape("b", &[n, n])?, h, params)
        })
    }
}

recsys_core::persisted_models!(NeighborsError; Ease => |p| ModelReader::load(p, Ease::KIND));
