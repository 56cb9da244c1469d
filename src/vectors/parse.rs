//! The one strict parser for the vector files in `vectors/`: the NIST CAVP
//! response format (`.rsp`, CAVS 11.1, as described in the AESAVS and
//! TMOVS documents) and this crate's key-value format for the
//! NIST SP 800-38A Appendix F examples (described in `vectors/README.md`).
//!
//! Both formats are lines of `NAME = VALUE`, `# comments` and blank lines.
//! The CAVP format groups records under `[ENCRYPT]` / `[DECRYPT]` section
//! lines and starts each record with `COUNT = n` (`Count = n` in the GCM
//! and CCM files); the key-value format starts with a header
//! (`MODE = ...`, `KIND = ...`, ...) and starts each record with
//! `VECTOR = label`.
//!
//! The GCMVS and CCMVS files (NIST SP 800-38D / 800-38C validation) add
//! three things, read here just as strictly:
//!
//! - **parameters**: section lines of the form `[Keylen = 128]` or
//!   `[Alen = 0, Plen = 0, Nlen = 7, Tlen = 4]`, and `NAME = VALUE` lines
//!   at the top of a file before any section (`Plen = 24` in CCMVS). A new
//!   parameter section after some records starts a new group; each record
//!   carries every parameter in force, and the runner must *take* each
//!   (and check it against the record) like any field.
//! - **group fields**: `NAME = VALUE` lines after a parameter section and
//!   before the group's first record (`Key`, `Nonce` in CCMVS) belong to
//!   every record of the group.
//! - **flags**: a bare `FAIL` line in a record (GCMVS decryption: the
//!   expected outcome is an authentication failure), also to be taken.
//!
//! The **section-less** files of the `cryptography_vectors` package
//! (`CMAC/nist-800-38b-*.txt`, `ciphers/AES/{SIV,OCB3,GCM-SIV}/*.txt`)
//! are CAVP-like records with no section lines at all. They are read by
//! [`parse_sectionless`], which the runner calls only for those file names:
//! there a record needs no section, and any section line, or any field
//! before the first `COUNT`, is an error.
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
    /// The CAVP section it is in (`None` in the key-value format, and in
    /// CAVP files that have parameter sections instead).
    pub direction: Option<Direction>,
    fields: Vec<Field>,
    /// The parameters in force (`[Keylen = 128]`, top-of-file `Plen = 24`).
    params: Vec<Field>,
    /// Bare flag lines (`FAIL`); the value is empty.
    flags: Vec<Field>,
}

/// Add `name = value` to `list`; a name given twice is an error.
fn push_field(
    list: &mut Vec<Field>,
    what: &str,
    name: &str,
    value: &str,
    line: usize,
) -> Result<(), LineError> {
    if let Some(f) = list.iter().find(|f| f.name == name) {
        return err(
            line,
            format!("{what} {name} given twice (first on line {})", f.line),
        );
    }
    list.push(Field {
        name: name.to_owned(),
        value: value.to_owned(),
        line,
        taken: false,
    });
    Ok(())
}

impl Record {
    fn new(id: String, line: usize, direction: Option<Direction>) -> Self {
        Record {
            id,
            line,
            direction,
            fields: Vec::new(),
            params: Vec::new(),
            flags: Vec::new(),
        }
    }

