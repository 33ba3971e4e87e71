//! A producer sending at a steady rate: one record every `1 / per_second` of simulated time,
//! for as long as the simulation runs. It is a command of its own (`steady-rate`), not one
//! `produce` per record, so a session that leaves a rate running for an hour is still a
//! script of a few lines, and replaying it (a seek, a reload, a shared link) sends exactly
//! the same records at exactly the same milliseconds. Each record then takes the ordinary
//! producer path: the partitioner, the accumulator, retries.
use super::producer_client::Route;
use super::Cluster;
use crate::sim::client::SteadyRate;
use crate::sim::error::SimError;
use crate::sim::ids::{Acks, ClientId};
use crate::sim::queue::Timer;

/// The most records per second one steady rate sends: one per simulated millisecond, the
/// clock's resolution.
pub const MAX_RECORDS_PER_SECOND: u32 = 1000;

impl Cluster {
    /// `steady-rate TARGET N [acks=..] [producer=NAME]`: from now on the producer sends
    /// record `r1`, `r2`, ... (`NAME-r1` for a producer other than `producer`; the count goes on across rates) N times a second; the
    /// first goes now. A rate already running on that producer is replaced.
    pub(crate) fn start_steady_rate(
        &mut self,
        target: Route,
        per_second: u32,
        acks: Option<Acks>,
        producer: &str,
    ) -> Result<(), SimError> {
        if per_second == 0 || per_second > MAX_RECORDS_PER_SECOND {
            return Err(SimError::InvalidRate { per_second, max: MAX_RECORDS_PER_SECOND });
        }
        if let Route::Topic(name) = &target {
            if !self.topics.iter().any(|t| &t.name == name) {
                return Err(SimError::UnknownTopic(name.clone()));
            }
        }
        let client = self.ensure_client(producer, true)?;
        let acks = acks.unwrap_or(self.config.acks);
        let now_us = self.now.saturating_mul(1000);
        let producer = self.clients[client.index()].producer_mut();
        let generation = producer.steady_rate.as_ref().map_or(0, |r| r.generation.wrapping_add(1));
        producer.steady_rate = Some(SteadyRate { target, per_second, acks, next_due_us: now_us, generation });
        self.schedule(self.now, Timer::SteadyRate { client, generation });
        Ok(())
    }

    /// `steady-rate off [producer=NAME]`: the producer stops sending (what it queued still
    /// goes out). Stopping a producer that has no rate running is refused, as a typo would be.
    pub(crate) fn stop_steady_rate(&mut self, producer: &str) -> Result<(), SimError> {
        let client = self.client_by_name(producer).filter(|c| self.clients[c.index()].as_producer().is_some());
        let running = client.and_then(|c| self.clients[c.index()].as_producer()?.steady_rate.as_ref());
        let Some(client) = client.filter(|_| running.is_some()) else {
            return Err(SimError::NoSteadyRate(producer.to_string()));
        };
        self.clients[client.index()].producer_mut().steady_rate = None;
        Ok(())
    }

    /// The timer: sends every record due by now, then waits for the next one. A timer of an
    /// earlier rate (stopped or replaced since) finds a different generation and does nothing.
    pub(super) fn on_steady_rate_timer(&mut self, client: ClientId, generation: u32) {
        let now_us = self.now.saturating_mul(1000);
        loop {
            let Some(rate) = self.clients[client.index()].as_producer().and_then(|p| p.steady_rate.clone()) else {
                return;
            };
            if rate.generation != generation {
                return;
            }
            if rate.next_due_us > now_us {
                self.schedule(rate.next_due_us.div_ceil(1000), Timer::SteadyRate { client, generation });
                return;
            }
            self.send_steady_record(client, &rate);
        }
    }

    fn send_steady_record(&mut self, client: ClientId, rate: &SteadyRate) {
        let producer = self.clients[client.index()].producer_mut();
        producer.steady_sent += 1;
        let sent = producer.steady_sent;
        let name = self.clients[client.index()].name.clone();
        // Values name records in queries and the feed: a second producer's get its name.
        let value = if name == "producer" { format!("r{sent}") } else { format!("{name}-r{sent}") };
        let producer = self.clients[client.index()].producer_mut();
        if let Some(running) = producer.steady_rate.as_mut() {
            running.next_due_us += 1_000_000 / u64::from(rate.per_second);
        }
        if self.produce(&rate.target, &value, None, Some(rate.acks), &name).is_err() {
            // Only a record the producer could never send fails here (its partition or
            // topic checked when the rate started cannot vanish): stop rather than spin.
            self.clients[client.index()].producer_mut().steady_rate = None;
        }
    }
}
