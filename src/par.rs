//! Multi-threaded runs of the parallel cores (feature `rayon`).
//!
//! The modes whose blocks are independent once their inputs are known —
//! CTR (NIST SP 800-38A §6.5: counter block `T_j` is a function of `j`),
//! XTS by data unit (IEEE Std 1619-2018 §5.3: each unit has its own tweak),
//! ECB (§6.1), and CBC and full-block CFB decryption (§6.2, §6.3: `P_i`
//! needs only `C_i` and `C_{i-1}`) — can also split a long buffer across
//! threads. Each offers a `_par` twin of its one-shot call that takes a
//! thread count and gives byte for byte what the single-threaded call gives:
//!
//! | mode | single-threaded | split across threads |
//! |---|---|---|
//! | CTR | [`Ctr::apply_keystream`](crate::Ctr::apply_keystream) | [`Ctr::apply_keystream_par`](crate::Ctr::apply_keystream_par) |
//! | XTS | [`Xts::encrypt_sectors`](crate::Xts::encrypt_sectors) / `decrypt_sectors` | [`Xts::encrypt_sectors_par`](crate::Xts::encrypt_sectors_par) / [`decrypt_sectors_par`](crate::Xts::decrypt_sectors_par) |
//! | ECB | `encrypt_blocks` / `decrypt_blocks` | [`Ecb::encrypt_blocks_par`](crate::Ecb::encrypt_blocks_par) / [`decrypt_blocks_par`](crate::Ecb::decrypt_blocks_par) |
//! | CBC | `decrypt_blocks` | [`Cbc::decrypt_blocks_par`](crate::Cbc::decrypt_blocks_par) |
//! | CFB128 | `decrypt` | [`Cfb::decrypt_par`](crate::Cfb::decrypt_par) |
//!
//! The policy is the same everywhere: a buffer is cut into at most
//! `threads` pieces (`0` means rayon's default, one per core) of at least
//! [`MIN_CHUNK`] bytes each, on block (or, for XTS, data-unit) boundaries,
//! and the pieces run on the current rayon thread pool (wrap the call in
//! `ThreadPool::install` to choose the pool). A buffer too short for two
//! pieces runs on the calling thread, exactly as the single-threaded call.
//!
//! Splitting depends only on lengths and the thread count, never on data.
//!
//! ```
//! use blockmodes::{aes::Aes128, par, CounterLayout, Ctr};
//!
//! let mut data = vec![0x5a; 4 * par::MIN_CHUNK + 7];
//! let mut one = data.clone();
//! Ctr::<Aes128>::new_from_slices(&[1; 16], &[2; 16], CounterLayout::default())?
//!     .apply_keystream_par(&mut data, 4)?;
//! Ctr::<Aes128>::new_from_slices(&[1; 16], &[2; 16], CounterLayout::default())?
//!     .apply_keystream(&mut one)?;
//! assert_eq!(data, one);
//! assert_eq!(par::pieces(data.len(), 4, 16), 4);
//! # Ok::<(), blockmodes::Error>(())
//! ```

use alloc::vec::Vec;

use cipher::{Array, array::ArraySize};
use rayon::prelude::*;
use zeroize::Zeroize;

/// The least number of bytes worth handing to another thread: 64 KiB.
/// Below this the cost of waking a thread is a large part of the work.
pub const MIN_CHUNK: usize = 64 * 1024;

/// The length of each piece when `len` bytes are split for `threads`
/// threads (`0`: rayon's thread count) on multiples of `align` bytes, or
/// `None` when the work is not worth splitting.
pub(crate) fn chunk_len(len: usize, threads: usize, align: usize) -> Option<usize> {
    let threads = match threads {
        0 => rayon::current_num_threads(),
        n => n,
    };
    let align = align.max(1);
    let want = threads.min(len / MIN_CHUNK);
    if want < 2 {
        return None;
    }
    let chunk = len.div_ceil(want).div_ceil(align).checked_mul(align)?;
    (chunk < len).then_some(chunk)
}

