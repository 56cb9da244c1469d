//! AES-GCM-SIV (RFC 8452): Appendix C (C.1 AES-128, C.2 AES-256, C.3
//! counter wrap — pyca's cryptography_vectors
//! `ciphers/AES/GCM-SIV/openssl.txt`, the RFC's records reformatted, run
//! inline), the same file's AES-192 companion (`aes-192-gcm-siv.txt`),
//! parameters and limits, our AES backend against the `aes` crate, a
//! differential against RustCrypto `aes-gcm-siv`, and bit flips (failed
//! opens zero the output).

use aes::{Aes128, Aes192, Aes256};
use blockmodes::Error;
use blockmodes::aead::{
    Aead, GcmSiv,
    gcm_siv::{MAX_AAD_LEN, MAX_PLAINTEXT_LEN, NONCE_LEN, TAG_LEN},
};
use blockmodes::cipher::{KeyInit, consts::U16};
use proptest::prelude::*;

fn hex(s: &str) -> Vec<u8> {
    let s: Vec<u8> = s.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    assert!(s.len().is_multiple_of(2), "odd hex");
    s.chunks(2)
        .map(|p| u8::from_str_radix(std::str::from_utf8(p).unwrap(), 16).unwrap())
        .collect()
}

/// One record: `AAD` may be absent (empty); every other field is required
/// exactly once, and no unknown field may appear.
#[derive(Default, Debug)]
struct Record {
    key: Vec<u8>,
    iv: Vec<u8>,
    aad: Vec<u8>,
    tag: Vec<u8>,
    pt: Vec<u8>,
    ct: Vec<u8>,
}

fn parse(text: &str) -> Vec<Record> {
    const REQUIRED: u8 = 0b111101;
    let mut out = Vec::new();
    let mut cur: Option<(Record, u8)> = None;
    let flush = |cur: &mut Option<(Record, u8)>, out: &mut Vec<Record>| {
        if let Some((r, seen)) = cur.take() {
            assert_eq!(seen & REQUIRED, REQUIRED, "incomplete record {r:?}");
            out.push(r);
        }
    };
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (k, v) = line.split_once('=').expect("key = value");
        let (k, v) = (k.trim(), v.trim());
        if k == "COUNT" {
            flush(&mut cur, &mut out);
            cur = Some((Record::default(), 0));
            continue;
        }
        let (r, seen) = cur.as_mut().expect("field before COUNT");
        let (field, bit) = match k {
            "Key" => (&mut r.key, 1),
            "AAD" => (&mut r.aad, 2),
            "IV" => (&mut r.iv, 4),
            "Tag" => (&mut r.tag, 8),
            "Plaintext" => (&mut r.pt, 16),
            "Ciphertext" => (&mut r.ct, 32),
            _ => panic!("unknown field {k}"),
        };
        assert_eq!(*seen & bit, 0, "duplicate {k}");
        *seen |= bit;
        *field = hex(v);
    }
    flush(&mut cur, &mut out);
    out
}

fn check<C>(r: &Record)
where
    C: blockmodes::Kernels<BlockSize = U16> + KeyInit,
{
    let siv = GcmSiv::<C>::new_from_slice(&r.key).unwrap();
    let mut buf = r.pt.clone();
    let tag = siv
        .encrypt_in_place_detached(&r.iv, &r.aad, &mut buf)
        .unwrap();
    assert_eq!(buf, r.ct, "{r:?}");
    assert_eq!(&tag[..], &r.tag[..], "{r:?}");
    siv.decrypt_in_place_detached(&r.iv, &r.aad, &mut buf, &r.tag)
        .unwrap();
    assert_eq!(buf, r.pt);
}

#[test]
fn rfc8452_appendix_c() {
    let records = parse(RFC8452_APPENDIX_C);
    assert_eq!(records.len(), 46);
    let (mut k128, mut k256) = (0, 0);
    for r in &records {
        match r.key.len() {
            16 => {
                check::<Aes128>(r);
                check::<blockmodes::backend::Aes128>(r);
                k128 += 1;
            }
            32 => {
                check::<Aes256>(r);
                check::<blockmodes::backend::Aes256>(r);
                k256 += 1;
            }
            n => panic!("key length {n}"),
        }
    }
    // C.1: 22 records, C.2: 22, C.3: 2 (both AES-256).
    assert_eq!((k128, k256), (22, 24));
}

#[test]
fn counter_wrap_c3() {
    // C.3's first record: the counter starts at 0xffffffff in the first
    // four bytes (little-endian) and must wrap to 0 without carrying into
    // byte 4.
    let records = parse(RFC8452_APPENDIX_C);
    let r = &records[44];
    assert_eq!(&r.tag[..4], &[0xff; 4]);
    assert_eq!(r.pt.len(), 32);
    check::<Aes256>(r);
}

#[test]
fn aes192_companion_file() {
    let records = parse(AES192);
    assert_eq!(records.len(), 46);
    for r in &records {
        assert_eq!(r.key.len(), 24);
        check::<Aes192>(r);
    }
}

#[test]
fn parameters_and_limits() {
    let siv = || GcmSiv::<Aes128>::new_from_slice(&[9; 16]).unwrap();
    for len in [0, 15, 17, 24, 32] {
        assert!(matches!(
            GcmSiv::<Aes128>::new_from_slice(&vec![0; len]),
            Err(Error::InvalidKeyLength)
        ));
    }
    assert_eq!(siv().tag_len(), TAG_LEN);
    for n in 0..20 {
        let r = siv().encrypt(&vec![1; n], b"a", b"p");
        if n == NONCE_LEN {
            let sealed = r.unwrap();
            assert_eq!(siv().decrypt(&vec![1; n], b"a", &sealed).unwrap(), b"p");
        } else {
            assert_eq!(r, Err(Error::InvalidIvLength), "{n}");
            let mut buf = *b"xyz";
            let e = siv().decrypt_in_place_detached(&vec![1; n], b"a", &mut buf, &[0; 16]);
            assert_eq!(e, Err(Error::InvalidIvLength));
            assert_eq!(buf, [0; 3]);
        }
    }
    assert_eq!(MAX_PLAINTEXT_LEN, 1 << 36);
    assert_eq!(MAX_AAD_LEN, 1 << 36);
    // Tags of the wrong length, input shorter than a tag.
    let mut buf = *b"abc";
    let tag = siv()
        .encrypt_in_place_detached(&[0; 12], b"", &mut buf)
        .unwrap();
    for cut in [0, 1, 15] {
        let mut b = buf;
        assert_eq!(
            siv().decrypt_in_place_detached(&[0; 12], b"", &mut b, &tag[..cut]),
            Err(Error::Decrypt)
        );
        assert_eq!(b, [0; 3]);
    }
    assert_eq!(siv().decrypt(&[0; 12], b"", &[0; 15]), Err(Error::Decrypt));
    // Deterministic per (nonce, AAD, plaintext), like every SIV.
    assert_eq!(
        siv().encrypt(&[5; 12], b"a", b"msg").unwrap(),
        siv().encrypt(&[5; 12], b"a", b"msg").unwrap()
    );
}

