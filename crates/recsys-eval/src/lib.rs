//! recsys-eval
