//! Work spread over the machine's cores: each file is read and inferred
//! (or suggested for) on its own, so the work splits into pieces whose
//! results are put back in order. The outcome is the same as one thread's.

use std::collections::BTreeMap;
use std::mem::{ManuallyDrop, MaybeUninit};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard};

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

/// `f` over `items` on every core, each result handed to `each` in the
/// items' order as soon as it and all those before it are done: output
/// streams from the first item on, whatever the sizes. Items are taken one
/// at a time (a long one does not hold up a whole chunk), and no more than
/// `window` results wait for their turn. `each` runs on the calling thread;
/// its first error stops the work and is returned.
pub fn for_each_ordered<T: Sync, U: Send, E>(
    items: &[T],
    window: usize,
    f: impl Fn(&T) -> U + Sync,
    mut each: impl FnMut(U) -> Result<(), E>,
) -> Result<(), E> {
    let cores = std::thread::available_parallelism().map_or(1, |c| c.get());
    let threads = cores.min(items.len());
    if threads <= 1 {
        return items.iter().try_for_each(|item| each(f(item)));
    }
    let window = window.max(threads);
    let shared = Shared { next: AtomicUsize::new(0), state: Mutex::default(), turn: Condvar::new() };
    let (shared, f) = (&shared, &f);
    std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(move || {
                    let _stop_on_panic = StopOnPanic(shared);
                    loop {
                        let i = shared.next.fetch_add(1, Ordering::Relaxed);
                        if i >= items.len() {
                            return;
                        }
                        // not more than `window` ahead of the one written
                        let mut state = shared.lock();
                        while i >= state.written + window && !state.stop {
                            state = shared.turn.wait(state).unwrap_or_else(|e| e.into_inner());
                        }
                        if state.stop {
                            return;
                        }
                        drop(state);
                        let u = f(&items[i]);
                        shared.lock().ready.insert(i, u);
                        shared.turn.notify_all();
                    }
                })
            })
            .collect();
        let result = (0..items.len()).try_for_each(|i| {
            let mut state = shared.lock();
            let u = loop {
                if let Some(u) = state.ready.remove(&i) {
                    break u;
                }
                if state.stop {
                    // a worker panicked: the scope resumes its panic
                    return Ok(());
                }
                state = shared.turn.wait(state).unwrap_or_else(|e| e.into_inner());
            };
            state.written = i + 1;
            drop(state);
            shared.turn.notify_all();
            each(u)
        });
        if result.is_err() {
            shared.lock().stop = true;
            shared.turn.notify_all();
        }
        for w in workers {
            if let Err(panic) = w.join() {
                std::panic::resume_unwind(panic);
            }
        }
        result
    })
}

struct Shared<U> {
    /// The next item to take.
    next: AtomicUsize,
    state: Mutex<State<U>>,
    /// Signalled when a result is ready, one is written, or all stop.
    turn: Condvar,
}

struct State<U> {
    /// Results done and not yet handed over, by index.
    ready: BTreeMap<usize, U>,
    /// How many results were handed over.
    written: usize,
    stop: bool,
}

impl<U> Default for State<U> {
    fn default() -> Self {
        State { ready: BTreeMap::new(), written: 0, stop: false }
    }
}

impl<U> Shared<U> {
    fn lock(&self) -> MutexGuard<'_, State<U>> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Stops the others when a worker's `f` panics, so that nobody waits for
/// the result it will never give.
struct StopOnPanic<'a, U>(&'a Shared<U>);

impl<U> Drop for StopOnPanic<'_, U> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.lock().stop = true;
            self.0.turn.notify_all();
        }
    }
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

    #[test]
    fn streams_the_results_in_order_whatever_their_durations() {
        let items: Vec<u64> = (0..200).collect();
        let mut seen = Vec::new();
        let slow = |&i: &u64| {
            // every seventh item slow: later ones finish first
            if i % 7 == 0 {
                std::thread::sleep(std::time::Duration::from_millis(3));
            }
            (i, std::thread::current().id())
        };
        super::for_each_ordered(&items, 8, slow, |(i, _)| {
            seen.push(i);
            Ok::<(), ()>(())
        })
        .unwrap();
        assert_eq!(seen, items);
        assert_eq!(super::for_each_ordered(&[] as &[u8], 4, |_| 1, |_: i32| Err(())), Ok(()));
    }

    #[test]
    fn uses_every_core_and_stops_at_the_first_error() {
        let cores = std::thread::available_parallelism().map_or(1, |c| c.get());
        let items: Vec<usize> = (0..64).collect();
        let threads = std::sync::Mutex::new(std::collections::HashSet::new());
        let mut written = 0;
        let r = super::for_each_ordered(
            &items,
            4,
            |&i| {
                threads.lock().unwrap().insert(std::thread::current().id());
                std::thread::sleep(std::time::Duration::from_millis(2));
                i
            },
            |i| {
                written += 1;
                if i == 40 { Err(i) } else { Ok(()) }
            },
        );
        assert_eq!(r, Err(40));
        assert_eq!(written, 41);
        assert_eq!(threads.lock().unwrap().len(), cores.min(items.len()), "one thread per core");
    }

    #[test]
    #[should_panic(expected = "item 13")]
    fn a_panic_in_the_work_comes_out_not_a_hang() {
        let items: Vec<usize> = (0..50).collect();
        let _ = super::for_each_ordered(
            &items,
            4,
            |&i| {
                assert!(i != 13, "item 13");
                i
            },
            |_| Ok::<(), ()>(()),
        );
    }
}
