//! graded's JSON printer (one write per line break) writes what serde_json's pretty printer
//! writes, for any value: empty and nested arrays and objects, strings that need escapes, and
//! nesting deeper than its ready-made indents.

use proptest::prelude::*;
use serde_json::{Value, json};

fn ours(v: &Value) -> String {
    let mut out = Vec::new();
    graded::export::json::to_writer_pretty(&mut out, v).expect("writes");
    String::from_utf8(out).expect("utf-8")
}

fn value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        "[a-z\"\\\\\n\t é💪]{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(6, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,8}", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn any_value_is_printed_as_serde_json_prints_it(v in value()) {
        prop_assert_eq!(ours(&v), serde_json::to_string_pretty(&v).expect("writes"));
    }
}

#[test]
fn nesting_past_the_ready_made_indents_is_printed_the_same() {
    let mut v = json!({"leaf": [1, {}, []]});
    for i in 0..45 {
        v = if i % 2 == 0 {
            json!([v, "x"])
        } else {
            json!({"k": v})
        };
    }
    assert_eq!(ours(&v), serde_json::to_string_pretty(&v).expect("writes"));
}
