//! A client stepping on its own state with a context, as the controller does
//! (`controller/context.rs`): the `Client` it owns, the time, the settings, the record
//! table (a producer adds its records there and notes their answers), the run's PRNG (the
//! sticky partition, the retry jitter, the bootstrap broker), request ids, what it may know
//! of the brokers, and an ordered outbox the cluster carries out once the handler returns.
//!
//! The clients' handlers are methods of this type (`producer_front.rs`, `producer_send.rs`,
//! `producer_response.rs`, `consumer_fetch.rs`, `consumer_validation.rs`,
//! `metadata_client.rs`), so they touch only the client and this context.
use crate::sim::client::{Client, Consumer, Producer};
use crate::sim::config::Config;
use crate::sim::ctx::{Acts, Outbox};
use crate::sim::ids::{BrokerId, ClientId, Millis};
use crate::sim::message::RequestIds;
use crate::sim::records::RecordTable;
use crate::sim::rng::SimRng;

pub struct ClientCtx<'a> {
    pub client: &'a mut Client,
    pub config: &'a Config,
    pub now: Millis,
    pub records: &'a mut RecordTable,
    pub rng: &'a mut SimRng,
    pub request_ids: &'a mut RequestIds,
    pub brokers: &'a dyn Bootstrap,
    pub out: &'a mut Outbox,
}

/// What a client may know of the brokers: the bootstrap list (every broker; the client
/// does not know which are alive), and whether a connection to one is refused now.
pub trait Bootstrap {
    fn broker_ids(&self) -> Vec<BrokerId>;
    fn broker_count(&self) -> usize;
    fn refuses(&self, broker: BrokerId) -> bool;
}

impl Acts for ClientCtx<'_> {
    fn outbox(&mut self) -> &mut Outbox {
        self.out
    }
}

impl ClientCtx<'_> {
    pub fn id(&self) -> ClientId {
        self.client.id
    }

    pub fn producer_mut(&mut self) -> &mut Producer {
        self.client.producer_mut()
    }

    pub fn consumer_mut(&mut self) -> &mut Consumer {
        self.client.consumer_mut()
    }
}

#[cfg(test)]
pub(crate) mod fixture {
    //! A producer or a consumer with its context, for the clients' handler tests: no
    //! brokers, no cluster.
    use super::*;
    use crate::sim::ctx::Effect;
    use crate::sim::ids::PartitionId;

    /// Brokers 1..=3 on the bootstrap list; those in `down` refuse connections.
    pub(crate) struct ThreeBrokers {
        pub down: Vec<BrokerId>,
    }

    impl Bootstrap for ThreeBrokers {
        fn broker_ids(&self) -> Vec<BrokerId> {
            vec![1, 2, 3]
        }

        fn broker_count(&self) -> usize {
            3
        }

        fn refuses(&self, broker: BrokerId) -> bool {
            self.down.contains(&broker)
        }
    }

    pub(crate) struct Fixture {
        pub client: Client,
        pub config: Config,
        pub now: Millis,
        pub records: RecordTable,
        pub rng: SimRng,
        pub request_ids: RequestIds,
        pub brokers: ThreeBrokers,
        pub out: Outbox,
    }

    impl Fixture {
        /// Client 0, a producer (or a consumer) that believes broker 1 leads partition 0
        /// of topic `t` (one partition) in epoch 0; linger.ms 0.
        pub(crate) fn new(producer: bool) -> Self {
            let id = ClientId(0);
            let mut client = if producer { Client::producer(id, "producer") } else { Client::consumer(id, "consumer") };
            let metadata = client.metadata_mut();
            metadata.leaders.insert(PartitionId(0), (Some(1), 0));
            metadata.topics.insert("t".into(), (PartitionId(0), 1));
            let config = Config { linger_ms: 0, ..Config::default() };
            let (records, rng, request_ids) = (RecordTable::default(), SimRng::new(7), RequestIds::default());
            let brokers = ThreeBrokers { down: Vec::new() };
            Fixture { client, config, now: 1_000, records, rng, request_ids, brokers, out: Outbox::default() }
        }

        pub(crate) fn run<R>(&mut self, handle: impl FnOnce(&mut ClientCtx) -> R) -> R {
            let mut cx = ClientCtx {
                client: &mut self.client,
                config: &self.config,
                now: self.now,
                records: &mut self.records,
                rng: &mut self.rng,
                request_ids: &mut self.request_ids,
                brokers: &self.brokers,
                out: &mut self.out,
            };
            handle(&mut cx)
        }

        /// The effects so far, taken out.
        pub(crate) fn take(&mut self) -> Vec<Effect> {
            std::iter::from_fn(|| self.out.take_next()).collect()
        }
    }
}
