//! The one strict parser for the vector files in `vectors/`: the NIST CAVP
//! response format (`.rsp`, CAVS 11.1, as described in the AESAVS and
//! TMOVS documents) and this crate's key-value format for the
//! NIST SP 800-38A Appendix F examples (described in `vectors/README.md`).
//!
//! Both formats are lines of `NAME = VALUE`, `# comments` and blank lines.
//! The CAVP format groups records under `[ENCRYPT]` / `[DECRYPT]` section
//! lines and starts each record with `COUNT = n`; the key-value format
//! starts with a header (`MODE = ...`, `KIND = ...`, ...) and starts each
//! record with `VECTOR = label`.
//!
//! Nothing is skipped silently: a malformed line, a field outside a record,
//! a field given twice, an unknown section, or a file without records is an
//! error with its line number. Fields are *taken* by the runner, each
//! exactly once; [`Record::finish`] reports any field nobody took, so an
//! unknown or misspelt field is an error too.

use std::borrow::ToOwned;
use std::format;
use std::string::String;
use std::vec::Vec;

/// A parse or consistency problem at a line of the file (1-based).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineError {
    /// The line the problem is on.
    pub line: usize,
    /// What is wrong.
    pub msg: String,
}

pub(crate) fn err<T>(line: usize, msg: impl Into<String>) -> Result<T, LineError> {
    Err(LineError {
        line,
        msg: msg.into(),
    })
}

/// The two layouts the parser reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// NIST CAVP `.rsp`: `[ENCRYPT]`/`[DECRYPT]` sections, `COUNT = n` records.
    Cavp,
    /// This crate's key-value format: a `MODE = ...` header, `VECTOR = label` records.
    KeyValue,
}

/// The direction a CAVP section asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// `[ENCRYPT]`: PLAINTEXT is the input, CIPHERTEXT the expected output.
    Encrypt,
    /// `[DECRYPT]`: CIPHERTEXT is the input, PLAINTEXT the expected output.
    Decrypt,
}

#[derive(Clone, Debug)]
struct Field {
    name: String,
    value: String,
    line: usize,
    taken: bool,
}

/// A group of `NAME = VALUE` fields: one record, or the key-value header.
#[derive(Clone, Debug)]
pub struct Record {
    /// The record's label: the COUNT value or the VECTOR label.
    pub id: String,
    /// The line the record starts on.
    pub line: usize,
    /// The CAVP section it is in (`None` in the key-value format).
    pub direction: Option<Direction>,
    fields: Vec<Field>,
}

impl Record {
    fn new(id: String, line: usize, direction: Option<Direction>) -> Self {
        Record {
            id,
            line,
            direction,
            fields: Vec::new(),
        }
    }

    fn push(&mut self, name: &str, value: &str, line: usize) -> Result<(), LineError> {
        if let Some(f) = self.fields.iter().find(|f| f.name == name) {
            return err(
                line,
                format!("field {name} given twice (first on line {})", f.line),
            );
        }
        self.fields.push(Field {
            name: name.to_owned(),
            value: value.to_owned(),
            line,
            taken: false,
        });
        Ok(())
    }

    /// Whether the record has a field `name` (taken or not).
    pub fn has(&self, name: &str) -> bool {
        self.fields.iter().any(|f| f.name == name)
    }

    /// Take the field `name`: its value and line. Missing, or already
    /// taken, is an error.
    pub fn take(&mut self, name: &str) -> Result<(String, usize), LineError> {
        let start = self.line;
        match self.fields.iter_mut().find(|f| f.name == name) {
            None => err(start, format!("record {} has no {name} field", self.id)),
            Some(f) if f.taken => err(f.line, format!("field {name} used twice")),
            Some(f) => {
                f.taken = true;
                Ok((f.value.clone(), f.line))
            }
        }
    }

