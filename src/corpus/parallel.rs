//! Loading spread over the machine's cores: each file is read and inferred
//! on its own, so the work splits into contiguous chunks whose results are
//! put back in order. The outcome is the same as one thread's.

use std::mem::{ManuallyDrop, MaybeUninit};

/// Below this many items, threads cost more than they save.
const MIN_PER_THREAD: usize = 64;

/// `items.map(f)`, in order, on up to as many threads as there are cores.
/// Each thread writes its results straight into their place in the output:
/// no per-thread vectors joined at the end (which would hold every result
/// twice at the peak of loading).
pub fn map<T: Send, U: Send>(items: Vec<T>, f: impl Fn(T) -> U + Sync) -> Vec<U> {
    let n = items.len();
    let cores = std::thread::available_parallelism().map_or(1, |c| c.get());
    let threads = cores.min(n / MIN_PER_THREAD).max(1);
    if threads == 1 {
        return items.into_iter().map(f).collect();
    }
    let per = n.div_ceil(threads);
    let mut out: Vec<MaybeUninit<U>> = Vec::with_capacity(n);
    out.resize_with(n, MaybeUninit::uninit);
    let mut items = items.into_iter();
    let f = &f;
    std::thread::scope(|s| {
        let mut slots = out.chunks_mut(per);
        // The first chunk runs here, the others on their own threads.
        let first: Vec<T> = items.by_ref().take(per).collect();
        let first_slots = slots.next().unwrap_or_default();
        let handles: Vec<_> = slots
            .map(|slots| {
                let chunk: Vec<T> = items.by_ref().take(slots.len()).collect();
                s.spawn(move || fill(slots, chunk, f))
            })
            .collect();
        fill(first_slots, first, f);
        for h in handles {
            if let Err(panic) = h.join() {
                std::panic::resume_unwind(panic);
            }
        }
    });
    let mut out = ManuallyDrop::new(out);
    let (ptr, len, cap) = (out.as_mut_ptr(), out.len(), out.capacity());
    // SAFETY: every slot was written by `fill` (a panic in a thread was
    // resumed above, before this point), and `MaybeUninit<U>` has the layout
    // of `U`, so the buffer is a valid `Vec<U>` of the same length and
    // capacity.
    unsafe { Vec::from_raw_parts(ptr.cast::<U>(), len, cap) }
}

/// Writes `f(item)` into each slot, in order.
fn fill<T, U>(slots: &mut [MaybeUninit<U>], items: Vec<T>, f: &impl Fn(T) -> U) {
    debug_assert_eq!(slots.len(), items.len());
    for (slot, item) in slots.iter_mut().zip(items) {
        slot.write(f(item));
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn keeps_the_order_of_the_items() {
        let items: Vec<usize> = (0..1000).collect();
        assert_eq!(super::map(items.clone(), |i| i * 2), items.iter().map(|i| i * 2).collect::<Vec<_>>());
        assert_eq!(super::map(Vec::<u8>::new(), |i| i), Vec::<u8>::new());
        // Heap-owning results, an odd count that splits unevenly.
        let words: Vec<String> = super::map((0..1001).collect(), |i: usize| format!("w{i}"));
        assert_eq!(words.len(), 1001);
        assert!(words.iter().enumerate().all(|(i, w)| *w == format!("w{i}")));
    }
}