/// Our AES backend (each CPU path it has here) as the key-generating key
/// gives what the `aes` crate gives, over lengths around every batch width
/// and the decryption chunk.
#[test]
fn backend_matches_aes_crate() {
    use blockmodes::backend::{self, Backend};
    let key = [0x5a; 32];
    let theirs = GcmSiv::<Aes256>::new_from_slice(&key).unwrap();
    let data: Vec<u8> = (0..16 * 600).map(|i| (i * 7 + 3) as u8).collect();
    let lens = (0..=40 * 16 + 1).chain([4095, 4096, 4097, 8200, 16 * 600]);
    for b in Backend::ALL {
        if !b.is_supported() {
            continue;
        }
        let aes = backend::Aes256::new_with_backend(&key.into(), b).unwrap();
        let ours = GcmSiv::new(aes).unwrap();
        for len in lens.clone() {
            let (aad, pt) = (&data[..len / 3], &data[..len]);
            let sealed = theirs.encrypt(&[7; 12], aad, pt).unwrap();
            assert_eq!(
                ours.encrypt(&[7; 12], aad, pt).unwrap(),
                sealed,
                "{b} {len}"
            );
            assert_eq!(
                ours.decrypt(&[7; 12], aad, &sealed).unwrap(),
                pt,
                "{b} {len}"
            );
        }
    }
}

fn flip(bytes: &mut [u8], bit: usize) {
    bytes[bit / 8] ^= 1 << (bit % 8);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Same output as RustCrypto `aes-gcm-siv` for AES-128 and AES-256.
    #[test]
    fn matches_aes_gcm_siv_crate(
        key in prop::collection::vec(any::<u8>(), 32),
        nonce in prop::array::uniform12(any::<u8>()),
        aad in prop::collection::vec(any::<u8>(), 0..200),
        pt in prop::collection::vec(any::<u8>(), 0..700),
    ) {
        use aes_gcm_siv::aead::{Aead as _, KeyInit as _, Payload};
        let ours = GcmSiv::<Aes128>::new_from_slice(&key[..16]).unwrap().encrypt(&nonce, &aad, &pt).unwrap();
        let theirs = aes_gcm_siv::Aes128GcmSiv::new_from_slice(&key[..16])
            .unwrap()
            .encrypt(&nonce.into(), Payload { msg: &pt, aad: &aad })
            .unwrap();
        prop_assert_eq!(ours, theirs);

        let ours = GcmSiv::<Aes256>::new_from_slice(&key).unwrap().encrypt(&nonce, &aad, &pt).unwrap();
        let theirs = aes_gcm_siv::Aes256GcmSiv::new_from_slice(&key)
            .unwrap()
            .encrypt(&nonce.into(), Payload { msg: &pt, aad: &aad })
            .unwrap();
        prop_assert_eq!(&ours, &theirs);
        let opened = GcmSiv::<Aes256>::new_from_slice(&key).unwrap().decrypt(&nonce, &aad, &theirs).unwrap();
        prop_assert_eq!(opened, pt);
    }

    /// Any single bit flip in nonce, AAD, ciphertext or tag: `Decrypt`,
    /// and the buffer (which held the decrypted plaintext) is zeroed.
    #[test]
    fn any_bit_flip_fails_and_zeroes(
        key in prop::array::uniform16(any::<u8>()),
        nonce in prop::array::uniform12(any::<u8>()),
        aad in prop::collection::vec(any::<u8>(), 1..60),
        pt in prop::collection::vec(any::<u8>(), 1..100),
        which in 0usize..4,
        pick in any::<prop::sample::Index>(),
    ) {
        let siv = GcmSiv::<Aes128>::new_from_slice(&key).unwrap();
        let (mut nonce, mut aad, mut buf) = (nonce, aad, pt.clone());
        let mut tag = siv.encrypt_in_place_detached(&nonce, &aad, &mut buf).unwrap().to_vec();
        match which {
            0 => flip(&mut nonce, pick.index(96)),
            1 => { let n = aad.len() * 8; flip(&mut aad, pick.index(n)) }
            2 => { let n = buf.len() * 8; flip(&mut buf, pick.index(n)) }
            _ => flip(&mut tag, pick.index(128)),
        }
        prop_assert_eq!(siv.decrypt_in_place_detached(&nonce, &aad, &mut buf, &tag), Err(Error::Decrypt));
        prop_assert!(buf.iter().all(|&b| b == 0));
    }
}

/// RFC 8452 Appendix C.1-C.3 as pyca cryptography_vectors `ciphers/AES/GCM-SIV/openssl.txt` (blank-line runs collapsed).
const RFC8452_APPENDIX_C: &str = r#"
#Cipher = aes-128-gcm-siv
COUNT = 0
Key = 01000000000000000000000000000000
IV = 030000000000000000000000
Tag = 578782fff6013b815b287c22493a364c
Plaintext = 0100000000000000
Ciphertext = b5d839330ac7b786

#Cipher = aes-128-gcm-siv
COUNT = 1
Key = 01000000000000000000000000000000
IV = 030000000000000000000000
Tag = a4978db357391a0bc4fdec8b0d106639
Plaintext = 010000000000000000000000
Ciphertext = 7323ea61d05932260047d942

