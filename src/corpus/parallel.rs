//! Loading spread over the machine's cores: each file is read and inferred
//! on its own, so the work splits into contiguous chunks whose results are
//! put back in order. The outcome is the same as one thread's.

/// Below this many items, threads cost more than they save.
const MIN_PER_THREAD: usize = 64;

/// `items.map(f)`, in order, on up to as many threads as there are cores.
pub fn map<T: Send, U: Send>(items: Vec<T>, f: impl Fn(T) -> U + Sync) -> Vec<U> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = cores.min(items.len() / MIN_PER_THREAD).max(1);
    if threads == 1 {
        return items.into_iter().map(f).collect();
    }
    let per = items.len().div_ceil(threads);
    let mut chunks: Vec<Vec<T>> = Vec::with_capacity(threads);
    let mut items = items.into_iter();
    loop {
        let chunk: Vec<T> = items.by_ref().take(per).collect();
        if chunk.is_empty() {
            break;
        }
        chunks.push(chunk);
    }
    let f = &f;
    std::thread::scope(|s| {
        let mut rest = chunks.into_iter();
        // The first chunk runs here, the others on their own threads.
        let first = rest.next().unwrap_or_default();
        let handles: Vec<_> =
            rest.map(|c| s.spawn(move || c.into_iter().map(f).collect::<Vec<U>>())).collect();
        let mut out: Vec<U> = first.into_iter().map(f).collect();
        for h in handles {
            match h.join() {
                Ok(part) => out.extend(part),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        out
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn keeps_the_order_of_the_items() {
        let items: Vec<usize> = (0..1000).collect();
        assert_eq!(super::map(items.clone(), |i| i * 2), items.iter().map(|i| i * 2).collect::<Vec<_>>());
        assert_eq!(super::map(Vec::<u8>::new(), |i| i), Vec::<u8>::new());
    }
}
