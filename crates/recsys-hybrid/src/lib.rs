//! recsys-hybrid
