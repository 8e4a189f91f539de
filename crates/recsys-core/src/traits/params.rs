//! Hyperparameters as serde data: the `(name, value)` list of a [`ModelSpec`](super::ModelSpec)
//! is derived from the parameters' `Serialize` implementation, never written by hand.

use std::fmt;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::Value;

use crate::error::CoreError;

/// The fields of `params` (a struct deriving `Serialize`) as `(name, value)` pairs in declaration
/// order, for reports and manifests. Strings appear without quotes, `None` as `none`, lists and
/// nested structs as compact JSON. A value that is not a struct is one pair named `value`.
///
/// ```
/// #[derive(serde::Serialize)]
/// struct P { factors: usize, lr: f32, kind: &'static str, patience: Option<usize>, layers: Vec<u32> }
/// let p = P { factors: 8, lr: 0.02, kind: "mlp", patience: None, layers: vec![16, 8] };
/// let list = recsys_core::traits::param_list(&p);
/// let pairs: Vec<(&str, &str)> = list.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
/// assert_eq!(pairs, [("factors", "8"), ("lr", "0.02"), ("kind", "mlp"), ("patience", "none"), ("layers", "[16,8]")]);
/// ```
pub fn param_list<P: Serialize + ?Sized>(params: &P) -> Vec<(String, String)> {
    let text = match serde_json::to_string(params) {
        Ok(t) => t,
        Err(e) => return vec![("error".to_string(), e.to_string())],
    };
    match serde_json::from_str::<Ordered>(&text) {
        Ok(Ordered(fields)) => fields
            .into_iter()
            .map(|(k, v)| (k, value_text(&v)))
            .collect(),
        Err(_) => vec![("value".to_string(), text)],
    }
}

/// One value as text: strings unquoted, `null` as `none`, the rest as compact JSON.
pub fn value_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => "none".to_string(),
        other => other.to_string(),
    }
}

/// A JSON object's fields in the order they were written.
struct Ordered(Vec<(String, Value)>);

impl<'de> Deserialize<'de> for Ordered {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Ordered;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a struct of hyperparameters")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Ordered, A::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, Value>()? {
                    out.push((k, v));
                }
                Ok(Ordered(out))
            }
        }
        d.deserialize_map(V)
    }
}

/// `params` with the field `key` set from the text `value`, read in the type of the field's
/// current value: a number, `true`/`false`, an enum variant or a string, and `none` (or JSON
/// `null`) for an unset option. The result is not range-checked; a spec's
/// [`set_param`](super::ModelSpec::set_param) runs the model's own check after it.
///
/// Errors: [`CoreError::UnknownParameter`] naming the valid keys, [`CoreError::InvalidValue`]
/// when the text does not read as the field's type.
///
/// ```
/// #[derive(serde::Serialize, serde::Deserialize)]
/// struct P { factors: usize, lr: f32, biased: bool }
/// let p = P { factors: 10, lr: 0.01, biased: true };
/// let p = recsys_core::traits::with_param(&p, "svd", "factors", "64")?;
/// let p = recsys_core::traits::with_param(&p, "svd", "biased", "false")?;
/// assert_eq!((p.factors, p.biased), (64, false));
/// assert!(recsys_core::traits::with_param(&p, "svd", "factors", "many").is_err());
/// assert!(recsys_core::traits::with_param(&p, "svd", "nope", "1").is_err());
/// # Ok::<(), recsys_core::CoreError>(())
/// ```
pub fn with_param<P: Serialize + DeserializeOwned>(
    params: &P,
    model: &str,
    key: &str,
    value: &str,
) -> Result<P, CoreError> {
    let invalid = |reason: String| CoreError::InvalidValue {
        key: key.to_string(),
        value: value.to_string(),
        reason,
    };
    let mut all = serde_json::to_value(params).map_err(|e| invalid(e.to_string()))?;
    let unknown = |valid: String| CoreError::UnknownParameter {
        model: model.to_string(),
        key: key.to_string(),
        valid: if valid.is_empty() {
            "none".to_string()
        } else {
            valid
        },
    };
    let Value::Object(fields) = &mut all else {
        return Err(unknown(String::new()));
    };
    let Some(slot) = fields.get_mut(key) else {
        let valid: Vec<&str> = fields.keys().map(String::as_str).collect();
        return Err(unknown(valid.join(", ")));
    };
    *slot = parse_like(slot, value);
    serde_json::from_value(all).map_err(|e| invalid(e.to_string()))
}

/// The text `value` as JSON of the kind of `current`: strings stay strings (enum variants),
/// `none` is `null`, anything else is read as JSON and kept as a string when it is not JSON.
fn parse_like(current: &Value, value: &str) -> Value {
    let t = value.trim();
    match current {
        Value::String(_) => Value::String(t.to_string()),
        _ if t.eq_ignore_ascii_case("none") => Value::Null,
        _ => serde_json::from_str(t).unwrap_or_else(|_| Value::String(t.to_string())),
    }
}
