//! What is read off the world, never written into it: the safety checker, which observes
//! every step (`checker`, over a read-only `world`), a failover as it happens (`failover`), the
//! follower fetches a leader holds (`fetch_loop`), the narration of events (`narrate`),
//! the pictures the page draws (`view`, `view_detail`), whether a violation broke a
//! promise Kafka makes (`promise`), Kafka's replication metrics (`metrics`) and the latest
//! messages carried, for the spacetime diagram (`message_log`).
pub mod checker;
pub mod failover;
pub mod fetch_loop;
pub mod message_log;
pub mod metrics;
pub mod narrate;
pub mod promise;
pub mod view;
pub mod view_detail;
pub mod world;