#Cipher = aes-128-gcm-siv
COUNT = 2
Key = 01000000000000000000000000000000
IV = 030000000000000000000000
Tag = 303aaf90f6fe21199c6068577437a0c4
Plaintext = 01000000000000000000000000000000
Ciphertext = 743f7c8077ab25f8624e2e948579cf77

#Cipher = aes-128-gcm-siv
COUNT = 3
Key = 01000000000000000000000000000000
IV = 030000000000000000000000
Tag = 1a8e45dcd4578c667cd86847bf6155ff
Plaintext = 0100000000000000000000000000000002000000000000000000000000000000
Ciphertext = 84e07e62ba83a6585417245d7ec413a9fe427d6315c09b57ce45f2e3936a9445

#Cipher = aes-128-gcm-siv
COUNT = 4
Key = 01000000000000000000000000000000
IV = 030000000000000000000000
Tag = 5e6e311dbf395d35b0fe39c2714388f8
Plaintext = 010000000000000000000000000000000200000000000000000000000000000003000000000000000000000000000000
Ciphertext = 3fd24ce1f5a67b75bf2351f181a475c7b800a5b4d3dcf70106b1eea82fa1d64df42bf7226122fa92e17a40eeaac1201b

#Cipher = aes-128-gcm-siv
COUNT = 5
Key = 01000000000000000000000000000000
IV = 030000000000000000000000
Tag = 8a263dd317aa88d56bdf3936dba75bb8
Plaintext = 01000000000000000000000000000000020000000000000000000000000000000300000000000000000000000000000004000000000000000000000000000000
Ciphertext = 2433668f1058190f6d43e360f4f35cd8e475127cfca7028ea8ab5c20f7ab2af02516a2bdcbc08d521be37ff28c152bba36697f25b4cd169c6590d1dd39566d3f

#Cipher = aes-128-gcm-siv
COUNT = 6
AAD = 01
Key = 01000000000000000000000000000000
IV = 030000000000000000000000
Tag = 3b0a1a2560969cdf790d99759abd1508
Plaintext = 0200000000000000
Ciphertext = 1e6daba35669f427

#Cipher = aes-128-gcm-siv
COUNT = 7
AAD = 01
Key = 01000000000000000000000000000000
IV = 030000000000000000000000
Tag = 08299c5102745aaa3a0c469fad9e075a
Plaintext = 020000000000000000000000
Ciphertext = 296c7889fd99f41917f44620

#Cipher = aes-128-gcm-siv
COUNT = 8
AAD = 01
Key = 01000000000000000000000000000000
IV = 030000000000000000000000
Tag = 8f8936ec039e4e4bb97ebd8c4457441f
Plaintext = 02000000000000000000000000000000
Ciphertext = e2b0c5da79a901c1745f700525cb335b

#Cipher = aes-128-gcm-siv
COUNT = 9
AAD = 01
Key = 01000000000000000000000000000000
IV = 030000000000000000000000
Tag = e6af6a7f87287da059a71684ed3498e1
Plaintext = 0200000000000000000000000000000003000000000000000000000000000000
Ciphertext = 620048ef3c1e73e57e02bb8562c416a319e73e4caac8e96a1ecb2933145a1d71

#Cipher = aes-128-gcm-siv
COUNT = 10
AAD = 01
Key = 01000000000000000000000000000000
IV = 030000000000000000000000
Tag = 6a8cc3865f76897c2e4b245cf31c51f2
Plaintext = 020000000000000000000000000000000300000000000000000000000000000004000000000000000000000000000000
Ciphertext = 50c8303ea93925d64090d07bd109dfd9515a5a33431019c17d93465999a8b0053201d723120a8562b838cdff25bf9d1e

#Cipher = aes-128-gcm-siv
COUNT = 11
AAD = 01
Key = 01000000000000000000000000000000
IV = 030000000000000000000000
Tag = cdc46ae475563de037001ef84ae21744
Plaintext = 02000000000000000000000000000000030000000000000000000000000000000400000000000000000000000000000005000000000000000000000000000000
Ciphertext = 2f5c64059db55ee0fb847ed513003746aca4e61c711b5de2e7a77ffd02da42feec601910d3467bb8b36ebbaebce5fba30d36c95f48a3e7980f0e7ac299332a80

#Cipher = aes-128-gcm-siv
COUNT = 12
AAD = 010000000000000000000000
Key = 01000000000000000000000000000000
IV = 030000000000000000000000
Tag = 07eb1f84fb28f8cb73de8e99e2f48a14
Plaintext = 02000000
Ciphertext = a8fe3e87

#Cipher = aes-128-gcm-siv
COUNT = 13
AAD = 010000000000000000000000000000000200
Key = 01000000000000000000000000000000
IV = 030000000000000000000000
Tag = 24afc9805e976f451e6d87f6fe106514
Plaintext = 0300000000000000000000000000000004000000
Ciphertext = 6bb0fecf5ded9b77f902c7d5da236a4391dd0297

#Cipher = aes-128-gcm-siv
COUNT = 14
AAD = 0100000000000000000000000000000002000000
Key = 01000000000000000000000000000000
IV = 030000000000000000000000
Tag = bff9b2ef00fb47920cc72a0c0f13b9fd
Plaintext = 030000000000000000000000000000000400
Ciphertext = 44d0aaf6fb2f1f34add5e8064e83e12a2ada

#Cipher = aes-128-gcm-siv
COUNT = 15
AAD = 46bb91c3c5
Key = 36864200e0eaf5284d884a0e77d31646
IV = bae8e37fc83441b16034566b
Tag = 711bd85bc1e4d3e0a462e074eea428a8
Plaintext = 7a806c
Ciphertext = af60eb

#Cipher = aes-128-gcm-siv
COUNT = 16
AAD = fc880c94a95198874296
Key = aedb64a6c590bc84d1a5e269e4b47801
IV = afc0577e34699b9e671fdd4f
Tag = d6a9c45545cfc11f03ad743dba20f966
Plaintext = bdc66f146545
Ciphertext = bb93a3e34d3c