    /// Take `name` and decode it as hex (an even number of hex digits).
    pub fn take_hex(&mut self, name: &str) -> Result<(Vec<u8>, usize), LineError> {
        let (v, line) = self.take(name)?;
        Ok((decode_hex(&v).map_err(|msg| LineError { line, msg })?, line))
    }

    /// Take `name` and decode it as a bit string (`0`/`1` characters,
    /// first bit first), packed most significant bit first; returns the
    /// bytes and the number of bits.
    pub fn take_bits(&mut self, name: &str) -> Result<(Vec<u8>, usize, usize), LineError> {
        let (v, line) = self.take(name)?;
        let (bytes, bits) = decode_bits(&v).map_err(|msg| LineError { line, msg })?;
        Ok((bytes, bits, line))
    }

    /// Error if any field was not taken.
    pub fn finish(&self) -> Result<(), LineError> {
        match self.fields.iter().find(|f| !f.taken) {
            Some(f) => err(f.line, format!("unknown or unused field {}", f.name)),
            None => Ok(()),
        }
    }
}

/// A parsed file: its header (key-value format only) and its records, in
/// file order.
#[derive(Clone, Debug)]
pub struct Parsed {
    /// Which layout the file is in.
    pub format: Format,
    /// The `MODE = ...` header block of the key-value format.
    pub header: Option<Record>,
    /// The records.
    pub records: Vec<Record>,
}

/// Decode an even-length string of hex digits (either case).
pub fn decode_hex(s: &str) -> Result<Vec<u8>, String> {
    if !s.len().is_multiple_of(2) {
        return Err(format!("odd number of hex digits ({})", s.len()));
    }
    s.as_bytes()
        .chunks(2)
        .map(|p| match (hex_digit(p[0]), hex_digit(p[1])) {
            (Some(h), Some(l)) => Ok(h << 4 | l),
            _ => Err(format!("invalid hex digit in {s:?}")),
        })
        .collect()
}

fn hex_digit(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// Decode a bit string of `0`/`1` characters, packed MSB first.
pub fn decode_bits(s: &str) -> Result<(Vec<u8>, usize), String> {
    let mut out = std::vec![0u8; s.len().div_ceil(8)];
    for (i, c) in s.bytes().enumerate() {
        match c {
            b'0' => {}
            b'1' => out[i / 8] |= 0x80 >> (i % 8),
            _ => return Err(format!("invalid bit string {s:?}: only 0 and 1 allowed")),
        }
    }
    Ok((out, s.len()))
}

/// Render the first `bits` bits of `bytes` as a `0`/`1` string.
pub fn encode_bits(bytes: &[u8], bits: usize) -> String {
    (0..bits)
        .map(|i| match bytes.get(i / 8) {
            Some(b) if b & (0x80 >> (i % 8)) != 0 => '1',
            _ => '0',
        })
        .collect()
}

/// Lower-case hex.
pub fn encode_hex(bytes: &[u8]) -> String {
    use core::fmt::Write;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// One significant line.
enum Line<'a> {
    Blank,
    Section(&'a str),
    Field(&'a str, &'a str),
}

fn classify(raw: &str, line: usize) -> Result<Line<'_>, LineError> {
    let t = raw.trim();
    if t.is_empty() || t.starts_with('#') {
        return Ok(Line::Blank);
    }
    if let Some(inner) = t.strip_prefix('[') {
        return match inner.strip_suffix(']') {
            Some(name) => Ok(Line::Section(name.trim())),
            None => err(line, format!("malformed section line {t:?}")),
        };
    }
    let Some((name, value)) = t.split_once('=') else {
        return err(line, format!("malformed line {t:?}: expected NAME = VALUE"));
    };
    let (name, value) = (name.trim(), value.trim());
    if name.is_empty() || !name.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_') {
        return err(line, format!("malformed field name {name:?}"));
    }
    Ok(Line::Field(name, value))
}

