//! Opening arbitrary input with every AEAD (GCM with every tag length and
//! any nonce length, CCM, EAX, OCB3, SIV, GCM-SIV; AES-128/192/256 from the
//! `aes` crate or the crate's own backend): never panics; `decrypt` and
//! `decrypt_in_place_detached` agree; a failure is `Err(Decrypt)` (or
//! `Err(InvalidIvLength)` for a nonce the mode does not take) and leaves
//! the in-place buffer all zero; a success only for input that *is* the
//! seal of what it opened to (re-sealing gives it back). SIV is also
//! opened with a fuzzer-chosen list of AD components (more than 126:
//! `Err(LimitExceeded)`, buffer zeroed).
#![no_main]

use arbitrary::Unstructured;
use blockmodes::{Error, Siv};
use fuzz_common::*;
use libfuzzer_sys::fuzz_target;

fn run(u: &mut Unstructured<'_>) -> arbitrary::Result<()> {
    let a = any_aead(u)?;
    let nlen = a.nonce_len(u)?;
    let nonce = u.bytes(nlen.min(u.len()))?.to_vec();
    let aad = data(u, 100)?;
    let input = data(u, 300)?;
    let _ = open_checked(&a, &nonce, &aad, &input);

    // SIV with its own AD vector (RFC 5297 §2.6: up to 126 components).
    if a.kind == AeadKind::Siv {
        let siv = Siv::<Aes128>::new_from_slice(&a.key[..32]).expect("key");
        let n = if u.ratio(1u8, 8)? {
            u.int_in_range(120..=130)?
        } else {
            u.int_in_range(0..=5)?
        };
        let mut comps = Vec::with_capacity(n);
        for _ in 0..n {
            comps.push(data(u, 20)?);
        }
        let ad: Vec<&[u8]> = comps.iter().map(Vec::as_slice).collect();
        let got = siv.decrypt(&ad, &input);
        if input.len() < 16 {
            assert_eq!(got, Err(Error::Decrypt));
        } else if n > 126 {
            assert_eq!(got, Err(Error::LimitExceeded));
        }
        if let Ok(p) = &got {
            assert_eq!(siv.encrypt(&ad, p).as_deref(), Ok(&input[..]));
        }
        if input.len() >= 16 {
            let (v, ct) = input.split_at(16);
            let mut buf = ct.to_vec();
            let r = siv.decrypt_in_place_detached(&ad, &mut buf, v);
            assert_eq!(r.is_ok(), got.is_ok());
            if r.is_err() {
                assert_eq!(r.err(), got.err());
                assert!(buf.iter().all(|&b| b == 0), "SIV buffer not zeroed");
            }
        }
    }
    Ok(())
}

fuzz_target!(|bytes: &[u8]| {
    let mut u = Unstructured::new(bytes);
    let _ = run(&mut u);
});
