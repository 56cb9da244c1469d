//! splitmix64: the deterministic input generator of the backend kernels'
//! unit tests, and the timing loop of their ignored speed tests
//! (test-only).

/// A splitmix64 stream seeded with its state.
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    pub(crate) fn fill(&mut self, b: &mut [u8]) {
        for b in b {
            *b = self.next() as u8;
        }
    }

    pub(crate) fn block(&mut self) -> [u8; 16] {
        let mut b = [0; 16];
        self.fill(&mut b);
        b
    }
}

/// GB/s of `f` over 16 KiB: the best of 30 runs of 300 calls (the machine
/// is shared, so the best run is the one least disturbed). For the ignored
/// speed tests; never a pass/fail criterion.
#[cfg(feature = "std")]
pub(crate) fn gbps_16k(mut f: impl FnMut()) -> f64 {
    const ITERS: usize = 300;
    let mut best = f64::MAX;
    for _ in 0..30 {
        let t = std::time::Instant::now();
        for _ in 0..ITERS {
            f();
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    (16384 * ITERS) as f64 / best / 1e9
}
