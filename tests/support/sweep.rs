//! Runs a seed sweep on every core: worker threads take the next seed from a shared atomic
//! counter, each folds its seeds into its own tally, and the tallies are merged at the
//! end. Every seed's run is independent and merging only adds counts and sorts failures
//! by seed, so what a sweep reports never depends on the thread count or the scheduling.
//!
//! `SWEEP_THREADS=N` overrides the thread count (the default is every core).
// Progress and seeds/s are wall time on purpose (clippy.toml keeps the clock out of the core).
#![allow(clippy::disallowed_types)]
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// What a sweep accumulates; `merge` must be commutative and associative (sums, sorted
/// lists) so that the split of seeds over threads cannot show in the result.
pub trait Tally: Default + Send {
    fn merge(&mut self, other: Self);
}

pub fn threads() -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    std::env::var("SWEEP_THREADS").ok().and_then(|n| n.parse().ok()).filter(|n| *n > 0).unwrap_or(cores)
}

pub struct Summary<T> {
    pub tally: T,
    pub seeds: usize,
    pub failing: u64,
    /// Seeds whose run panicked (the panic message went to stderr).
    pub panicked: Vec<u64>,
    pub threads: usize,
    pub elapsed: Duration,
}

impl<T> Summary<T> {
    pub fn seeds_per_s(&self) -> f64 {
        self.seeds as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }

    pub fn line(&self, label: &str) -> String {
        format!(
            "{label}: {} seeds in {:.1} s ({:.0} seeds/s on {} threads), {} failing",
            self.seeds,
            self.elapsed.as_secs_f64(),
            self.seeds_per_s(),
            self.threads,
            self.failing
        )
    }
}

/// Runs `run(seed, &mut tally)` for every seed; `run` returns true when the seed failed
/// (for the progress line only). Progress goes to stderr every 5 % on long sweeps; the
/// wall clock only paces those lines, never what runs.
pub fn sweep<T: Tally>(label: &str, seeds: &[u64], run: impl Fn(u64, &mut T) -> bool + Sync) -> Summary<T> {
    sweep_on(threads(), label, seeds, run)
}

/// `sweep` on exactly `threads` threads.
pub fn sweep_on<T: Tally>(
    threads: usize,
    label: &str,
    seeds: &[u64],
    run: impl Fn(u64, &mut T) -> bool + Sync,
) -> Summary<T> {
    let threads = threads.min(seeds.len()).max(1);
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let failing = AtomicU64::new(0);
    let started = Instant::now();
    let step = (seeds.len() / 20).max(1);
    let report = seeds.len() >= 10_000;
    let tallies: Vec<(T, Vec<u64>)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let (mut tally, mut panicked) = (T::default(), Vec::new());
                    while let Some(&seed) = seeds.get(next.fetch_add(1, Ordering::Relaxed)) {
                        // A panic fails its seed, not the whole sweep: the others still run.
                        let failed = std::panic::catch_unwind(AssertUnwindSafe(|| run(seed, &mut tally)))
                            .unwrap_or_else(|_| {
                                panicked.push(seed);
                                true
                            });
                        let failed_so_far = failing.fetch_add(u64::from(failed), Ordering::Relaxed) + u64::from(failed);
                        let finished = done.fetch_add(1, Ordering::Relaxed) + 1;
                        if report && finished % step == 0 {
                            let rate = finished as f64 / started.elapsed().as_secs_f64().max(1e-9);
                            eprintln!(
                                "{label}: {finished}/{} seeds, {rate:.0} seeds/s, {failed_so_far} failing so far",
                                seeds.len()
                            );
                        }
                    }
                    (tally, panicked)
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().expect("a sweep worker panicked")).collect()
    });
    let (mut tally, mut panicked) = (T::default(), Vec::new());
    for (t, p) in tallies {
        tally.merge(t);
        panicked.extend(p);
    }
    panicked.sort_unstable();
    let failing = failing.into_inner();
    Summary { tally, seeds: seeds.len(), failing, panicked, threads, elapsed: started.elapsed() }
}
