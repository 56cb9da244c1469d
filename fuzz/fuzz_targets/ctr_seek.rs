//! CTR seeking and exhaustion (NIST SP 800-38A §6.5 and Appendix B: the
//! counter occupies the last `bits` bits of the block; no counter block is
//! used twice). A fuzzer-chosen sequence of seeks (anywhere, past the end
//! included) and keystream reads of any length is compared against a
//! reference keystream at the same position; `position` / `remaining`
//! track it; a read or seek past the last counter block is
//! `Err(LimitExceeded)`, leaves the state as it was, and never panics.
#![no_main]

use arbitrary::Unstructured;
use blockmodes::{CounterLayout, Ctr, Endian, Error};
use fuzz_common::*;
use libfuzzer_sys::fuzz_target;

fn run<C: Cipher>(u: &mut Unstructured<'_>) -> arbitrary::Result<()> {
    let k = key::<C>(u)?;
    let icb = block::<C>(u)?;
    let cipher = C::new_from_slice(&k).expect("key length");
    let bs = bs::<C>() as u128;
    let little: bool = u.arbitrary()?;
    let bits = if little {
        8 * u.int_in_range(1..=bs as u32)?
    } else {
        u.int_in_range(1..=8 * bs as u32)?
    };
    let endian = if little { Endian::Little } else { Endian::Big };
    let layout = CounterLayout::new(bits, endian).expect("valid layout");
    let rl = RefLayout { bits, little };
    let end = 1u128
        .checked_shl(bits)
        .and_then(|n| n.checked_mul(bs))
        .unwrap_or(u128::MAX);
    let mut ctr = Ctr::new(cipher.clone(), &icb, layout).expect("params");
    let mut pos = 0u128;
    assert_eq!(ctr.remaining(), end);

    for _ in 0..u.int_in_range(1..=24)? {
        if u.arbitrary()? {
            let target: u128 = match u.int_in_range(0u8..=3)? {
                0 => u.int_in_range(0..=4096)?,
                1 => end.saturating_sub(u.int_in_range(0..=4096)?),
                2 => end.saturating_add(u.int_in_range(0..=64)?),
                _ => u.arbitrary()?,
            };
            let r = ctr.seek(target);
            if target > end {
                assert_eq!(r, Err(Error::LimitExceeded));
            } else {
                assert_eq!(r, Ok(()));
                pos = target;
            }
        } else {
            let n = u.int_in_range(0..=300usize)?;
            let mut buf = vec![0u8; n];
            let r = ctr.apply_keystream(&mut buf);
            if pos.checked_add(n as u128).is_none_or(|p| p > end) {
                assert_eq!(r, Err(Error::LimitExceeded));
                assert!(buf.iter().all(|&b| b == 0), "changed on error");
            } else {
                assert_eq!(r, Ok(()));
                let want = ref_ctr(&cipher, &icb, rl, pos, n);
                assert_eq!(buf, want, "keystream at {pos} (bits={bits}, le={little})");
                pos += n as u128;
            }
        }
        assert_eq!(ctr.position(), pos);
        assert_eq!(ctr.remaining(), end - pos);
    }
    Ok(())
}

fuzz_target!(|input: &[u8]| {
    let mut u = Unstructured::new(input);
    let _ = dispatch!(u, run);
});