#Cipher = aes-128-gcm-siv
COUNT = 17
AAD = 046787f3ea22c127aaf195d1894728
Key = d5cc1fd161320b6920ce07787f86743b
IV = 275d1ab32f6d1f0434d8848c
Tag = 1d02fd0cd174c84fc5dae2f60f52fd2b
Plaintext = 1177441f195495860f
Ciphertext = 4f37281f7ad12949d0

#Cipher = aes-128-gcm-siv
COUNT = 18
AAD = c9882e5386fd9f92ec489c8fde2be2cf97e74e93
Key = b3fed1473c528b8426a582995929a149
IV = 9e9ad8780c8d63d0ab4149c0
Tag = c1dc2f871fb7561da1286e655e24b7b0
Plaintext = 9f572c614b4745914474e7c7
Ciphertext = f54673c5ddf710c745641c8b

#Cipher = aes-128-gcm-siv
COUNT = 19
AAD = 2950a70d5a1db2316fd568378da107b52b0da55210cc1c1b0a
Key = 2d4ed87da44102952ef94b02b805249b
IV = ac80e6f61455bfac8308a2d4
Tag = 83b3449b9f39552de99dc214a1190b0b
Plaintext = 0d8c8451178082355c9e940fea2f58
Ciphertext = c9ff545e07b88a015f05b274540aa1

#Cipher = aes-128-gcm-siv
COUNT = 20
AAD = 1860f762ebfbd08284e421702de0de18baa9c9596291b08466f37de21c7f
Key = bde3b2f204d1e9f8b06bc47f9745b3d1
IV = ae06556fb6aa7890bebc18fe
Tag = 3e377094f04709f64d7b985310a4db84
Plaintext = 6b3db4da3d57aa94842b9803a96e07fb6de7
Ciphertext = 6298b296e24e8cc35dce0bed484b7f30d580

#Cipher = aes-128-gcm-siv
COUNT = 21
AAD = 7576f7028ec6eb5ea7e298342a94d4b202b370ef9768ec6561c4fe6b7e7296fa859c21
Key = f901cfe8a69615a93fdf7a98cad48179
IV = 6245709fb18853f68d833640
Tag = 2d15506c84a9edd65e13e9d24a2a6e70
Plaintext = e42a3c02c25b64869e146d7b233987bddfc240871d
Ciphertext = 391cc328d484a4f46406181bcd62efd9b3ee197d05

# AES_256_GCM_SIV

#Cipher = aes-256-gcm-siv
COUNT = 22
Key = 0100000000000000000000000000000000000000000000000000000000000000
IV = 030000000000000000000000
Tag = 843122130f7364b761e0b97427e3df28
Plaintext = 0100000000000000
Ciphertext = c2ef328e5c71c83b

#Cipher = aes-256-gcm-siv
COUNT = 23
Key = 0100000000000000000000000000000000000000000000000000000000000000
IV = 030000000000000000000000
Tag = 8ca50da9ae6559e48fd10f6e5c9ca17e
Plaintext = 010000000000000000000000
Ciphertext = 9aab2aeb3faa0a34aea8e2b1

#Cipher = aes-256-gcm-siv
COUNT = 24
Key = 0100000000000000000000000000000000000000000000000000000000000000
IV = 030000000000000000000000
Tag = c9eac6fa700942702e90862383c6c366
Plaintext = 01000000000000000000000000000000
Ciphertext = 85a01b63025ba19b7fd3ddfc033b3e76

#Cipher = aes-256-gcm-siv
COUNT = 25
Key = 0100000000000000000000000000000000000000000000000000000000000000
IV = 030000000000000000000000
Tag = e819e63abcd020b006a976397632eb5d
Plaintext = 0100000000000000000000000000000002000000000000000000000000000000
Ciphertext = 4a6a9db4c8c6549201b9edb53006cba821ec9cf850948a7c86c68ac7539d027f

#Cipher = aes-256-gcm-siv
COUNT = 26
Key = 0100000000000000000000000000000000000000000000000000000000000000
IV = 030000000000000000000000
Tag = 790bc96880a99ba804bd12c0e6a22cc4
Plaintext = 010000000000000000000000000000000200000000000000000000000000000003000000000000000000000000000000
Ciphertext = c00d121893a9fa603f48ccc1ca3c57ce7499245ea0046db16c53c7c66fe717e39cf6c748837b61f6ee3adcee17534ed5

#Cipher = aes-256-gcm-siv
COUNT = 27
Key = 0100000000000000000000000000000000000000000000000000000000000000
IV = 030000000000000000000000
Tag = 112864c269fc0d9d88c61fa47e39aa08
Plaintext = 01000000000000000000000000000000020000000000000000000000000000000300000000000000000000000000000004000000000000000000000000000000
Ciphertext = c2d5160a1f8683834910acdafc41fbb1632d4a353e8b905ec9a5499ac34f96c7e1049eb080883891a4db8caaa1f99dd004d80487540735234e3744512c6f90ce

#Cipher = aes-256-gcm-siv
COUNT = 28
AAD = 01
Key = 0100000000000000000000000000000000000000000000000000000000000000
IV = 030000000000000000000000
Tag = 91213f267e3b452f02d01ae33e4ec854
Plaintext = 0200000000000000
Ciphertext = 1de22967237a8132

#Cipher = aes-256-gcm-siv
COUNT = 29
AAD = 01
Key = 0100000000000000000000000000000000000000000000000000000000000000
IV = 030000000000000000000000
Tag = c1a4a19ae800941ccdc57cc8413c277f
Plaintext = 020000000000000000000000
Ciphertext = 163d6f9cc1b346cd453a2e4c

#Cipher = aes-256-gcm-siv
COUNT = 30
AAD = 01
Key = 0100000000000000000000000000000000000000000000000000000000000000
IV = 030000000000000000000000
Tag = b292d28ff61189e8e49f3875ef91aff7
Plaintext = 02000000000000000000000000000000
Ciphertext = c91545823cc24f17dbb0e9e807d5ec17