/// How many pieces a buffer of `len` bytes is cut into for `threads`
/// threads (`0`: rayon's thread count) when pieces must be multiples of
/// `align` bytes (the block size, or the data unit for XTS): 1 when it
/// runs on the calling thread.
pub fn pieces(len: usize, threads: usize, align: usize) -> usize {
    chunk_len(len, threads, align).map_or(1, |chunk| len.div_ceil(chunk))
}

/// Run `f` on `data` cut into pieces of whole `align`-byte units for
/// `threads` threads, in parallel, or on all of it on this thread when it
/// is too short to split.
pub(crate) fn split<F>(data: &mut [u8], threads: usize, align: usize, f: F)
where
    F: Fn(&mut [u8]) + Sync + Send,
{
    match chunk_len(data.len(), threads, align) {
        None => f(data),
        Some(chunk) => for_each_chunk(data, chunk, |_, piece| f(piece)),
    }
}

/// Run `f(i, piece_i)` on every `chunk`-byte piece of `data`, in parallel.
pub(crate) fn for_each_chunk<F>(data: &mut [u8], chunk: usize, f: F)
where
    F: Fn(usize, &mut [u8]) + Sync + Send,
{
    data.par_chunks_mut(chunk)
        .enumerate()
        .for_each(|(i, piece)| f(i, piece));
}

/// The pattern of CBC and CFB decryption, where block `i` needs ciphertext
/// block `i - 1`: each piece gets as its chaining block the ciphertext
/// block just before it, copied out before any thread writes, and runs
/// `f(chaining_block, piece)`. `iv` is the chaining block of the first
/// piece and ends as the last ciphertext block. `data` is whole
/// `BS`-byte blocks and `chunk` a multiple of `BS`.
pub(crate) fn chained<BS, F>(iv: &mut Array<u8, BS>, data: &mut [u8], chunk: usize, f: F)
where
    BS: ArraySize,
    F: Fn(&mut Array<u8, BS>, &mut [u8]) + Sync + Send,
{
    let bs = BS::USIZE;
    let Some(last_at) = data.len().checked_sub(bs) else {
        return;
    };
    let mut ivs: Vec<Array<u8, BS>> = Vec::with_capacity(data.len().div_ceil(chunk));
    ivs.push(iv.clone());
    let mut at = chunk;
    while at < data.len() {
        let mut b = Array::<u8, BS>::default();
        b.copy_from_slice(&data[at - bs..at]);
        ivs.push(b);
        at += chunk;
    }
    iv.copy_from_slice(&data[last_at..]);
    data.par_chunks_mut(chunk)
        .zip(ivs.par_iter_mut())
        .for_each(|(piece, iv)| f(iv, piece));
    for b in ivs.iter_mut() {
        b.zeroize();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunking() {
        assert_eq!(chunk_len(2 * MIN_CHUNK - 1, 4, 16), None);
        assert_eq!(chunk_len(2 * MIN_CHUNK, 1, 16), None);
        assert_eq!(chunk_len(2 * MIN_CHUNK, 4, 16), Some(MIN_CHUNK));
        assert_eq!(pieces(4 * MIN_CHUNK + 1, 4, 16), 4);
        assert_eq!(pieces(4 * MIN_CHUNK + 1, 2, 16), 2);
        // A data unit bigger than half the buffer: one piece.
        assert_eq!(pieces(3 * MIN_CHUNK, 2, 4 * MIN_CHUNK), 1);
        assert_eq!(pieces(3 * MIN_CHUNK, 2, 2 * MIN_CHUNK), 2);
        for len in [0, 1, 16, MIN_CHUNK, 3 * MIN_CHUNK + 5, 10 * MIN_CHUNK] {
            for threads in 1..=8 {
                for align in [1, 8, 16, 4096] {
                    if let Some(c) = chunk_len(len, threads, align) {
                        assert_eq!(c % align, 0);
                        assert!(c < len);
                        assert!(len.div_ceil(c) <= threads);
                    }
                }
            }
        }
    }
}
