//! What is read off the world, never written into it: the safety checker, which observes
//! every step (`checker`, over a read-only `world`), the narration of events (`narrate`),
//! and the pictures the page draws (`view`, `view_detail`).
pub mod checker;
pub mod narrate;
pub mod view;
pub mod view_detail;
pub mod world;
