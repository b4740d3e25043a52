//! JSON as `serde_json::to_writer_pretty` writes it, byte for byte (two spaces a level,
//! `"key": value`), with each line break and its indentation written at once: serde_json's
//! own pretty printer writes the indentation two spaces at a time, which is most of the cost of
//! a whole-history or FHIR export at ten years (thousands of rows, each a few levels deep).

use std::io;

use serde::Serialize;
use serde_json::ser::Formatter;

/// A line break followed by the indentation of 64 levels: a line's start is a prefix of it.
const BREAK: &[u8; 129] = b"\n                                                                                                                                ";

/// serde_json's `PrettyFormatter` with an indent of two spaces.
#[derive(Default)]
struct Pretty {
    depth: usize,
    has_value: bool,
}

impl Pretty {
    /// A line break and the current indentation.
    fn line<W: ?Sized + io::Write>(&self, w: &mut W) -> io::Result<()> {
        match BREAK.get(..1 + 2 * self.depth) {
            Some(line) => w.write_all(line),
            None => {
                w.write_all(b"\n")?;
                (0..self.depth).try_for_each(|_| w.write_all(b"  "))
            }
        }
    }

    fn item<W: ?Sized + io::Write>(&self, w: &mut W, first: bool) -> io::Result<()> {
        if !first {
            w.write_all(b",")?;
        }
        self.line(w)
    }

    fn open<W: ?Sized + io::Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    fn close<W: ?Sized + io::Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.line(w)?;
        }
        w.write_all(bracket)
    }
}

impl Formatter for Pretty {
    fn begin_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"[")
    }
    fn end_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"]")
    }
    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.item(w, first)
    }
    fn end_array_value<W: ?Sized + io::Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn begin_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"{")
    }
    fn end_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"}")
    }
    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.item(w, first)
    }
    fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }
    fn end_object_value<W: ?Sized + io::Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// Writes `value` as pretty JSON, the bytes `serde_json::to_writer_pretty` writes.
pub fn to_writer<W: io::Write, T: ?Sized + Serialize>(w: W, value: &T) -> serde_json::Result<()> {
    value.serialize(&mut serde_json::Serializer::with_formatter(
        w,
        Pretty::default(),
    ))
}

/// Pretty JSON as bytes, as `serde_json::to_vec_pretty` gives them.
pub fn to_vec<T: ?Sized + Serialize>(value: &T) -> serde_json::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(128);
    to_writer(&mut out, value)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    /// The same bytes as serde_json's pretty printer, at every depth, empty or not, past the
    /// 64 levels written at once.
    #[test]
    fn writes_what_serde_jsons_pretty_printer_writes() {
        let mut deep = json!({"leaf": [1, {"a": []}, {}]});
        for i in 0..70 {
            deep = json!({ format!("k{i}"): [deep, "x\n\"y\"", null, 1.5, {}, []] });
        }
        for v in [
            json!(null),
            json!([]),
            json!({}),
            json!([[], {}, [1, 2], {"a": {"b": [true, false]}}]),
            json!({"notice": "é ✓ \u{1b}", "n": -3, "f": 0.1, "list": [{"x": 1}, {"y": []}]}),
            deep,
        ] {
            assert_eq!(
                super::to_vec(&v).expect("serialises"),
                serde_json::to_vec_pretty(&v).expect("serialises"),
                "{v}"
            );
        }
    }
}
