//! The one-shot (in place and buffer to buffer) and streaming paths of
//! every mode, and GCM/GMAC, allocate nothing: a counting global allocator
//! wraps the system one and the test asserts zero allocations while those
//! calls run (keys, modes and buffers are set up outside the counted
//! region; only the `*_vec` helpers may allocate). Runs over both AES
//! types, `blockmodes::backend::Aes128` and `aes::Aes128`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use blockmodes::backend;
use blockmodes::cipher::{BlockCipherDecrypt, KeyInit};
use blockmodes::{
    Aead, BlockDecryptMode, BlockEncryptMode, Cbc, CbcCs, Cfb, CounterLayout, CsVariant, Ctr, Ecb,
    Gcm, Gmac, Ofb, Padding, Pcbc, StreamMode, Xts,
};

/// Counts allocations made by the current thread while counting is on.
struct Counting;

thread_local! {
    static ON: Cell<bool> = const { Cell::new(false) };
    static COUNT: Cell<usize> = const { Cell::new(0) };
}

fn note() {
    // `try_with`: the thread-locals may be gone while a thread exits.
    let _ = ON.try_with(|on| {
        if on.get() {
            let _ = COUNT.try_with(|c| c.set(c.get() + 1));
        }
    });
}

// SAFETY: every call is passed unchanged to `System`, which upholds the
// `GlobalAlloc` contract; the counting touches only const-initialised
// thread-locals (no allocation, no re-entry).
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note();
        // SAFETY: the caller's `layout` obligations carry over to `System`.
        unsafe { System.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note();
        // SAFETY: as in `alloc`.
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note();
        // SAFETY: `ptr` came from this allocator, i.e. from `System`.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from this allocator, i.e. from `System`.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Allocations `f` makes on this thread.
fn allocations(f: impl FnOnce()) -> usize {
    COUNT.with(|c| c.set(0));
    ON.with(|on| on.set(true));
    f();
    ON.with(|on| on.set(false));
    COUNT.with(|c| c.get())
}

const KEY: [u8; 16] = [7; 16];
const IV: [u8; 16] = [9; 16];
/// Several VAES batches plus a tail, not block-aligned where a mode takes it.
const LEN: usize = 16 * 40 + 16 * 5;
const ODD: usize = LEN + 7;

fn check<C>(name: &str, make: impl Fn() -> C, tweak_cipher: C)
where
    C: blockmodes::Kernels<BlockSize = blockmodes::cipher::consts::U16>
        + BlockCipherDecrypt
        + KeyInit
        + Clone,
{
    let mut buf = vec![0x5au8; 2048];
    let mut out = vec![0u8; 2048];
    let aligned = || 0..LEN;

    let mut ecb = Ecb::new(make());
    let mut cbc = Cbc::new(make(), &IV).unwrap();
    let mut pcbc = Pcbc::new(make(), &IV).unwrap();
    let mut ofb = Ofb::new(make(), &IV).unwrap();
    let mut cfb128 = Cfb::new(make(), &IV, 128).unwrap();
    let mut cfb8 = Cfb::new(make(), &IV, 8).unwrap();
    let mut cfb1 = Cfb::new(make(), &IV, 1).unwrap();
    let mut ctr = Ctr::new(make(), &IV, CounterLayout::default()).unwrap();
    let mut ctr32 = Ctr::new(make(), &IV, CounterLayout::parse("32le").unwrap()).unwrap();
    let cs = CbcCs::new(make(), &IV, CsVariant::Cs3).unwrap();
    let (cs2, cs3, cs4) = (cs.clone(), cs.clone(), cs.clone());
    let (cs_enc, cs_dec) = (cs.clone().encryptor(), cs.clone().decryptor());
    let xts = Xts::new(make(), tweak_cipher);
    let gcm = Gcm::new(make());
    let gmac = Gmac::new(make());
    let enc = Cbc::new(make(), &IV).unwrap().encryptor(Padding::Pkcs7);
    let dec = Cbc::new(make(), &IV).unwrap().decryptor(Padding::Pkcs7);
    let mut padded = vec![0u8; LEN + 32];

    let n = allocations(|| {
        ecb.encrypt_blocks(&mut buf[aligned()]).unwrap();
        ecb.decrypt_blocks(&mut buf[aligned()]).unwrap();
        ecb.encrypt_blocks_b2b(&buf[aligned()], &mut out[aligned()])
            .unwrap();
        cbc.encrypt_blocks(&mut buf[aligned()]).unwrap();
        cbc.decrypt_blocks(&mut buf[aligned()]).unwrap();
        cbc.decrypt_blocks_b2b(&buf[aligned()], &mut out[aligned()])
            .unwrap();
        pcbc.encrypt_blocks(&mut buf[aligned()]).unwrap();
        pcbc.decrypt_blocks(&mut buf[aligned()]).unwrap();
        for m in [
            &mut ofb as &mut dyn Stream,
            &mut cfb128,
            &mut cfb8,
            &mut cfb1,
            &mut ctr,
            &mut ctr32,
        ] {
            m.enc(&mut buf[..ODD]);
            m.dec(&mut buf[..ODD]);
            m.enc_b2b(&buf[..ODD], &mut out[..ODD]);
            // Streaming: uneven pieces.
            let (a, b) = buf[..ODD].split_at_mut(13);
            m.enc(a);
            m.enc(b);
        }
        cs.encrypt(&mut buf[..ODD]).unwrap();
        cs2.decrypt(&mut buf[..ODD]).unwrap();
        cs3.encrypt_b2b(&buf[..ODD], &mut out[..ODD]).unwrap();
        cs4.decrypt_b2b(&out[..ODD], &mut buf[..ODD]).unwrap();
        stream_cts(cs_enc, cs_dec, &buf[..ODD], &mut out);
        xts.encrypt_unit(&IV, &mut buf[..ODD]).unwrap();
        xts.decrypt_unit(&IV, &mut buf[..ODD]).unwrap();
        xts.encrypt_sectors(5, 512, &mut buf[..1024]).unwrap();
        xts.decrypt_sectors(5, 512, &mut buf[..1024]).unwrap();
        let tag = gcm
            .encrypt_in_place_detached(&IV[..12], b"aad", &mut buf[..ODD])
            .unwrap();
        gcm.decrypt_in_place_detached(&IV[..12], b"aad", &mut buf[..ODD], tag.as_ref())
            .unwrap();
        let t = gmac.compute(&IV[..12], &buf[..ODD]).unwrap();
        gmac.verify(&IV[..12], &buf[..ODD], t.as_ref()).unwrap();
        // Padded streaming.
        let mut e = enc;
        let mut at = 0;
        for piece in buf[..ODD].chunks(100) {
            at += e.update(piece, &mut padded[at..]).unwrap();
        }
        at += e.finalize(&mut padded[at..]).unwrap();
        let mut d = dec;
        let mut got = 0;
        for piece in padded[..at].chunks(77) {
            got += d.update(piece, &mut out[got..]).unwrap();
        }
        got += d.finalize(&mut out[got..]).unwrap();
        assert_eq!(got, ODD);
    });
    assert_eq!(
        n, 0,
        "{name}: {n} allocations on the one-shot and streaming paths"
    );
}

/// CTS streaming, encrypt then decrypt, in uneven pieces.
fn stream_cts<C>(
    mut enc: blockmodes::modes::CtsEncryptor<C>,
    mut dec: blockmodes::modes::CtsDecryptor<C>,
    input: &[u8],
    out: &mut [u8],
) where
    C: blockmodes::Kernels + BlockCipherDecrypt,
{
    let mut ct = [0u8; ODD];
    let mut at = 0;
    for piece in input.chunks(50) {
        at += enc.update(piece, &mut ct[at..]).unwrap();
    }
    at += enc.finalize(&mut ct[at..]).unwrap();
    assert_eq!(at, input.len());
    let mut got = 0;
    for piece in ct.chunks(33) {
        got += dec.update(piece, &mut out[got..]).unwrap();
    }
    got += dec.finalize(&mut out[got..]).unwrap();
    assert_eq!(&out[..got], input);
}

/// The stream modes behind one interface for the loop above.
trait Stream {
    fn enc(&mut self, buf: &mut [u8]);
    fn dec(&mut self, buf: &mut [u8]);
    fn enc_b2b(&mut self, input: &[u8], output: &mut [u8]);
}

impl<M: StreamMode> Stream for M {
    fn enc(&mut self, buf: &mut [u8]) {
        self.encrypt(buf).unwrap();
    }
    fn dec(&mut self, buf: &mut [u8]) {
        self.decrypt(buf).unwrap();
    }
    fn enc_b2b(&mut self, input: &[u8], output: &mut [u8]) {
        self.encrypt_b2b(input, output).unwrap();
    }
}

#[test]
fn no_allocation_on_one_shot_and_streaming_paths() {
    check(
        "backend::Aes128",
        || backend::Aes128::new(&KEY.into()),
        backend::Aes128::new(&[8; 16].into()),
    );
    check(
        "aes::Aes128",
        || aes::Aes128::new(&KEY.into()),
        aes::Aes128::new(&[8; 16].into()),
    );
}

#[test]
fn the_counter_sees_allocations() {
    let n = allocations(|| {
        let v: Vec<u8> = std::hint::black_box(Vec::with_capacity(64));
        drop(v);
        let ecb = Ecb::new(backend::Aes128::new(&KEY.into()));
        let _ = std::hint::black_box(ecb).encrypt_padded_vec(b"x", Padding::Pkcs7);
    });
    assert!(n >= 2, "counted {n}");
}
