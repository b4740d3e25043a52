//! A CSV record read strictly (RFC 4180) from a file a person may edit: its fields, the line
//! it starts on and the bytes it spans. One pass over the text, counting lines as it goes.

/// One record: its fields (quotes undone), its first line and its bytes without the line end.
use std::borrow::Cow;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Record<'a> {
    /// The 1-based line the record starts on.
    pub line: usize,
    /// Byte offset of its first byte.
    pub start: usize,
    /// Byte offset just after its last byte, before its line end.
    pub end: usize,
    /// Whether a line end follows (false only for the file's last record).
    pub terminated: bool,
    /// The fields: borrowed from the text unless a doubled quote had to be undone.
    pub fields: Vec<Cow<'a, str>>,
}

/// Why the text is not CSV, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordError {
    /// The 1-based line.
    pub line: usize,
    /// The 0-based field of the record.
    pub field: usize,
    /// What is wrong.
    pub problem: String,
}

/// The length of the line end at `i` (`\n`, `\r\n` or a lone `\r`), 0 when there is none.
fn line_end(b: &[u8], i: usize) -> usize {
    match (b.get(i), b.get(i + 1)) {
        (Some(b'\r'), Some(b'\n')) => 2,
        (Some(b'\n' | b'\r'), _) => 1,
        _ => 0,
    }
}

/// Splits `text` into records, skipping blank lines. A quote that is never closed, text after
/// a closing quote, or a quote inside an unquoted field is an error: the reader never guesses
/// where a record ends. Records come one at a time (a long log is never held twice).
pub fn records(text: &str) -> Records<'_> {
    Records {
        text,
        i: 0,
        line: 1,
        failed: false,
    }
}

/// The records of a text, in order; after an error, nothing more.
pub struct Records<'a> {
    text: &'a str,
    i: usize,
    line: usize,
    failed: bool,
}

impl<'a> Iterator for Records<'a> {
    type Item = Result<Record<'a>, RecordError>;

    fn next(&mut self) -> Option<Self::Item> {
        // A log row has 10 to 13 fields: room for them at once, not grown field by field.
        let mut rec = Record {
            fields: Vec::with_capacity(13),
            ..Record::default()
        };
        Some(self.read_into(&mut rec)?.map(|()| rec))
    }
}

impl<'a> Records<'a> {
    /// The next record read into `rec`, its fields replacing those it held and reusing their
    /// room: a long log is read with one fields buffer, not one allocation per row. `None` at
    /// the end; after an error (when `rec` holds nothing of use), nothing more.
    pub fn read_into(&mut self, rec: &mut Record<'a>) -> Option<Result<(), RecordError>> {
        if self.failed {
            return None;
        }
        let r = self.record(rec)?;
        self.failed = r.is_err();
        Some(r)
    }

    fn record(&mut self, rec: &mut Record<'a>) -> Option<Result<(), RecordError>> {
        let (text, b) = (self.text, self.text.as_bytes());
        let (mut i, mut line) = (self.i, self.line);
        loop {
            let eol = line_end(b, i);
            if eol == 0 {
                break;
            }
            i += eol;
            line += 1;
        }
        if i >= b.len() {
            self.i = i;
            return None;
        }
        let (start, first_line) = (i, line);
        let fields = &mut rec.fields;
        fields.clear();
        loop {
            let index = fields.len();
            let err = |line, problem: &str| {
                Some(Err(RecordError {
                    line,
                    field: index,
                    problem: problem.to_string(),
                }))
            };
            let field = if b.get(i) == Some(&b'"') {
                match quoted(text, &mut i, &mut line) {
                    Ok(field) => field,
                    Err((line, problem)) => return err(line, problem),
                }
            } else {
                let from = i;
                // Plain bytes in one step; only a comma, a quote or a line end stops the scan.
                while i < b.len() && !matches!(b[i], b',' | b'"' | b'\r' | b'\n') {
                    i += 1;
                }
                // Stopped by a comma, a line end, the end of the text or a stray quote.
                if b.get(i) == Some(&b'"') {
                    return err(
                        line,
                        "a quote inside a field that does not start with one (quote the whole field and double the quote: \"a \"\"b\"\"\")",
                    );
                }
                Cow::Borrowed(&text[from..i])
            };
            fields.push(field);
            if b.get(i) == Some(&b',') {
                i += 1;
                continue;
            }
            break;
        }
        let end = i;
        let eol = line_end(b, i);
        if eol > 0 {
            line += 1;
        }
        self.i = i + eol;
        self.line = line;
        rec.line = first_line;
        rec.start = start;
        rec.end = end;
        rec.terminated = eol > 0;
        Some(Ok(()))
    }
}

