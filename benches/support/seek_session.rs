//! The session the seek benchmarks scrub through, natively (benches/seek.rs) and in the
//! browser (tests/bench_wasm.rs): the default cluster (3 brokers on 3 racks, `orders`
//! with 3 partitions, rf 3), the producer sending a record every 100 ms, time advanced in
//! 16 ms animation frames, for 10 simulated minutes.
use replication_playground::script::session::Session;

pub const SESSION_MS: u64 = 10 * 60 * 1_000;
const FRAME_MS: u64 = 16;
const PRODUCE_EVERY_MS: u64 = 100;

pub fn build_session() -> Session {
    let mut session = Session::new();
    for line in ["brokers 3 racks=a,b,c", "topic create orders partitions=3 rf=3 min-isr=2 start=0"] {
        session.execute(line).expect("the setup is valid");
    }
    let mut next_produce_ms = 0;
    let mut record = 0u64;
    while session.now_ms() < SESSION_MS {
        while next_produce_ms <= session.now_ms() {
            session.execute(&format!("produce orders r{record}")).expect("the topic exists");
            record += 1;
            next_produce_ms += PRODUCE_EVERY_MS;
        }
        session.advance(FRAME_MS.min(SESSION_MS - session.now_ms()));
    }
    session
}
