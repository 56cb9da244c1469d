//! GHASH (NIST SP 800-38D §6.4) and POLYVAL (RFC 8452 §3) on every path
//! this CPU runs: the RFC 8452 Appendix A worked example and §7 field
//! example, the Appendix A relation between the two hashes, and every fast
//! path against the portable one on random keys and 0..200 blocks, fed
//! whole and in pieces.

use blockmodes::backend;
use blockmodes::uhash::{self, Ghash, HashBackend, Polyval};
use proptest::prelude::*;

/// A 16-byte block from 32 hex digits.
fn block(s: &str) -> [u8; 16] {
    u128::from_str_radix(s, 16).unwrap().to_be_bytes()
}

/// The paths this CPU runs.
fn paths() -> Vec<HashBackend> {
    HashBackend::ALL
        .into_iter()
        .filter(|b| b.is_supported())
        .collect()
}

/// RFC 8452 Appendix A: `mulX_POLYVAL`, on little-endian bytes.
fn mulx_polyval(h: [u8; 16]) -> [u8; 16] {
    let v = u128::from_le_bytes(h);
    let carry = 0u128.wrapping_sub(v >> 127);
    ((v << 1) ^ (carry & ((0xc2 << 120) | 1))).to_le_bytes()
}

/// RFC 8452 Appendix A: `mulX_GHASH`, on big-endian bytes.
fn mulx_ghash(h: [u8; 16]) -> [u8; 16] {
    let v = u128::from_be_bytes(h);
    let carry = 0u128.wrapping_sub(v & 1);
    ((v >> 1) ^ (carry & (0xe1 << 120))).to_be_bytes()
}

fn rev(mut b: [u8; 16]) -> [u8; 16] {
    b.reverse();
    b
}

fn ghash(h: &[u8; 16], blocks: &[[u8; 16]], path: HashBackend) -> [u8; 16] {
    let mut g = Ghash::new_with_backend(h, path).unwrap();
    assert_eq!(g.backend(), path);
    g.update_blocks(blocks);
    g.finalize()
}

fn polyval(h: &[u8; 16], blocks: &[[u8; 16]], path: HashBackend) -> [u8; 16] {
    let mut p = Polyval::new_with_backend(h, path).unwrap();
    assert_eq!(p.backend(), path);
    p.update_blocks(blocks);
    p.finalize()
}

const H: &str = "25629347589242761d31f826ba4b757b";
const X1: &str = "4f4f95668c83dfb6401762bb2d01a262";
const X2: &str = "d1a24ddd2721d006bbe45f20d3c9f362";

#[test]
fn rfc8452_appendix_a_polyval() {
    let (h, x1, x2) = (block(H), block(X1), block(X2));
    for path in paths() {
        assert_eq!(
            polyval(&h, &[x1], path),
            block("cedac64537ff50989c16011551086d77"),
            "{path}"
        );
        assert_eq!(
            polyval(&h, &[x1, x2], path),
            block("f7a3b47b846119fae5b7866cf5e5b77e"),
            "{path}"
        );
        // The same two blocks one call at a time.
        let mut p = Polyval::new_with_backend(&h, path).unwrap();
        p.update_blocks(&[x1]);
        p.update_blocks(&[x2]);
        assert_eq!(p.finalize(), block("f7a3b47b846119fae5b7866cf5e5b77e"));
        p.reset();
        assert_eq!(p.finalize(), [0; 16]);
    }
}

/// RFC 8452 Appendix A: GHASH of the same key and blocks.
#[test]
fn rfc8452_appendix_a_ghash() {
    let (h, x1, x2) = (block(H), block(X1), block(X2));
    for path in paths() {
        assert_eq!(
            ghash(&h, &[x1, x2], path),
            block("bd9b3997046731fb96251b91f9c99d7a"),
            "{path}"
        );
    }
}

/// RFC 8452 §7: `dot(a, b)`, which is POLYVAL keyed with `b` over the one
/// block `a`.
#[test]
fn rfc8452_section7_dot() {
    let a = block("66e94bd4ef8a2c3b884cfa59ca342b2e");
    let b = block("ff000000000000000000000000000000");
    for path in paths() {
        assert_eq!(
            polyval(&b, &[a], path),
            block("ebe563401e7e91ea3ad6426b8140c394"),
            "{path}"
        );
    }
}

