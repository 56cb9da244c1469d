//! Volatile wiping of secrets held in plain arrays, for every build (the
//! AEADs and XTS use it without the `aes` feature too). Compiled from the
//! backend folder, the one place `unsafe` is allowed; `crate::backend`
//! re-exports it for its own modules.

#![allow(unsafe_code)]

/// Overwrite each element of `items` with `zero` by a volatile store, one
/// per element, which the compiler may not remove: a 16-byte block or a
/// `u128` is one store, where `Zeroize` on a byte array writes a byte at
/// a time (and a volatile store of a whole large array compiles to a
/// `memmove` call). For secrets in plain arrays: round keys, key blocks,
/// hash powers.
#[inline]
pub(crate) fn wipe_all<T: Copy>(items: &mut [T], zero: T) {
    for x in items {
        // SAFETY: `x` is a valid, aligned, writable `T`; `T: Copy`, so the
        // overwritten value has no drop glue to run.
        unsafe { core::ptr::write_volatile(x, zero) };
    }
}

/// [`wipe_all`] on one value (a block, a tag, a nonce prefix): one volatile
/// store of `T::default()`, the zero value of the plain arrays it is used on.
#[inline]
pub(crate) fn wipe<T: Copy + Default>(x: &mut T) {
    wipe_all(core::slice::from_mut(x), T::default());
}
