//! Named values in the order they were first set, each keeping its last
//! value: how a Python dict fills, so that testing/scripts/bench_report.py's
//! results.json lists a console's figures in the order it always has.

use serde::ser::{Serialize, SerializeMap, Serializer};

/// See the module documentation; serialised as a JSON object in that order.
#[derive(Clone, Debug, PartialEq)]
pub struct Ordered<T>(Vec<(String, T)>);

impl<T> Default for Ordered<T> {
    fn default() -> Self {
        Ordered(Vec::new())
    }
}

impl<T> Ordered<T> {
    /// Sets `key` to `value`: in its place if it was set before, else last.
    pub fn set(&mut self, key: &str, value: T) {
        match self.0.iter_mut().find(|(k, _)| k == key) {
            Some((_, old)) => *old = value,
            None => self.0.push((key.to_string(), value)),
        }
    }

    /// The value of `key`, if set.
    pub fn get(&self, key: &str) -> Option<&T> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// The keys, in order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(k, _)| k.as_str())
    }
}

impl<T: Serialize> Serialize for Ordered<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, value) in &self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_first_place_and_the_last_value() {
        let mut o = Ordered::default();
        o.set("b", 1.0);
        o.set("a", 2.0);
        o.set("b", 3.0);
        assert_eq!(o.keys().collect::<Vec<_>>(), ["b", "a"]);
        assert_eq!(o.get("b"), Some(&3.0));
        assert_eq!(o.get("c"), None);
        assert_eq!(serde_json::to_string(&o).unwrap(), r#"{"b":3.0,"a":2.0}"#);
    }
}
