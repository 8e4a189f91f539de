//! recsys-text
