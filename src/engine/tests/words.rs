//! The gate's sentences are written from numbers when shown: the digits must be what the float
//! and integer formatters wrote before, for every baseline and score.

use crate::engine::gate::Usual;
use crate::model::Pain;

#[test]
fn a_usual_morning_pain_reads_as_the_float_formatter_wrote_it() {
    let old = |b: f64| {
        let r = crate::engine::gate::round_baseline(b);
        if r.fract() == 0.0 {
            format!("{r:.0}/10")
        } else {
            format!("{r:.1}/10")
        }
    };
    // Every hundredth from 0 to 10, the halves that round either way, and means of 1-3 scores.
    let mut values: Vec<f64> = (0..=1000).map(|i| f64::from(i) / 100.0).collect();
    values.extend((0..=200).map(|i| f64::from(i) * 0.05 + 0.0000001));
    for a in 0..=10u8 {
        for b in 0..=10u8 {
            for c in 0..=10u8 {
                values.push((f64::from(a) + f64::from(b) + f64::from(c)) / 3.0);
                values.push((f64::from(a) + f64::from(b)) / 2.0);
            }
        }
    }
    for v in values {
        assert_eq!(Usual(v).to_string(), old(v), "baseline {v}");
    }
    assert_eq!(Usual(1.7).to_string(), "1.7/10");
    assert_eq!(Usual(2.0).to_string(), "2/10");
}

#[test]
fn a_pain_score_reads_as_its_number_with_or_without_a_width() {
    for n in 0..=10u8 {
        let p = Pain::new(n).expect("0-10");
        assert_eq!(p.to_string(), n.to_string());
        assert_eq!(
            format!("{p:>3}|{p:<3}|{p:03}"),
            format!("{n:>3}|{n:<3}|{n:03}")
        );
    }
}

#[test]
fn a_date_reads_as_chrono_writes_it() {
    let mut d = chrono::NaiveDate::from_ymd_opt(1, 1, 1).expect("date");
    let last = chrono::NaiveDate::from_ymd_opt(9999, 12, 31).expect("date");
    let mut out = String::new();
    while d < last {
        out.clear();
        crate::text::push_date(&mut out, d);
        assert_eq!(out, d.to_string());
        d += chrono::Duration::days(37);
    }
    for d in [last, chrono::NaiveDate::MIN, chrono::NaiveDate::MAX] {
        out.clear();
        crate::text::push_date(&mut out, d);
        assert_eq!(out, d.to_string());
    }
}
