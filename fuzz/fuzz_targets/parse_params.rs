//! The command-line parameter parsers of the library: `CounterLayout::parse`
//! (`NNbe` / `NNle`, the last NN bits of the counter block, SP 800-38A
//! Appendix B) and `Padding::from_name`, on arbitrary strings, against a
//! simple reference; an accepted layout prints back to an equal layout.
#![no_main]

use blockmodes::{CounterLayout, Endian, Padding};
use libfuzzer_sys::fuzz_target;

fn reference(s: &str) -> Option<(u32, Endian)> {
    let lower = s.to_ascii_lowercase();
    let (num, endian) = if let Some(n) = lower.strip_suffix("be") {
        (n, Endian::Big)
    } else if let Some(n) = lower.strip_suffix("le") {
        (n, Endian::Little)
    } else {
        return None;
    };
    if num.is_empty() || !num.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let bits: u32 = num.parse().ok()?;
    if bits == 0 || (endian == Endian::Little && !bits.is_multiple_of(8)) {
        return None;
    }
    Some((bits, endian))
}

fuzz_target!(|input: &[u8]| {
    let s = String::from_utf8_lossy(input);
    let got = CounterLayout::parse(&s).ok();
    assert_eq!(got.map(|l| (l.bits(), l.endian())), reference(&s), "{s:?}");
    if let Some(l) = got {
        assert_eq!(CounterLayout::parse(&l.to_string()), Ok(l));
        assert_eq!(s.parse::<CounterLayout>(), Ok(l));
    }
    let p = Padding::from_name(&s);
    assert_eq!(
        p.map(Padding::name),
        Padding::ALL.iter().map(|p| p.name()).find(|n| *n == s)
    );
});
