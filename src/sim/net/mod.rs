//! The simulated network: the messages nodes exchange (`message`), the links with their
//! latency and cuts (`network`), and the one queue of deliveries and timers ordered by
//! (time, sequence) that drives the whole simulation (`queue`).
pub mod message;
pub mod network;
pub mod queue;
