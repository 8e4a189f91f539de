//! [`UserKnn`]'s model file: the hyperparameters, the neighbour lists, the histories and the id
//! maps.

use recsys_core::IdMap;
use recsys_core::persist::{ModelReader, ModelWriter, Saved};

use super::{UserKnn, UserKnnParams};
use crate::NeighborsError;
use crate::topn::model_file::{topn_writer, with_histories};
use crate::topn::sparse::SparseRows;

impl UserKnn {
    /// A model file writer holding the model and the id maps of its training data.
    pub fn writer<'a>(
        &'a self,
        users: &'a IdMap,
        items: &'a IdMap,
    ) -> Result<ModelWriter<'a>, NeighborsError> {
        topn_writer(
            Self::KIND,
            self.params(),
            self.histories(),
            (users, items),
            |w| self.neighbours().write(w, "neighbours"),
        )
    }

    /// Reads the model from an open model file (see [`UserKnn::load`]).
    pub fn from_reader(r: &ModelReader) -> Result<Saved<UserKnn>, NeighborsError> {
        let params: UserKnnParams = r.meta_field("params")?;
        params.check()?;
        let n = SparseRows::read(r, "neighbours")?;
        with_histories(r, |h| UserKnn::from_parts(n, h, params))
    }
}

recsys_core::persisted_models!(NeighborsError; UserKnn => |p| ModelReader::load(p, UserKnn::KIND));