/// `new` takes the fastest path unless the portable one is forced.
#[test]
fn default_path_and_force_portable() {
    let h = block(H);
    let best = paths()[0];
    assert_eq!(uhash::default_backend(), best);
    assert_eq!(Ghash::new(&h).backend(), best);
    assert_eq!(Polyval::new(&h).backend(), best);
    backend::force_portable(true);
    let (g, p, d) = (Ghash::new(&h), Polyval::new(&h), uhash::default_backend());
    backend::force_portable(false);
    assert_eq!(g.backend(), HashBackend::Portable);
    assert_eq!(p.backend(), HashBackend::Portable);
    assert_eq!(d, HashBackend::Portable);
    for path in HashBackend::ALL {
        if !path.is_supported() {
            assert!(Ghash::new_with_backend(&h, path).is_err());
            assert!(Polyval::new_with_backend(&h, path).is_err());
        }
    }
}

fn blocks_strategy() -> impl Strategy<Value = Vec<[u8; 16]>> {
    proptest::collection::vec(any::<[u8; 16]>(), 0..200)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Every path gives the portable answer, whole and split at `cut`.
    #[test]
    fn fast_paths_match_portable(h in any::<[u8; 16]>(), xs in blocks_strategy(), cut in any::<prop::sample::Index>()) {
        let want_g = ghash(&h, &xs, HashBackend::Portable);
        let want_p = polyval(&h, &xs, HashBackend::Portable);
        let cut = cut.index(xs.len() + 1);
        for path in paths() {
            prop_assert_eq!(ghash(&h, &xs, path), want_g, "ghash {}", path);
            prop_assert_eq!(polyval(&h, &xs, path), want_p, "polyval {}", path);
            let mut g = Ghash::new_with_backend(&h, path).unwrap();
            g.update_blocks(&xs[..cut]);
            let mid = g.finalize();
            g.update_blocks(&xs[cut..]);
            prop_assert_eq!(g.finalize(), want_g, "ghash split {}", path);
            prop_assert_eq!(mid, ghash(&h, &xs[..cut], HashBackend::Portable));
        }
    }

    /// `update_padded` pads a partial block with zeros on every path.
    #[test]
    fn padded_matches_portable(h in any::<[u8; 16]>(), data in proptest::collection::vec(any::<u8>(), 0..600)) {
        let mut want = Ghash::new_with_backend(&h, HashBackend::Portable).unwrap();
        want.update_padded(&data);
        let mut want_p = Polyval::new_with_backend(&h, HashBackend::Portable).unwrap();
        want_p.update_padded(&data);
        let mut last = [0u8; 16];
        let (whole, tail) = data.as_chunks::<16>();
        last[..tail.len()].copy_from_slice(tail);
        let mut blocks = whole.to_vec();
        if !tail.is_empty() {
            blocks.push(last);
        }
        prop_assert_eq!(want.finalize(), ghash(&h, &blocks, HashBackend::Portable));
        for path in paths() {
            let mut g = Ghash::new_with_backend(&h, path).unwrap();
            g.update_padded(&data);
            prop_assert_eq!(g.finalize(), want.finalize());
            let mut p = Polyval::new_with_backend(&h, path).unwrap();
            p.update_padded(&data);
            prop_assert_eq!(p.finalize(), want_p.finalize());
        }
    }

    /// RFC 8452 Appendix A, both directions:
    /// `POLYVAL(H, X..) = ByteReverse(GHASH(mulX_GHASH(ByteReverse(H)), ByteReverse(X)..))`,
    /// `GHASH(H, X..) = ByteReverse(POLYVAL(mulX_POLYVAL(ByteReverse(H)), ByteReverse(X)..))`.
    #[test]
    fn appendix_a_relation(h in any::<[u8; 16]>(), xs in proptest::collection::vec(any::<[u8; 16]>(), 0..40)) {
        let rxs: Vec<[u8; 16]> = xs.iter().map(|&x| rev(x)).collect();
        for path in paths() {
            prop_assert_eq!(
                polyval(&h, &xs, path),
                rev(ghash(&mulx_ghash(rev(h)), &rxs, HashBackend::Portable))
            );
            prop_assert_eq!(
                ghash(&h, &xs, path),
                rev(polyval(&mulx_polyval(rev(h)), &rxs, HashBackend::Portable))
            );
        }
    }
}