#Cipher = aes-256-gcm-siv
COUNT = 31
AAD = 01
Key = 0100000000000000000000000000000000000000000000000000000000000000
IV = 030000000000000000000000
Tag = aea1bad12702e1965604374aab96dbbc
Plaintext = 0200000000000000000000000000000003000000000000000000000000000000
Ciphertext = 07dad364bfc2b9da89116d7bef6daaaf6f255510aa654f920ac81b94e8bad365

#Cipher = aes-256-gcm-siv
COUNT = 32
AAD = 01
Key = 0100000000000000000000000000000000000000000000000000000000000000
IV = 030000000000000000000000
Tag = 03332742b228c647173616cfd44c54eb
Plaintext = 020000000000000000000000000000000300000000000000000000000000000004000000000000000000000000000000
Ciphertext = c67a1f0f567a5198aa1fcc8e3f21314336f7f51ca8b1af61feac35a86416fa47fbca3b5f749cdf564527f2314f42fe25

#Cipher = aes-256-gcm-siv
COUNT = 33
AAD = 01
Key = 0100000000000000000000000000000000000000000000000000000000000000
IV = 030000000000000000000000
Tag = 5bde0285037c5de81e5b570a049b62a0
Plaintext = 02000000000000000000000000000000030000000000000000000000000000000400000000000000000000000000000005000000000000000000000000000000
Ciphertext = 67fd45e126bfb9a79930c43aad2d36967d3f0e4d217c1e551f59727870beefc98cb933a8fce9de887b1e40799988db1fc3f91880ed405b2dd298318858467c89

#Cipher = aes-256-gcm-siv
COUNT = 34
AAD = 010000000000000000000000
Key = 0100000000000000000000000000000000000000000000000000000000000000
IV = 030000000000000000000000
Tag = 1835e517741dfddccfa07fa4661b74cf
Plaintext = 02000000
Ciphertext = 22b3f4cd

#Cipher = aes-256-gcm-siv
COUNT = 35
AAD = 010000000000000000000000000000000200
Key = 0100000000000000000000000000000000000000000000000000000000000000
IV = 030000000000000000000000
Tag = b879ad976d8242acc188ab59cabfe307
Plaintext = 0300000000000000000000000000000004000000
Ciphertext = 43dd0163cdb48f9fe3212bf61b201976067f342b

#Cipher = aes-256-gcm-siv
COUNT = 36
AAD = 0100000000000000000000000000000002000000
Key = 0100000000000000000000000000000000000000000000000000000000000000
IV = 030000000000000000000000
Tag = cfcdf5042112aa29685c912fc2056543
Plaintext = 030000000000000000000000000000000400
Ciphertext = 462401724b5ce6588d5a54aae5375513a075

#Cipher = aes-256-gcm-siv
COUNT = 37
AAD = 4fbdc66f14
Key = bae8e37fc83441b16034566b7a806c46bb91c3c5aedb64a6c590bc84d1a5e269
IV = e4b47801afc0577e34699b9e
Tag = 93da9bb81333aee0c785b240d319719d
Plaintext = 671fdd
Ciphertext = 0eaccb

#Cipher = aes-256-gcm-siv
COUNT = 38
AAD = 6787f3ea22c127aaf195
Key = 6545fc880c94a95198874296d5cc1fd161320b6920ce07787f86743b275d1ab3
IV = 2f6d1f0434d8848c1177441f
Tag = 6b62b84dc40c84636a5ec12020ec8c2c
Plaintext = 195495860f04
Ciphertext = a254dad4f3f9

#Cipher = aes-256-gcm-siv
COUNT = 39
AAD = 489c8fde2be2cf97e74e932d4ed87d
Key = d1894728b3fed1473c528b8426a582995929a1499e9ad8780c8d63d0ab4149c0
IV = 9f572c614b4745914474e7c7
Tag = c0fd3dc6628dfe55ebb0b9fb2295c8c2
Plaintext = c9882e5386fd9f92ec
Ciphertext = 0df9e308678244c44b

#Cipher = aes-256-gcm-siv
COUNT = 40
AAD = 0da55210cc1c1b0abde3b2f204d1e9f8b06bc47f
Key = a44102952ef94b02b805249bac80e6f61455bfac8308a2d40d8c845117808235
IV = 5c9e940fea2f582950a70d5a
Tag = 404099c2587f64979f21826706d497d5
Plaintext = 1db2316fd568378da107b52b
Ciphertext = 8dbeb9f7255bf5769dd56692

#Cipher = aes-256-gcm-siv
COUNT = 41
AAD = f37de21c7ff901cfe8a69615a93fdf7a98cad481796245709f
Key = 9745b3d1ae06556fb6aa7890bebc18fe6b3db4da3d57aa94842b9803a96e07fb
IV = 6de71860f762ebfbd08284e4
Tag = b3080d28f6ebb5d3648ce97bd5ba67fd
Plaintext = 21702de0de18baa9c9596291b08466
Ciphertext = 793576dfa5c0f88729a7ed3c2f1bff

#Cipher = aes-256-gcm-siv
COUNT = 42
AAD = 9c2159058b1f0fe91433a5bdc20e214eab7fecef4454a10ef0657df21ac7
Key = b18853f68d833640e42a3c02c25b64869e146d7b233987bddfc240871d7576f7
IV = 028ec6eb5ea7e298342a94d4
Tag = 454fc2a154fea91f8363a39fec7d0a49
Plaintext = b202b370ef9768ec6561c4fe6b7e7296fa85
Ciphertext = 857e16a64915a787637687db4a9519635cdd

#Cipher = aes-256-gcm-siv
COUNT = 43
AAD = 734320ccc9d9bbbb19cb81b2af4ecbc3e72834321f7aa0f70b7282b4f33df23f167541
Key = 3c535de192eaed3822a2fbbe2ca9dfc88255e14a661b8aa82cc54236093bbc23
IV = 688089e55540db1872504e1c
Tag = 9d6c7029675b89eaf4ba1ded1a286594
Plaintext = ced532ce4159b035277d4dfbb7db62968b13cd4eec
Ciphertext = 626660c26ea6612fb17ad91e8e767639edd6c9faee

# The tests in this section use AEAD_AES_256_GCM_SIV and are crafted to
# test correct wrapping of the block counter.