/// The quoted field opening at byte `*i` (a quote) on line `*line`, its quotes undone: `*i`
/// moves past its closing quote and `*line` past the line ends inside it. The error is the line
/// and the problem. Apart from the reader's loop, which reads plain fields (nearly every one)
/// and is kept small.
#[inline(never)]
fn quoted<'a>(
    text: &'a str,
    i: &mut usize,
    line: &mut usize,
) -> Result<Cow<'a, str>, (usize, &'static str)> {
    let b = text.as_bytes();
    let mut quoted = Cow::Borrowed("");
    let opened = *line;
    *i += 1;
    let mut from = *i;
    loop {
        while *i < b.len() && b[*i] != b'"' {
            let eol = line_end(b, *i);
            if eol > 0 {
                *line += 1;
                *i += eol;
            } else {
                *i += 1;
            }
        }
        if *i >= b.len() {
            return Err((
                opened,
                "a quote opened here is never closed (the rest of the file would be one field)",
            ));
        }
        if quoted.is_empty() {
            quoted = Cow::Borrowed(&text[from..*i]);
        } else {
            quoted.to_mut().push_str(&text[from..*i]);
        }
        *i += 1;
        if b.get(*i) == Some(&b'"') {
            quoted.to_mut().push('"');
            *i += 1;
            from = *i;
            continue;
        }
        break;
    }
    if *i < b.len() && b[*i] != b',' && line_end(b, *i) == 0 {
        // A quote closing on a later line was most likely a stray one where it opened: that
        // is the line to look at.
        return Err(if *line == opened {
            (
                *line,
                "text after a closing quote (write a quote inside a quoted field as \"\")",
            )
        } else {
            (
                opened,
                "a quote opened here closes on a later line with text after it (a stray quote? write a quote inside a quoted field as \"\")",
            )
        });
    }
    Ok(quoted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_into_reuses_one_record_and_reads_as_the_iterator_does() {
        let text = "a,b,c\r\n\r\n1,\"x \"\"y\"\"\",\n2,\"two\nlines\",z";
        let mut recs = records(text);
        let mut rec = Record::default();
        let mut read = Vec::new();
        while let Some(r) = recs.read_into(&mut rec) {
            r.expect("reads");
            read.push(rec.clone());
        }
        let iterated: Vec<Record> = records(text).map(|r| r.expect("reads")).collect();
        assert_eq!(read, iterated);
        assert_eq!(read.len(), 3);
        assert_eq!(read[1].fields, ["1", "x \"y\"", ""]);
        assert_eq!((read[1].line, read[2].line), (3, 4));
        assert_eq!(read[2].fields, ["2", "two\nlines", "z"]);
        assert!(read[1].terminated && !read[2].terminated);
        assert_eq!(&text[read[2].start..read[2].end], "2,\"two\nlines\",z");
    }

    #[test]
    fn read_into_stops_after_an_error() {
        for (text, line, field) in [
            ("a,b\nx,y\"z\nc,d\n", 2, 1),
            ("a,b\n\"x\"y,z\nc,d\n", 2, 0),
            ("a,b\nx,\"open\nc,d\n", 2, 1),
            // A stray quote ending line 2 runs to the next quote, on line 3: line 2 is named.
            ("a,b\nx,\"\nc,\"d\ne,f\n", 2, 1),
        ] {
            let mut recs = records(text);
            let mut rec = Record::default();
            assert!(matches!(recs.read_into(&mut rec), Some(Ok(()))));
            let e = recs
                .read_into(&mut rec)
                .expect("a record")
                .expect_err("refused");
            assert_eq!((e.line, e.field), (line, field), "{text:?}");
            assert_eq!(Some(e), records(text).nth(1).and_then(Result::err));
            assert!(recs.read_into(&mut rec).is_none());
        }
    }
}
