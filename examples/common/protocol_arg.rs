//! Shared by the examples that take `--protocol` and `--test-file`: the protocol they name.

use std::path::PathBuf;

use recsys::eval::protocol::ProtocolKind;

/// The protocol named by `--protocol`, else `test-file` when `--test-file` is given; without
/// either, an error that lists `valid`, the protocols the example takes.
pub fn kind(
    protocol: &Option<String>,
    test_file: &Option<PathBuf>,
    valid: &str,
) -> Result<ProtocolKind, Box<dyn std::error::Error>> {
    match (protocol, test_file) {
        (Some(p), _) => Ok(ProtocolKind::from_name(p)?),
        (None, Some(_)) => Ok(ProtocolKind::TestFile),
        (None, None) => Err(format!("--protocol is required ({valid})").into()),
    }
}
