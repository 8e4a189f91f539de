//! recsys-mf
