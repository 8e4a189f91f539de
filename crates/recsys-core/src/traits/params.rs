//! Hyperparameters as serde data: the `(name, value)` list of a [`ModelSpec`](super::ModelSpec)
//! is derived from the parameters' `Serialize` implementation, never written by hand.

use std::fmt;

use serde::Serialize;
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::Value;

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