#Cipher = aes-256-gcm-siv
COUNT = 44
Key = 0000000000000000000000000000000000000000000000000000000000000000
IV = 000000000000000000000000
Tag = ffffffff000000000000000000000000
Plaintext = 000000000000000000000000000000004db923dc793ee6497c76dcc03a98e108
Ciphertext = f3f80f2cf0cb2dd9c5984fcda908456cc537703b5ba70324a6793a7bf218d3ea

#Cipher = aes-256-gcm-siv
COUNT = 45
Key = 0000000000000000000000000000000000000000000000000000000000000000
IV = 000000000000000000000000
Tag = ffffffff000000000000000000000000
Plaintext = eb3640277c7ffd1303c7a542d02d3e4c0000000000000000
Ciphertext = 18ce4f0b8cb4d0cac65fea8f79257b20888e53e72299e56d
"#;

/// AES-192: pyca cryptography_vectors `ciphers/AES/GCM-SIV/aes-192-gcm-siv.txt` (blank-line runs collapsed).
const AES192: &str = r#"
COUNT = 0
Key = 010000000000000000000000000000000000000000000000
IV = 030000000000000000000000
Plaintext = 0100000000000000
Tag = 6b0606875a845eec145f44ae5b92e834
Ciphertext = 0e49fb119666c8ae

COUNT = 1
Key = 010000000000000000000000000000000000000000000000
IV = 030000000000000000000000
Plaintext = 010000000000000000000000
Tag = 9f2131df8b794bc6d9af9e5a8a96318e
Ciphertext = 3938f3fe1dad8464114dc42a

COUNT = 2
Key = 010000000000000000000000000000000000000000000000
IV = 030000000000000000000000
Plaintext = 01000000000000000000000000000000
Tag = 82e6a81be803dc33f56a637fcaa70fec
Ciphertext = 75a96f1f1cbfa93e2cd69e8a18bf3bab

COUNT = 3
Key = 010000000000000000000000000000000000000000000000
IV = 030000000000000000000000
Plaintext = 0100000000000000000000000000000002000000000000000000000000000000
Tag = def094dd94cb68942b1b96a85a8eab28
Ciphertext = 3022f43d5ca420345420c52de08ddaa28b8fb840aeb41bd44addc78d07e0835b

COUNT = 4
Key = 010000000000000000000000000000000000000000000000
IV = 030000000000000000000000
Plaintext = 010000000000000000000000000000000200000000000000000000000000000003000000000000000000000000000000
Tag = 6c64163e992cd475d847b9348ff1798a
Ciphertext = b2848264495ddec52a6f28a0b8112e031b78f4b78eb6590c54d68f14232850e2e4c4fdf78b8c63770ee0f07d43deb520

COUNT = 5
Key = 010000000000000000000000000000000000000000000000
IV = 030000000000000000000000
Plaintext = 01000000000000000000000000000000020000000000000000000000000000000300000000000000000000000000000004000000000000000000000000000000
AAD = 01
Tag = c7eb28d9cd1fe3b3b2bd75705e747c9b
Ciphertext = bbec4e4329672818200ae2185c45dfa8e21757d044298da5f2a1ae8157737b4934ab76fb05fcba19b641971270c012c3d223ba5150687128e702fd0a656e2644

COUNT = 6
Key = 010000000000000000000000000000000000000000000000
IV = 030000000000000000000000
Plaintext = 0200000000000000
AAD = 01
Tag = 894e72c67363ad0eab00784b92b10cba
Ciphertext = 8b2eed8f172b2227

COUNT = 7
Key = 010000000000000000000000000000000000000000000000
IV = 030000000000000000000000
Plaintext = 020000000000000000000000
AAD = 01
Tag = 41d21d1b764e3ffdd253c2b0a4695e2a
Ciphertext = 307a6cdfcaa3ca0d9f8a9c31

COUNT = 8
Key = 010000000000000000000000000000000000000000000000
IV = 030000000000000000000000
Plaintext = 02000000000000000000000000000000
AAD = 01
Tag = aafde8488bdcb22dfa65fad6e094c6da
Ciphertext = 30d9630474420eea90bee4dbca3c4ae0

COUNT = 9
Key = 010000000000000000000000000000000000000000000000
IV = 030000000000000000000000
Plaintext = 0200000000000000000000000000000003000000000000000000000000000000
AAD = 01
Tag = 03902234c1db8adcc4b6a2bc09c28401
Ciphertext = abc2b17cc5a7a89745b684844b1699757528f3a008090cdb0dd6bfbdfea9550e

COUNT = 10
Key = 010000000000000000000000000000000000000000000000
IV = 030000000000000000000000
Plaintext = 020000000000000000000000000000000300000000000000000000000000000004000000000000000000000000000000
AAD = 01
Tag = bd5a9b90b763e05e69ea0ffe3d850abf
Ciphertext = 335910f4402db51cecc5c35fb49eda857f705de55c9a69824598420431dd0ad3f1d01db404118f0b48b1e405ca4360f6

COUNT = 11
Key = 010000000000000000000000000000000000000000000000
IV = 030000000000000000000000
Plaintext = 02000000000000000000000000000000030000000000000000000000000000000400000000000000000000000000000005000000000000000000000000000000
AAD = 010000000000000000000000
Tag = fa6414f191bf4d9150463ea5576419e7
Ciphertext = 4a079678501f40450cec428417910b3193a222cbb123dfdbc813da04e1e1b4d8d103bc2e50f732b2f5426adfe97a8c7be4c9469781e84db13a2d20701187da52

COUNT = 12
Key = 010000000000000000000000000000000000000000000000
IV = 030000000000000000000000
Plaintext = 02000000
AAD = 010000000000000000000000000000000200
Tag = a55b45c4a6eae8d73458616043f2e613
Ciphertext = ff75102b

COUNT = 13
Key = 010000000000000000000000000000000000000000000000
IV = 030000000000000000000000
Plaintext = 0300000000000000000000000000000004000000
AAD = 0100000000000000000000000000000002000000
Tag = eb23533e1cfa48dd66312068522ffbcd
Ciphertext = 800a331bc9fd057346f967d0b74b6e0c28f87dde

