//! Setting hyperparameters by name (`ModelSpec::set_param`, what `recsys fit --set` and the
//! experiment files use) on every registry model.

use recsys::models::{model, model_names};

/// Setting every parameter to the value it already has leaves the spec's parameter list as it
/// was: each key is settable and each value reads back in its own type.
#[test]
fn every_listed_parameter_round_trips() {
    for name in model_names() {
        let mut spec = model(name).unwrap();
        let before = spec.params();
        for (k, v) in &before {
            spec.set_param(k, v)
                .unwrap_or_else(|e| panic!("{name}: set {k}={v}: {e}"));
        }
        assert_eq!(spec.params(), before, "{name}");
    }
}

#[test]
fn a_set_value_shows_in_the_params() {
    let mut spec = model("svd").unwrap();
    spec.set_param("factors", "64").unwrap();
    spec.set_param("biased", "false").unwrap();
    let params = spec.params();
    let get = |k: &str| params.iter().find(|(n, _)| n == k).unwrap().1.clone();
    assert_eq!(get("factors"), "64");
    assert_eq!(get("biased"), "false");
}

#[test]
fn bad_keys_and_values_are_typed_errors_and_leave_the_spec_unchanged() {
    let mut spec = model("svd").unwrap();
    let before = spec.params();
    let unknown = spec.set_param("factorz", "3").unwrap_err().to_string();
    assert!(
        unknown.contains("factorz") && unknown.contains("factors"),
        "{unknown}"
    );
    let wrong_type = spec.set_param("factors", "many").unwrap_err().to_string();
    assert!(
        wrong_type.contains("factors") && wrong_type.contains("many"),
        "{wrong_type}"
    );
    // the right type but out of range: the model's own check
    assert!(spec.set_param("factors", "0").is_err());
    assert!(spec.set_param("lr", "-1").is_err());
    assert!(spec.set_param("lr", "NaN").is_err());
    assert_eq!(spec.params(), before);
    let mut pop = model("popularity").unwrap();
    assert!(pop.set_param("k", "1").is_err());
}