    fn push(&mut self, name: &str, value: &str, line: usize) -> Result<(), LineError> {
        push_field(&mut self.fields, "field", name, value, line)
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

    /// Take the parameter `name` (a `[name = value]` section or a
    /// top-of-file line): its value and line. Missing, or already taken, is
    /// an error.
    pub fn take_param(&mut self, name: &str) -> Result<(String, usize), LineError> {
        let start = self.line;
        match self.params.iter_mut().find(|f| f.name == name) {
            None => err(
                start,
                format!("record {} has no [{name} = ...] parameter", self.id),
            ),
            Some(f) if f.taken => err(f.line, format!("parameter {name} used twice")),
            Some(f) => {
                f.taken = true;
                Ok((f.value.clone(), f.line))
            }
        }
    }

    /// Take the parameter `name` as a decimal number.
    pub fn take_param_usize(&mut self, name: &str) -> Result<(usize, usize), LineError> {
        let (v, line) = self.take_param(name)?;
        let n = v.parse().map_err(|_| LineError {
            line,
            msg: format!("parameter {name} must be a decimal number, not {v:?}"),
        })?;
        Ok((n, line))
    }

    /// Take the flag line `name` (e.g. `FAIL`): whether the record has it.
    pub fn take_flag(&mut self, name: &str) -> bool {
        match self.flags.iter_mut().find(|f| f.name == name) {
            Some(f) => {
                f.taken = true;
                true
            }
            None => false,
        }
    }

    /// Error if any field, parameter or flag was not taken.
    pub fn finish(&self) -> Result<(), LineError> {
        if let Some(f) = self.fields.iter().find(|f| !f.taken) {
            return err(f.line, format!("unknown or unused field {}", f.name));
        }
        if let Some(f) = self.params.iter().find(|f| !f.taken) {
            return err(f.line, format!("unknown or unused parameter {}", f.name));
        }
        if let Some(f) = self.flags.iter().find(|f| !f.taken) {
            return err(f.line, format!("unexpected {} line", f.name));
        }
        Ok(())
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
    /// A bare word on its own line; only `FAIL` is one.
    Flag(&'a str),
}

/// The flag lines the parser knows.
const FLAGS: &[&str] = &["FAIL"];

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
    if let Some(&flag) = FLAGS.iter().find(|&&f| f == t) {
        return Ok(Line::Flag(flag));
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

/// Parse a section line's inside: `ENCRYPT` / `DECRYPT`, or one or more
/// comma-separated `Name = value` parameters.
fn section(name: &str, line: usize) -> Result<Section<'_>, LineError> {
    match name {
        "ENCRYPT" => return Ok(Section::Direction(Direction::Encrypt)),
        "DECRYPT" => return Ok(Section::Direction(Direction::Decrypt)),
        _ => {}
    }
    if !name.contains('=') {
        return err(line, format!("unknown section [{name}]"));
    }
    let mut params = Vec::new();
    for part in name.split(',') {
        match classify(part, line)? {
            Line::Field(n, v) if !v.is_empty() => params.push((n, v)),
            _ => return err(line, format!("malformed parameter section [{name}]")),
        }
    }
    Ok(Section::Params(params))
}

enum Section<'a> {
    Direction(Direction),
    Params(Vec<(&'a str, &'a str)>),
}

/// The CAVP parameter state: top-of-file parameters, the current group's
/// section parameters and group fields.
#[derive(Default)]
struct Groups {
    /// `NAME = VALUE` lines before the first section.
    file_params: Vec<Field>,
    /// `[Name = value]` parameters of the current group.
    params: Vec<Field>,
    /// Fields after the group's parameter sections, before its first record.
    fields: Vec<Field>,
    /// The group has had a record.
    has_records: bool,
    /// The line of the group's first parameter section.
    start: usize,
}

impl Groups {
    /// A group that ends must have had a record.
    fn close(&self) -> Result<(), LineError> {
        if !self.params.is_empty() && !self.has_records {
            return err(self.start, "parameter section without records");
        }
        Ok(())
    }

    /// A parameter section line: starts a new group after records.
    fn section(&mut self, params: &[(&str, &str)], line: usize) -> Result<(), LineError> {
        if self.has_records {
            self.close()?;
            self.params.clear();
            self.fields.clear();
            self.has_records = false;
        }
        if !self.fields.is_empty() {
            return err(line, "parameter section after group fields");
        }
        if self.params.is_empty() {
            self.start = line;
        }
        for &(name, value) in params {
            if let Some(f) = self.file_params.iter().find(|f| f.name == name) {
                return err(
                    line,
                    format!("parameter {name} given twice (first on line {})", f.line),
                );
            }
            push_field(&mut self.params, "parameter", name, value, line)?;
        }
        Ok(())
    }

    /// A new record carrying the parameters and group fields in force.
    fn record(&mut self, id: &str, line: usize, direction: Option<Direction>) -> Record {
        self.has_records = true;
        let mut r = Record::new(id.to_owned(), line, direction);
        r.params = self.file_params.clone();
        r.params.extend(self.params.iter().cloned());
        r.fields = self.fields.clone();
        r
    }
}

/// Parse a whole file.
pub fn parse(text: &str) -> Result<Parsed, LineError> {
    parse_with(text, false)
}

/// Parse a whole section-less file: `COUNT = n` records and comments only
/// (see the module documentation). A `MODE = ...` first line, a section
/// line or a field before the first record is an error.
pub fn parse_sectionless(text: &str) -> Result<Parsed, LineError> {
    parse_with(text, true)
}

fn parse_with(text: &str, sectionless: bool) -> Result<Parsed, LineError> {
    let format = if sectionless {
        Format::Cavp
    } else {
        detect_format(text)
    };
    let mut header: Option<Record> = None;
    let mut records: Vec<Record> = Vec::new();
    let mut current: Option<Record> = None;
    let mut direction: Option<Direction> = None;
    let mut groups = Groups::default();
    let mut seen_section = false;
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
                if sectionless {
                    return err(
                        line,
                        format!("section line [{name}] in a file whose records have no sections"),
                    );
                }
                seen_section = true;
                if let Some(r) = current.take() {
                    records.push(r);
                }
                match section(name, line)? {
                    Section::Direction(d) => direction = Some(d),
                    Section::Params(p) => groups.section(&p, line)?,
                }
            }
            Line::Flag(name) => match current.as_mut() {
                Some(r) => push_field(&mut r.flags, "line", name, "", line)?,
                None => return err(line, format!("{name} line outside a record")),
            },
            Line::Field(name, value) => {
                if in_header {
                    header
                        .get_or_insert_with(|| Record::new("header".to_owned(), line, None))
                        .push(name, value, line)?;
                    continue;
                }
                let is_start = match format {
                    Format::Cavp => name == "COUNT" || name == "Count",
                    Format::KeyValue => name == "VECTOR",
                };
                if is_start {
                    if let Some(r) = current.take() {
                        records.push(r);
                    }
                    if format == Format::Cavp {
                        if !sectionless && direction.is_none() && groups.params.is_empty() {
                            return err(
                                line,
                                "record before any [ENCRYPT], [DECRYPT] or [Name = value] section",
                            );
                        }
                        if value.is_empty() || !value.bytes().all(|c| c.is_ascii_digit()) {
                            return err(
                                line,
                                format!("{name} must be a decimal number, not {value:?}"),
                            );
                        }
                        current = Some(groups.record(value, line, direction));
                    } else {
                        if value.is_empty() {
                            return err(line, "VECTOR needs a label");
                        }
                        current = Some(Record::new(value.to_owned(), line, None));
                    }
                    continue;
                }
                if let Some(r) = current.as_mut() {
                    r.push(name, value, line)?;
                } else if format == Format::Cavp
                    && !sectionless
                    && !seen_section
                    && records.is_empty()
                {
                    // Top of a CAVP file: a parameter of every record.
                    push_field(&mut groups.file_params, "parameter", name, value, line)?;
                } else if format == Format::Cavp && !groups.params.is_empty() && !groups.has_records
                {
                    // After a group's parameter sections: a field of each
                    // of its records.
                    push_field(&mut groups.fields, "field", name, value, line)?;
                } else {
                    let start = match format {
                        Format::Cavp => "COUNT",
                        Format::KeyValue => "VECTOR",
                    };
                    return err(
                        line,
                        format!("field {name} outside a record (records start with {start})"),
                    );
                }
            }
        }
    }
    if let Some(r) = current.take() {
        records.push(r);
    }
    groups.close()?;
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

    #[test]
    fn parameters_group_fields_and_flags() {
        // CCMVS-like: top-of-file parameters, a multi-parameter section,
        // group fields, a second group.
        let text = "# c\nPlen = 24\n\n[Alen = 0, Nlen = 7]\n\nKey = aa\n\nCount = 0\nCT = 01\nFAIL\n\n\
                    Count = 1\nCT = 02\n\n[Alen = 1, Nlen = 7]\nKey = bb\n\nCount = 2\nCT = 03\n";
        let p = parse(text).unwrap();
        assert_eq!(p.records.len(), 3);
        let mut r = p.records[0].clone();
        assert_eq!(r.direction, None);
        assert!(r.finish().is_err());
        assert_eq!(r.take_param_usize("Plen").unwrap(), (24, 2));
        assert_eq!(r.take_param("Alen").unwrap(), ("0".into(), 4));
        assert_eq!(r.take_param("Nlen").unwrap().0, "7");
        assert!(r.take_param("Nlen").is_err());
        assert!(r.take_param("Tlen").is_err());
        assert_eq!(r.take_hex("Key").unwrap(), (std::vec![0xaa], 6));
        assert_eq!(r.take_hex("CT").unwrap().0, [1]);
        assert!(r.finish().is_err(), "FAIL not taken yet");
        assert!(r.take_flag("FAIL"));
        r.finish().unwrap();
        let mut r1 = p.records[1].clone();
        assert!(!r1.take_flag("FAIL"));
        assert_eq!(r1.take_hex("Key").unwrap().0, [0xaa]);
        let mut r2 = p.records[2].clone();
        assert_eq!(r2.take_param("Alen").unwrap().0, "1");
        assert_eq!(r2.take_hex("Key").unwrap().0, [0xbb]);

        for bad in [
            // A group field given again in the record.
            "[A = 1]\nKey = aa\nCount = 0\nKey = bb\n",
            // A field after the group's records.
            "[A = 1]\nCount = 0\n\nKey = aa\n",
            // A top-of-file parameter repeated in a section.
            "A = 1\n[A = 2]\nCount = 0\n",
            // A record with neither a direction nor parameters.
            "A = 1\nCount = 0\n",
            // A section after group fields.
            "[A = 1]\nKey = aa\n[B = 2]\nCount = 0\n",
            // Group fields and no record.
            "[A = 1]\nCount = 0\n\n[A = 2]\nKey = aa\n",
            "[A = ]\nCount = 0\n",
            "FAIL\n[A = 1]\nCount = 0\n",
        ] {
            assert!(parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn sectionless_records() {
        let text = "# c\nCOUNT = 0\nKEY = 00\nMESSAGE =\n\n# Two Key\nCOUNT = 1\nKEY = 01\n";
        assert!(
            parse(text).is_err(),
            "a record needs a section in a CAVP file"
        );
        let p = parse_sectionless(text).unwrap();
        assert_eq!(p.records.len(), 2);
        let mut r = p.records[0].clone();
        assert_eq!(r.direction, None);
        assert_eq!(r.take_hex("KEY").unwrap().0, [0]);
        assert_eq!(r.take_hex("MESSAGE").unwrap(), (std::vec![], 4));
        r.finish().unwrap();
        for bad in [
            "KEY = 00\nCOUNT = 0\n",
            "[ENCRYPT]\nCOUNT = 0\n",
            "COUNT = 0\n[DECRYPT]\nCOUNT = 1\n",
            "COUNT = 0\nKEY = 00\nKEY = 01\n",
            "COUNT = x\n",
            "MODE = AES-SIV\n\nVECTOR = a\n",
            "# only a comment\n",
        ] {
            assert!(parse_sectionless(bad).is_err(), "{bad:?}");
        }
    }
}