COUNT = 14
Key = 010000000000000000000000000000000000000000000000
IV = 030000000000000000000000
Plaintext = 030000000000000000000000000000000400
AAD = 46bb91c3c5
Tag = 1262580dd140a8f15a3cfaa61dae6228
Ciphertext = 5fcd136fbe93ff59312419db8dc88592d04d

COUNT = 15
Key = 36864200e0eaf5284d884a0e77d316460000000000000000
IV = bae8e37fc83441b16034566b
Plaintext = 7a806c
AAD = fc880c94a95198874296
Tag = 0b12efedd62766899d8d71dd2b60efb7
Ciphertext = e9d247

COUNT = 16
Key = aedb64a6c590bc84d1a5e269e4b478010000000000000000
IV = afc0577e34699b9e671fdd4f
Plaintext = bdc66f146545
AAD = 046787f3ea22c127aaf195d1894728
Tag = 300a8b293f061d9a240f28e3e8d01c80
Ciphertext = c3fe5dc13711

COUNT = 17
Key = d5cc1fd161320b6920ce07787f86743b0000000000000000
IV = 275d1ab32f6d1f0434d8848c
Plaintext = 1177441f195495860f
AAD = c9882e5386fd9f92ec489c8fde2be2cf97e74e93
Tag = 2f836454f4067fd55487b2ee9f98969f
Ciphertext = b2adb4f1ee87054334

COUNT = 18
Key = b3fed1473c528b8426a582995929a1490000000000000000
IV = 9e9ad8780c8d63d0ab4149c0
Plaintext = 9f572c614b4745914474e7c7
AAD = 2950a70d5a1db2316fd568378da107b52b0da55210cc1c1b0a
Tag = e807b12ad6e986df56634d368618736b
Ciphertext = 55bbffc06e088d5e84a91645

COUNT = 19
Key = 2d4ed87da44102952ef94b02b805249b0000000000000000
IV = ac80e6f61455bfac8308a2d4
Plaintext = 0d8c8451178082355c9e940fea2f58
AAD = 1860f762ebfbd08284e421702de0de18baa9c9596291b08466f37de21c7f
Tag = b17d76ae290eb80fab2ce7b442e5eff8
Ciphertext = f253ab63b9ddb0a504bb89d7433af2

COUNT = 20
Key = bde3b2f204d1e9f8b06bc47f9745b3d10000000000000000
IV = ae06556fb6aa7890bebc18fe
Plaintext = 6b3db4da3d57aa94842b9803a96e07fb6de7
AAD = 7576f7028ec6eb5ea7e298342a94d4b202b370ef9768ec6561c4fe6b7e7296fa859c21
Tag = 052d42f547b265c1c3df2ef3825e98f9
Ciphertext = 2cf3f09fe425322a2780ec29ddb7223157e2

COUNT = 21
Key = f901cfe8a69615a93fdf7a98cad481790000000000000000
IV = 6245709fb18853f68d833640
Plaintext = e42a3c02c25b64869e146d7b233987bddfc240871d
Tag = ef016675dc2db7d0b99fc180ab22a3a9
Ciphertext = 8fb444f874828ddc73c2fa86bfd0458da27919b1a9

COUNT = 22
Key = 010000000000000000000000000000000000000000000000
IV = 030000000000000000000000
Plaintext = 0100000000000000
Tag = 6b0606875a845eec145f44ae5b92e834
Ciphertext = 0e49fb119666c8ae

COUNT = 23
Key = 010000000000000000000000000000000000000000000000
IV = 030000000000000000000000
Plaintext = 010000000000000000000000
Tag = 9f2131df8b794bc6d9af9e5a8a96318e
Ciphertext = 3938f3fe1dad8464114dc42a

COUNT = 24
Key = 010000000000000000000000000000000000000000000000
IV = 030000000000000000000000
Plaintext = 01000000000000000000000000000000
Tag = 82e6a81be803dc33f56a637fcaa70fec
Ciphertext = 75a96f1f1cbfa93e2cd69e8a18bf3bab

COUNT = 25
Key = 010000000000000000000000000000000000000000000000
IV = 030000000000000000000000
Plaintext = 0100000000000000000000000000000002000000000000000000000000000000
Tag = def094dd94cb68942b1b96a85a8eab28
Ciphertext = 3022f43d5ca420345420c52de08ddaa28b8fb840aeb41bd44addc78d07e0835b

COUNT = 26
Key = 010000000000000000000000000000000000000000000000
IV = 030000000000000000000000
Plaintext = 010000000000000000000000000000000200000000000000000000000000000003000000000000000000000000000000
Tag = 6c64163e992cd475d847b9348ff1798a
Ciphertext = b2848264495ddec52a6f28a0b8112e031b78f4b78eb6590c54d68f14232850e2e4c4fdf78b8c63770ee0f07d43deb520

COUNT = 27
Key = 010000000000000000000000000000000000000000000000
IV = 030000000000000000000000
Plaintext = 01000000000000000000000000000000020000000000000000000000000000000300000000000000000000000000000004000000000000000000000000000000
AAD = 01
Tag = c7eb28d9cd1fe3b3b2bd75705e747c9b
Ciphertext = bbec4e4329672818200ae2185c45dfa8e21757d044298da5f2a1ae8157737b4934ab76fb05fcba19b641971270c012c3d223ba5150687128e702fd0a656e2644

COUNT = 28
Key = 010000000000000000000000000000000000000000000000
IV = 030000000000000000000000
Plaintext = 0200000000000000
AAD = 01
Tag = 894e72c67363ad0eab00784b92b10cba
Ciphertext = 8b2eed8f172b2227

COUNT = 29
Key = 010000000000000000000000000000000000000000000000
IV = 030000000000000000000000
Plaintext = 020000000000000000000000
AAD = 01
Tag = 41d21d1b764e3ffdd253c2b0a4695e2a
Ciphertext = 307a6cdfcaa3ca0d9f8a9c31

COUNT = 30
Key = 010000000000000000000000000000000000000000000000
IV = 030000000000000000000000
Plaintext = 02000000000000000000000000000000
AAD = 01
Tag = aafde8488bdcb22dfa65fad6e094c6da
Ciphertext = 30d9630474420eea90bee4dbca3c4ae0