/// Whether the text is in the key-value format: its first significant
/// line is `MODE = ...`.
pub fn detect_format(text: &str) -> Format {
    for (i, raw) in text.lines().enumerate() {
        match classify(raw, i + 1) {
            Ok(Line::Blank) => continue,
            Ok(Line::Field("MODE", _)) => return Format::KeyValue,
            _ => return Format::Cavp,
        }
    }
    Format::Cavp
}

/// Parse a whole file.
pub fn parse(text: &str) -> Result<Parsed, LineError> {
    let format = detect_format(text);
    let mut header: Option<Record> = None;
    let mut records: Vec<Record> = Vec::new();
    let mut current: Option<Record> = None;
    let mut direction: Option<Direction> = None;
    // Key-value format: the header block runs until its first blank line.
    let mut in_header = format == Format::KeyValue;
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        match classify(raw, line)? {
            Line::Blank => {
                // A comment line does not end a record or the header; an
                // empty line does.
                if raw.trim().is_empty() {
                    if in_header && header.is_some() {
                        in_header = false;
                    }
                    if let Some(r) = current.take() {
                        records.push(r);
                    }
                }
            }
            Line::Section(name) => {
                if format == Format::KeyValue {
                    return err(line, "section lines are not part of the key-value format");
                }
                direction = Some(match name {
                    "ENCRYPT" => Direction::Encrypt,
                    "DECRYPT" => Direction::Decrypt,
                    _ => return err(line, format!("unknown section [{name}]")),
                });
                if let Some(r) = current.take() {
                    records.push(r);
                }
            }
            Line::Field(name, value) => {
                if in_header {
                    header
                        .get_or_insert_with(|| Record::new("header".to_owned(), line, None))
                        .push(name, value, line)?;
                    continue;
                }
                let start = match format {
                    Format::Cavp => "COUNT",
                    Format::KeyValue => "VECTOR",
                };
                if name == start {
                    if let Some(r) = current.take() {
                        records.push(r);
                    }
                    if format == Format::Cavp {
                        if direction.is_none() {
                            return err(line, "record before any [ENCRYPT] or [DECRYPT] section");
                        }
                        if value.is_empty() || !value.bytes().all(|c| c.is_ascii_digit()) {
                            return err(
                                line,
                                format!("COUNT must be a decimal number, not {value:?}"),
                            );
                        }
                    } else if value.is_empty() {
                        return err(line, "VECTOR needs a label");
                    }
                    current = Some(Record::new(value.to_owned(), line, direction));
                } else {
                    match current.as_mut() {
                        Some(r) => r.push(name, value, line)?,
                        None => {
                            return err(
                                line,
                                format!(
                                    "field {name} outside a record (records start with {start})"
                                ),
                            );
                        }
                    }
                }
            }
        }
    }
    if let Some(r) = current.take() {
        records.push(r);
    }
    if records.is_empty() {
        return err(text.lines().count().max(1), "no records in file");
    }
    Ok(Parsed {
        format,
        header,
        records,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_and_bits() {
        assert_eq!(decode_hex("00aBff").unwrap(), [0, 0xab, 0xff]);
        assert!(decode_hex("abc").is_err());
        assert!(decode_hex("zz").is_err());
        assert_eq!(decode_bits("1011").unwrap(), (std::vec![0xb0], 4));
        assert!(decode_bits("102").is_err());
        assert_eq!(encode_bits(&[0xb0], 4), "1011");
    }

    #[test]
    fn cavp_records_and_sections() {
        let p = parse("# c\n\n[ENCRYPT]\nCOUNT = 0\nKEY = 00\n\n[DECRYPT]\nCOUNT = 0\nKEY = 01\n")
            .unwrap();
        assert_eq!(p.format, Format::Cavp);
        assert_eq!(p.records.len(), 2);
        assert_eq!(p.records[1].direction, Some(Direction::Decrypt));
        let mut r = p.records[0].clone();
        assert!(r.finish().is_err());
        assert_eq!(r.take_hex("KEY").unwrap().0, [0]);
        assert!(r.take("KEY").is_err());
        r.finish().unwrap();
    }
}
