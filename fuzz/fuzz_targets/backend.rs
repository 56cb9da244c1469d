//! The crate's own AES (`blockmodes::backend::Aes128/192/256`) on every
//! path this CPU runs (`new_with_backend`: VAES-256, AES-NI, portable;
//! an unsupported path is `Err(InvalidParameter)`) against the `aes` crate
//! for fuzzer keys and 1..=70 blocks, encryption and decryption, one block
//! and a whole slice (the parallel batches); the default `KeyInit` path
//! and `force_portable` too. GHASH and POLYVAL on every
//! `uhash::HashBackend` path this CPU runs = the portable path, for
//! fuzzer keys and a fuzzer mix of `update_blocks` / `update_padded`
//! calls, then again after `reset`.
#![no_main]

use arbitrary::Unstructured;
use blockmodes::Error;
use blockmodes::backend::{self, Backend};
use blockmodes::cipher::{Block, BlockCipherDecrypt, BlockCipherEncrypt, KeyInit};
use blockmodes::uhash::{Ghash, HashBackend, Polyval};
use fuzz_common::*;
use libfuzzer_sys::fuzz_target;

const PATHS: [Backend; 4] = Backend::ALL;

macro_rules! aes_check {
    ($ours:ty, $peer:ty, $u:expr) => {{
        let u: &mut Unstructured<'_> = $u;
        let k = key::<$peer>(u)?;
        let n = u.int_in_range(1..=70usize)?;
        let mut blocks = vec![Block::<$peer>::default(); n];
        for b in blocks.iter_mut() {
            u.fill_buffer(b)?;
        }
        let peer = <$peer>::new_from_slice(&k).expect("key");
        let mut enc = blocks.clone();
        peer.encrypt_blocks(&mut enc);
        let key_arr = k.as_slice().try_into().expect("key");
        let mut insts: Vec<$ours> = Vec::new();
        for p in PATHS {
            match <$ours>::new_with_backend(key_arr, p) {
                Ok(a) => {
                    assert!(p.is_supported());
                    assert_eq!(a.backend(), p);
                    insts.push(a);
                }
                Err(e) => {
                    assert!(!p.is_supported());
                    assert_eq!(e, Error::InvalidParameter);
                }
            }
        }
        insts.push(<$ours>::new(key_arr));
        backend::force_portable(true);
        let forced = <$ours>::new(key_arr);
        backend::force_portable(false);
        assert_eq!(forced.backend(), Backend::Portable);
        insts.push(forced);
        for a in &insts {
            let mut b = blocks.clone();
            a.encrypt_blocks(&mut b);
            assert_eq!(b, enc, "{} encrypt {n} blocks", a.backend());
            a.decrypt_blocks(&mut b);
            assert_eq!(b, blocks, "{} decrypt {n} blocks", a.backend());
            let mut one = blocks[0];
            a.encrypt_block(&mut one);
            assert_eq!(one, enc[0], "{} one block", a.backend());
            a.decrypt_block(&mut one);
            assert_eq!(one, blocks[0]);
            // Decrypting arbitrary blocks agrees with the peer too.
            let mut d = blocks.clone();
            a.decrypt_blocks(&mut d);
            let mut pd = blocks.clone();
            peer.decrypt_blocks(&mut pd);
            assert_eq!(d, pd, "{} decrypt arbitrary", a.backend());
        }
        Ok(())
    }};
}

/// One `update_blocks` / `update_padded` call of the hash script.
enum Call {
    Blocks(Vec<[u8; 16]>),
    Padded(Vec<u8>),
}

fn script(u: &mut Unstructured<'_>) -> arbitrary::Result<Vec<Call>> {
    let n = u.int_in_range(0..=8)?;
    let mut calls = Vec::with_capacity(n);
    for _ in 0..n {
        if u.arbitrary()? {
            let k = u.int_in_range(0..=40usize)?;
            let mut v = vec![[0u8; 16]; k];
            for b in v.iter_mut() {
                u.fill_buffer(b)?;
            }
            calls.push(Call::Blocks(v));
        } else {
            calls.push(Call::Padded(data(u, 300)?));
        }
    }
    Ok(calls)
}

macro_rules! hash_check {
    ($ty:ty, $h:expr, $calls:expr, $calls2:expr) => {{
        let run = |b: HashBackend| -> Option<([u8; 16], [u8; 16])> {
            let mut x = match <$ty>::new_with_backend($h, b) {
                Ok(x) => x,
                Err(e) => {
                    assert!(!b.is_supported(), "{b} refused");
                    assert_eq!(e, Error::InvalidParameter);
                    return None;
                }
            };
            assert_eq!(x.backend(), b);
            for c in $calls {
                match c {
                    Call::Blocks(v) => x.update_blocks(v),
                    Call::Padded(d) => x.update_padded(d),
                }
            }
            let first = x.finalize();
            x.reset();
            for c in $calls2 {
                match c {
                    Call::Blocks(v) => x.update_blocks(v),
                    Call::Padded(d) => x.update_padded(d),
                }
            }
            Some((first, x.finalize()))
        };
        let want = run(HashBackend::Portable).expect("portable");
        for b in HashBackend::ALL {
            if let Some(got) = run(b) {
                assert_eq!(got, want, "{} vs portable", b);
            }
        }
        let mut d = <$ty>::new($h);
        for c in $calls {
            match c {
                Call::Blocks(v) => d.update_blocks(v),
                Call::Padded(x) => d.update_padded(x),
            }
        }
        assert_eq!(d.finalize(), want.0, "default path");
    }};
}

fn run(u: &mut Unstructured<'_>) -> arbitrary::Result<()> {
    match u.int_in_range(0u8..=4)? {
        0 => aes_check!(backend::Aes128, Aes128, u),
        1 => aes_check!(backend::Aes192, Aes192, u),
        2 => aes_check!(backend::Aes256, Aes256, u),
        3 => {
            let h: [u8; 16] = u.arbitrary()?;
            let calls = script(u)?;
            let calls2 = script(u)?;
            hash_check!(Ghash, &h, &calls, &calls2);
            Ok(())
        }
        _ => {
            let h: [u8; 16] = u.arbitrary()?;
            let calls = script(u)?;
            let calls2 = script(u)?;
            hash_check!(Polyval, &h, &calls, &calls2);
            Ok(())
        }
    }
}

fuzz_target!(|bytes: &[u8]| {
    let mut u = Unstructured::new(bytes);
    let _ = run(&mut u);
});
