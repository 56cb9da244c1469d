//! splitmix64: the deterministic input generator of the backend kernels'
//! unit tests (test-only).

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