COUNT = 31
Key = 010000000000000000000000000000000000000000000000
IV = 030000000000000000000000
Plaintext = 0200000000000000000000000000000003000000000000000000000000000000
AAD = 01
Tag = 03902234c1db8adcc4b6a2bc09c28401
Ciphertext = abc2b17cc5a7a89745b684844b1699757528f3a008090cdb0dd6bfbdfea9550e

COUNT = 32
Key = 010000000000000000000000000000000000000000000000
IV = 030000000000000000000000
Plaintext = 020000000000000000000000000000000300000000000000000000000000000004000000000000000000000000000000
AAD = 01
Tag = bd5a9b90b763e05e69ea0ffe3d850abf
Ciphertext = 335910f4402db51cecc5c35fb49eda857f705de55c9a69824598420431dd0ad3f1d01db404118f0b48b1e405ca4360f6

COUNT = 33
Key = 010000000000000000000000000000000000000000000000
IV = 030000000000000000000000
Plaintext = 02000000000000000000000000000000030000000000000000000000000000000400000000000000000000000000000005000000000000000000000000000000
AAD = 010000000000000000000000
Tag = fa6414f191bf4d9150463ea5576419e7
Ciphertext = 4a079678501f40450cec428417910b3193a222cbb123dfdbc813da04e1e1b4d8d103bc2e50f732b2f5426adfe97a8c7be4c9469781e84db13a2d20701187da52

COUNT = 34
Key = 010000000000000000000000000000000000000000000000
IV = 030000000000000000000000
Plaintext = 02000000
AAD = 010000000000000000000000000000000200
Tag = a55b45c4a6eae8d73458616043f2e613
Ciphertext = ff75102b

COUNT = 35
Key = 010000000000000000000000000000000000000000000000
IV = 030000000000000000000000
Plaintext = 0300000000000000000000000000000004000000
AAD = 0100000000000000000000000000000002000000
Tag = eb23533e1cfa48dd66312068522ffbcd
Ciphertext = 800a331bc9fd057346f967d0b74b6e0c28f87dde

COUNT = 36
Key = 010000000000000000000000000000000000000000000000
IV = 030000000000000000000000
Plaintext = 030000000000000000000000000000000400
AAD = 4fbdc66f14
Tag = d4a18ab742502dcae4dd17390cb2acd9
Ciphertext = 4f566a1cfa8b324963dc1d50193dff4c9188

COUNT = 37
Key = bae8e37fc83441b16034566b7a806c46bb91c3c5aedb64a6
IV = e4b47801afc0577e34699b9e
Plaintext = 671fdd
AAD = 6787f3ea22c127aaf195
Tag = 638269643cda66e000734bf9f0c821f4
Ciphertext = c76264

COUNT = 38
Key = 6545fc880c94a95198874296d5cc1fd161320b6920ce0778
IV = 2f6d1f0434d8848c1177441f
Plaintext = 195495860f04
AAD = 489c8fde2be2cf97e74e932d4ed87d
Tag = 4925f70d2e7ed024a7c7a4c6cb2cce2d
Ciphertext = 36583f07a52f

COUNT = 39
Key = d1894728b3fed1473c528b8426a582995929a1499e9ad878
IV = 9f572c614b4745914474e7c7
Plaintext = c9882e5386fd9f92ec
AAD = 0da55210cc1c1b0abde3b2f204d1e9f8b06bc47f
Tag = 4cc78a269c9a89853cdb774a666af987
Ciphertext = cb04c5de6874c6a146

COUNT = 40
Key = a44102952ef94b02b805249bac80e6f61455bfac8308a2d4
IV = 5c9e940fea2f582950a70d5a
Plaintext = 1db2316fd568378da107b52b
AAD = f37de21c7ff901cfe8a69615a93fdf7a98cad481796245709f
Tag = c8039defe751d0376d2dfe270098087b
Ciphertext = 754f8b19e96a82d3f2d65fc9

COUNT = 41
Key = 9745b3d1ae06556fb6aa7890bebc18fe6b3db4da3d57aa94
IV = 6de71860f762ebfbd08284e4
Plaintext = 21702de0de18baa9c9596291b08466
AAD = 9c2159058b1f0fe91433a5bdc20e214eab7fecef4454a10ef0657df21ac7
Tag = 7b3f0297b430ea449da03edbd733c09f
Ciphertext = b435bc3278d03b21c9617fe61e5d38

COUNT = 42
Key = b18853f68d833640e42a3c02c25b64869e146d7b233987bd
IV = 028ec6eb5ea7e298342a94d4
Plaintext = b202b370ef9768ec6561c4fe6b7e7296fa85
AAD = 734320ccc9d9bbbb19cb81b2af4ecbc3e72834321f7aa0f70b7282b4f33df23f167541
Tag = 5202d95e07513016c4297bb6931645fa
Ciphertext = a1b8a596c157c466388807c4a4dae95cbca9

COUNT = 43
Key = 3c535de192eaed3822a2fbbe2ca9dfc88255e14a661b8aa8
IV = 688089e55540db1872504e1c
Plaintext = ced532ce4159b035277d4dfbb7db62968b13cd4eec
Tag = dfea23246312c3a465c07c31181b843e
Ciphertext = 240a8f822438d841f7762d8ff7d5491abf1a522cfa

COUNT = 44
Key = 000000000000000000000000000000000000000000000000
IV = 000000000000000000000000
Plaintext = 000000000000000000000000000000004db923dc793ee6497c76dcc03a98e108
Tag = 186ba2cd0e9b336b7ff602360de21986
Ciphertext = f6ec502b997e31fd7760f9c775db0a88597efe1053d343775195f0e3416e51b2

COUNT = 45
Key = 000000000000000000000000000000000000000000000000
IV = 000000000000000000000000
Plaintext = eb3640277c7ffd1303c7a542d02d3e4c0000000000000000
Tag = f23ebe966130dcc9e2a8eb7a91193ac8
Ciphertext = c67f39b25f3dc2d5a9d400dd29275f10b4291b0efb6d32de
"#;
