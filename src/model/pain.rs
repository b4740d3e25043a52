//! A pain score on the 0-10 numeric rating scale (NPRS [MCID]): 0 none, 10 worst imaginable.
//!
//! Checked once, where it is read (a log cell, a profile or program field, a flag, a prompt);
//! from there on a [`Pain`] is always on the scale.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A pain score, 0-10. Ordered as the scale is; serialized as its number.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(into = "u8", try_from = "i64")]
pub struct Pain(u8);

/// What is not a pain score, as it was given.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{given}` is not a pain score: give a whole number from 0 to 10 (0 none, 10 worst imaginable)"
)]
pub struct PainError {
    given: String,
}

impl Pain {
    /// No pain.
    pub const NONE: Pain = Pain(0);
    /// The worst imaginable: the top of the scale.
    pub const MAX: Pain = Pain(10);

    /// The score `n`, if it is on the scale.
    pub fn new(n: u8) -> Result<Pain, PainError> {
        if n <= Pain::MAX.0 {
            Ok(Pain(n))
        } else {
            Err(PainError {
                given: n.to_string(),
            })
        }
    }

    /// A score written in the code (a threshold, a test's value). In a `const` a score off the
    /// scale fails to compile; elsewhere it panics, so read scores go through [`Pain::new`].
    pub const fn of(n: u8) -> Pain {
        assert!(n <= Pain::MAX.0, "a pain score is 0-10");
        Pain(n)
    }

    /// The score as a number, 0-10.
    pub const fn get(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for Pain {
    type Error = PainError;

    fn try_from(n: u8) -> Result<Pain, PainError> {
        Pain::new(n)
    }
}

/// A whole number as read from a TOML file: anything off the scale is refused as it was given.
impl TryFrom<i64> for Pain {
    type Error = PainError;

    fn try_from(n: i64) -> Result<Pain, PainError> {
        u8::try_from(n)
            .ok()
            .and_then(|n| Pain::new(n).ok())
            .ok_or_else(|| PainError {
                given: n.to_string(),
            })
    }
}

/// A score as a person writes it: `3` or `3/10`, spaces around it ignored.
impl FromStr for Pain {
    type Err = PainError;

    fn from_str(s: &str) -> Result<Pain, PainError> {
        // A single digit (nearly every score in a log) needs no trimming or parsing.
        if let &[d @ b'0'..=b'9'] = s.as_bytes() {
            return Ok(Pain(d - b'0'));
        }
        let given = s.trim();
        let n = given.strip_suffix("/10").unwrap_or(given).trim();
        n.parse::<u8>()
            .ok()
            .and_then(|n| Pain::new(n).ok())
            .ok_or_else(|| PainError {
                given: given.to_string(),
            })
    }
}

impl fmt::Display for Pain {
    /// The number alone (`3`); width and alignment apply as to any number.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const DIGITS: [&str; 11] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"];
        match DIGITS.get(usize::from(self.0)) {
            // Plain `{}` (every sentence and cell): the digits as they are.
            Some(d) if f.width().is_none() && !f.sign_plus() => f.write_str(d),
            _ => fmt::Display::fmt(&self.0, f),
        }
    }
}

impl From<Pain> for u8 {
    fn from(p: Pain) -> u8 {
        p.0
    }
}

impl From<Pain> for f64 {
    fn from(p: Pain) -> f64 {
        f64::from(p.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scale_is_0_to_10() {
        for n in 0..=10 {
            assert_eq!(Pain::new(n).map(Pain::get), Ok(n));
            assert_eq!(Pain::try_from(i64::from(n)), Ok(Pain::of(n)));
        }
        assert!(Pain::new(11).is_err());
        assert!(Pain::try_from(255u8).is_err());
        assert!(Pain::try_from(-1i64).is_err());
        assert!(Pain::try_from(256i64).is_err());
        assert_eq!(Pain::NONE.get(), 0);
        assert_eq!(Pain::MAX.get(), 10);
        assert!(Pain::of(3) < Pain::of(4));
        assert_eq!(Pain::of(2).max(Pain::of(7)), Pain::of(7));
    }

    #[test]
    #[should_panic(expected = "0-10")]
    fn a_score_written_off_the_scale_panics() {
        let _ = Pain::of(11);
    }

    #[test]
    fn parsing_takes_a_score_as_people_write_it() {
        assert_eq!("3".parse(), Ok(Pain::of(3)));
        assert_eq!(" 7 ".parse(), Ok(Pain::of(7)));
        assert_eq!("2/10".parse(), Ok(Pain::of(2)));
        assert_eq!("10 /10".parse(), Ok(Pain::of(10)));
        assert_eq!("0".parse(), Ok(Pain::NONE));
    }

    #[test]
    fn a_bad_score_says_what_was_given_and_what_the_scale_is() {
        let msg = |s: &str| s.parse::<Pain>().unwrap_err().to_string();
        assert_eq!(
            msg("11"),
            "`11` is not a pain score: give a whole number from 0 to 10 (0 none, 10 worst imaginable)"
        );
        for bad in ["-1", "2.5", "eleven", "", "11/10", "3/5", "256", "+"] {
            assert!(
                msg(bad).starts_with(&format!("`{}` is not", bad.trim())),
                "{bad}"
            );
        }
        assert!(
            Pain::new(11)
                .unwrap_err()
                .to_string()
                .starts_with("`11` is not a pain score")
        );
        assert!(
            Pain::try_from(-3i64)
                .unwrap_err()
                .to_string()
                .starts_with("`-3` is not a pain score")
        );
    }

    #[test]
    fn it_shows_and_converts_as_its_number() {
        assert_eq!(Pain::of(4).to_string(), "4");
        assert_eq!(format!("{:>3}|{:<2}|", Pain::of(4), Pain::MAX), "  4|10|");
        assert_eq!(u8::from(Pain::of(6)), 6);
        assert_eq!(f64::from(Pain::of(6)), 6.0);
    }

    #[test]
    fn serde_writes_the_number_and_reads_it_back_checked() {
        assert_eq!(serde_json::to_string(&Pain::of(5)).unwrap(), "5");
        assert_eq!(
            serde_json::to_string(&[Some(Pain::of(0)), None]).unwrap(),
            "[0,null]"
        );
        for n in 0..=10 {
            let p = Pain::of(n);
            let back: Pain = serde_json::from_str(&serde_json::to_string(&p).unwrap()).unwrap();
            assert_eq!(back, p);
        }
        let err = serde_json::from_str::<Pain>("11").unwrap_err().to_string();
        assert!(err.contains("`11` is not a pain score"), "{err}");
        assert!(serde_json::from_str::<Pain>("-1").is_err());
        assert!(serde_json::from_str::<Pain>("\"3\"").is_err());
        #[derive(Deserialize)]
        struct Row {
            pain: Pain,
        }
        let row: Row = toml::from_str("pain = 4").unwrap();
        assert_eq!(row.pain, Pain::of(4));
        assert!(toml::from_str::<Row>("pain = 12").is_err());
    }
}
