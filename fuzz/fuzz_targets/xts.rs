//! XTS-AES (IEEE Std 1619-2018 §5): fuzzer-chosen key (equal halves must be
//! refused), tweak or sector number, data unit length and sector size, over
//! the `aes` crate types and the crate's own backend types. Every data unit
//! equals a branchy block-at-a-time reference (with ciphertext stealing
//! written out as the standard does) built on the `aes` crate; in place,
//! buffer to buffer and `Vec` agree; decryption gives the unit back;
//! `encrypt_sectors` equals one `encrypt_sector` per unit; bad lengths,
//! tweaks and sector ranges are the documented `Err`, never a panic, and
//! leave the buffer unchanged.
#![no_main]

use arbitrary::Unstructured;
use blockmodes::cipher::{BlockCipherDecrypt, KeyInit, consts::U16};
use blockmodes::{Error, Xts, backend};
use fuzz_common::*;
use libfuzzer_sys::fuzz_target;

/// `C` is the cipher under test, `R` the `aes` crate cipher of the same
/// key size the reference runs on.
fn run<C, R>(u: &mut Unstructured<'_>, half: usize) -> arbitrary::Result<()>
where
    C: blockmodes::Kernels<BlockSize = U16> + BlockCipherDecrypt + KeyInit + Clone,
    R: blockmodes::Kernels + BlockCipherDecrypt + KeyInit,
{
    // Key: sometimes a wrong length, sometimes equal halves.
    let shape = u.int_in_range(0u8..=15)?;
    let mut key = u.bytes(2 * half)?.to_vec();
    if shape == 0 {
        let (a, b) = key.split_at_mut(half);
        b.copy_from_slice(a);
        assert_eq!(
            Xts::<C>::new_from_slice(&key).err(),
            Some(Error::InvalidKeyLength),
            "equal halves"
        );
        return Ok(());
    }
    if shape == 1 {
        let cut = u.int_in_range(0..=key.len())?;
        key.truncate(cut);
        if cut != 2 * half {
            assert_eq!(
                Xts::<C>::new_from_slice(&key).err(),
                Some(Error::InvalidKeyLength),
                "key length {cut}"
            );
        }
        return Ok(());
    }
    let Ok(xts) = Xts::<C>::new_from_slice(&key) else {
        // Only equal halves are refused at the right length.
        assert_eq!(key[..half], key[half..]);
        return Ok(());
    };
    let k1 = R::new_from_slice(&key[..half]).expect("key half");
    let k2 = R::new_from_slice(&key[half..]).expect("key half");

    // One data unit with a caller tweak (sometimes of a wrong length).
    let tweak_len = if u.ratio(1u8, 16)? {
        u.int_in_range(0..=20)?
    } else {
        16
    };
    let tweak = u.bytes(tweak_len)?.to_vec();
    let unit = data(u, 600)?;
    let mut b = unit.clone();
    let got = xts.encrypt_unit(&tweak, &mut b);
    if unit.len() < 16 {
        assert_eq!(got, Err(Error::InvalidLength));
        assert_eq!(b, unit, "unchanged on Err");
    } else if tweak_len != 16 {
        assert_eq!(got, Err(Error::InvalidIvLength));
        assert_eq!(b, unit, "unchanged on Err");
    } else {
        assert_eq!(got, Ok(()));
        let t: [u8; 16] = tweak.clone().try_into().expect("16");
        assert_eq!(b, ref_xts(&k1, &k2, &t, &unit, false), "reference");
        let mut o = vec![0u8; unit.len()];
        xts.encrypt_unit_b2b(&tweak, &unit, &mut o).expect("b2b");
        assert_eq!(o, b, "b2b == in place");
        assert_eq!(xts.encrypt_unit_vec(&tweak, &unit).as_ref(), Ok(&b), "vec");
        // Decrypt back, and the reference decrypt of arbitrary bytes.
        let ct = b.clone();
        xts.decrypt_unit(&tweak, &mut b).expect("decrypt");
        assert_eq!(b, unit, "round trip");
        let mut o = vec![0u8; ct.len()];
        xts.decrypt_unit_b2b(&tweak, &ct, &mut o)
            .expect("decrypt b2b");
        assert_eq!(o, unit);
        assert_eq!(ref_xts(&k1, &k2, &t, &ct, true), unit, "reference decrypt");
        let mut short = vec![0u8; unit.len() - 1];
        assert_eq!(
            xts.encrypt_unit_b2b(&tweak, &unit, &mut short),
            Err(Error::OutputTooSmall)
        );
    }
    let mut d = unit.clone();
    let got = xts.decrypt_unit(&tweak, &mut d);
    if unit.len() < 16 || tweak_len != 16 {
        assert!(got.is_err());
        assert_eq!(d, unit, "unchanged on Err");
    } else {
        let t: [u8; 16] = tweak.clone().try_into().expect("16");
        assert_eq!(d, ref_xts(&k1, &k2, &t, &unit, true), "decrypt reference");
    }

    // Many sectors: == one encrypt_sector per unit, == reference.
    let sector_size = match u.int_in_range(0u8..=8)? {
        0 => u.int_in_range(0..=15)?,
        1..=3 => 16 * u.int_in_range(1..=4)?,
        // Whole 16-block batches: 512 B to 2 KiB units run as one stream
        // on the VAES path, 256 B and 2304 B unit by unit.
        4 => 256 * u.int_in_range(1..=9)?,
        _ => u.int_in_range(16..=70)?,
    };
    let count = u.int_in_range(0..=40usize)?;
    let first = match u.int_in_range(0u8..=3)? {
        0 => u128::MAX - u.int_in_range(0..=45u128)?,
        1 => u.arbitrary()?,
        _ => u.int_in_range(0..=1000u128)?,
    };
    let mut extra = 0;
    if u.ratio(1u8, 8)? {
        extra = u.int_in_range(1..=15usize)?;
    }
    let len = sector_size * count + extra;
    let mut buf = vec![0u8; len];
    u.fill_buffer(&mut buf)?;
    let orig = buf.clone();
    let want = if !(16..=Xts::<C>::MAX_UNIT_BLOCKS * 16).contains(&sector_size)
        || !len.is_multiple_of(sector_size)
    {
        Err(Error::InvalidLength)
    } else if count > 0 && first.checked_add(count as u128 - 1).is_none() {
        Err(Error::LimitExceeded)
    } else {
        let mut v = Vec::with_capacity(len);
        for (k, s) in orig.chunks(sector_size).enumerate() {
            let n = first + k as u128;
            let mut one = s.to_vec();
            xts.encrypt_sector(n, &mut one).expect("one sector");
            assert_eq!(one, ref_xts(&k1, &k2, &sector_tweak(n), s, false));
            v.extend(one);
        }
        Ok(v)
    };
    let got = xts.encrypt_sectors(first, sector_size, &mut buf);
    match &want {
        Ok(v) => {
            assert_eq!(got, Ok(()));
            assert_eq!(&buf, v, "sectors == per-sector");
        }
        Err(e) => {
            assert_eq!(got, Err(*e), "sectors error");
            assert_eq!(buf, orig, "unchanged on Err");
        }
    }
    let mut o = vec![0u8; len];
    let got = xts.encrypt_sectors_b2b(first, sector_size, &orig, &mut o);
    assert_eq!(got.map(|()| o.clone()), want, "sectors b2b");
    if let Ok(ct) = &want {
        let mut back = ct.clone();
        xts.decrypt_sectors(first, sector_size, &mut back)
            .expect("decrypt sectors");
        assert_eq!(back, orig, "sectors round trip");
        let mut o = vec![0u8; len];
        xts.decrypt_sectors_b2b(first, sector_size, ct, &mut o)
            .expect("decrypt sectors b2b");
        assert_eq!(o, orig);
        for (k, s) in ct.chunks(sector_size).enumerate() {
            let mut one = s.to_vec();
            xts.decrypt_sector(first + k as u128, &mut one)
                .expect("decrypt sector");
            assert_eq!(one, orig[k * sector_size..(k + 1) * sector_size]);
        }
    } else {
        let mut b = orig.clone();
        assert!(xts.decrypt_sectors(first, sector_size, &mut b).is_err());
        assert_eq!(b, orig, "unchanged on Err");
    }
    Ok(())
}

fuzz_target!(|bytes: &[u8]| {
    let mut u = Unstructured::new(bytes);
    let _ = (|| -> arbitrary::Result<()> {
        match u.int_in_range(0u8..=6)? {
            0 => run::<Aes128, Aes128>(&mut u, 16),
            1 => run::<Aes192, Aes192>(&mut u, 24),
            2 => run::<Aes256, Aes256>(&mut u, 32),
            3 => run::<backend::Aes128, Aes128>(&mut u, 16),
            4 => run::<backend::Aes256, Aes256>(&mut u, 32),
            5 => {
                backend::force_portable(true);
                let r = run::<backend::Aes128, Aes128>(&mut u, 16);
                backend::force_portable(false);
                r
            }
            _ => run::<backend::Aes192, Aes192>(&mut u, 24),
        }
    })();
});
