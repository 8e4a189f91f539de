//! The dataset argument of the k-NN examples (`rating_timing`, `rating_tune` include this file
//! as a module): `[ml-100k | ratings-small TEST_FILE]`.

use std::path::PathBuf;

use recsys_data::Dataset;
use recsys_eval::protocol::{ProtocolConfig, ProtocolKind};

/// The dataset the first argument names (ml-100k when it is missing or a flag) and its
/// protocol: the official folds, or for ratings-small the peers' test file the second argument
/// names.
pub fn dataset_and_protocol(
    args: &[String],
) -> Result<(Dataset, ProtocolConfig), Box<dyn std::error::Error + Send + Sync>> {
    let dataset = args
        .first()
        .filter(|a| !a.starts_with("--"))
        .cloned()
        .unwrap_or_else(|| "ml-100k".into());
    if dataset == "ratings-small" {
        let file = args
            .get(1)
            .ok_or("ratings-small needs the peers' test file")?;
        Ok((
            Dataset::RatingsSmall,
            ProtocolConfig {
                test_file: Some(PathBuf::from(file)),
                ..ProtocolConfig::new(ProtocolKind::TestFile)
            },
        ))
    } else {
        Ok((
            Dataset::from_name(&dataset)?,
            ProtocolConfig::new(ProtocolKind::Official),
        ))
    }
}
