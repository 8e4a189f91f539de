//! Download of the GroupLens archives (in progress).
