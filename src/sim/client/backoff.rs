//! The producer's retry backoff, as KIP-580 made it: exponential from `retry.backoff.ms`
//! to `retry.backoff.max.ms`, doubling per attempt, with ±20 % jitter drawn from the seed
//! (Kafka's `ExponentialBackoff(retryBackoffMs, 2, retryBackoffMaxMs, 0.2)`, which the
//! `RecordAccumulator` asks with the batch's attempts so far minus one).
use crate::sim::rng::SimRng;

/// `CommonClientConfigs.RETRY_BACKOFF_EXP_BASE`.
const MULTIPLIER: u64 = 2;
/// `CommonClientConfigs.RETRY_BACKOFF_JITTER`, in per mille.
const JITTER_PER_MILLE: u64 = 200;

/// The wait before the retry that follows `attempts` failed sends (the first retry waits
/// about `initial_ms`). Kafka computes `initial · 2^min(n, log2(max / initial))` in floating
/// point; `initial · 2^log2(max / initial)` is `max` itself, so whole numbers give the same
/// term without a float that might round differently natively and in wasm.
pub fn retry_backoff_ms(failed_sends: u32, initial_ms: u64, max_ms: u64, rng: &mut SimRng) -> u64 {
    if max_ms <= initial_ms {
        // Kafka's `expMax` is 0 then: the backoff is the initial value, with no jitter.
        return initial_ms;
    }
    let term = doubled(initial_ms, failed_sends.saturating_sub(1)).min(max_ms);
    // `nextDouble(1 - jitter, 1 + jitter)`: a factor in [0.8, 1.2).
    let factor = 1_000 - JITTER_PER_MILLE + rng.below(2 * JITTER_PER_MILLE);
    (term.saturating_mul(factor) / 1_000).min(max_ms)
}

/// `initial · 2^exponent`, saturating (a long outage counts many attempts).
fn doubled(initial_ms: u64, exponent: u32) -> u64 {
    if exponent >= 64 {
        return u64::MAX;
    }
    initial_ms.saturating_mul(MULTIPLIER.saturating_pow(exponent))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draws(failed_sends: u32) -> Vec<u64> {
        let mut rng = SimRng::new(7);
        (0..200).map(|_| retry_backoff_ms(failed_sends, 100, 1_000, &mut rng)).collect()
    }

    #[test]
    fn the_first_retry_waits_about_retry_backoff_ms() {
        let waits = draws(1);
        assert!(waits.iter().all(|w| (80..120).contains(w)), "{waits:?}");
        assert!(waits.iter().any(|w| *w < 90) && waits.iter().any(|w| *w > 110), "jitter spreads the waits");
    }

    #[test]
    fn each_failure_doubles_the_wait_up_to_the_cap() {
        assert!(draws(2).iter().all(|w| (160..240).contains(w)));
        assert!(draws(4).iter().all(|w| (640..960).contains(w)));
        // 100 · 2^4 = 1600 is past the cap: 1000 with jitter, never above it.
        let capped = draws(5);
        assert!(capped.iter().all(|w| (800..=1_000).contains(w)), "{capped:?}");
        assert!(draws(60).iter().all(|w| (800..=1_000).contains(w)));
    }

    #[test]
    fn a_cap_at_or_below_the_initial_backoff_means_a_fixed_wait() {
        let mut rng = SimRng::new(1);
        assert_eq!(retry_backoff_ms(3, 100, 100, &mut rng), 100);
        assert_eq!(retry_backoff_ms(3, 500, 100, &mut rng), 500);
    }
}
