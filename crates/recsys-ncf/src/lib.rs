//! recsys-ncf
