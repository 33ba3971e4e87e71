//! Where the spacetime diagram puts things. Time runs down, one row per distinct millisecond
//! in which something was sent or arrived (a Lamport diagram's order, with the times
//! written beside it): at real scale a 1 ms hop beside a 500 ms long poll would draw every
//! arrow flat. No yew: tested natively (`ui::mod`).
use crate::sim::ids::NodeId;

pub const LANE_WIDTH: f64 = 128.0;
pub const ROW_HEIGHT: f64 = 20.0;
/// Room on the left for the times, and on top for the lanes' names.
pub const LEFT: f64 = 64.0;
pub const TOP: f64 = 34.0;

/// The distinct milliseconds, in order: `times` (every send and arrival) and now.
pub fn rows(times: impl IntoIterator<Item = u64>, now_ms: u64) -> Vec<u64> {
    let mut times: Vec<u64> = times.into_iter().chain([now_ms]).collect();
    times.sort_unstable();
    times.dedup();
    times
}

pub fn y_of(ms: u64, rows: &[u64]) -> f64 {
    TOP + rows.partition_point(|&t| t < ms) as f64 * ROW_HEIGHT
}

pub fn x_of(node: NodeId, lanes: &[NodeId]) -> f64 {
    let lane = lanes.iter().position(|&n| n == node).unwrap_or(0);
    LEFT + (lane as f64 + 0.5) * LANE_WIDTH
}

/// Which captions to write: each centred at its (x, y) with `chars` characters of 10 px
/// text, kept when it overlaps none kept before it. The others are still each arrow's
/// tooltip and accessible name; only the drawing leaves them out.
pub fn captions_that_fit(captions: &[(f64, f64, usize)]) -> Vec<bool> {
    const CHAR_WIDTH: f64 = 5.6;
    const HEIGHT: f64 = 11.0;
    let mut kept: Vec<(f64, f64, f64)> = Vec::new();
    captions
        .iter()
        .map(|&(x, y, chars)| {
            let half = chars as f64 * CHAR_WIDTH / 2.0 + 2.0;
            let clear = kept.iter().all(|&(kx, ky, khalf)| (kx - x).abs() >= half + khalf || (ky - y).abs() >= HEIGHT);
            if clear {
                kept.push((x, y, half));
            }
            clear
        })
        .collect()
}

pub fn size(lanes: usize, rows: usize) -> (f64, f64) {
    (LEFT + lanes as f64 * LANE_WIDTH, TOP + rows as f64 * ROW_HEIGHT + ROW_HEIGHT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_distinct_millisecond_is_a_row_and_lanes_are_evenly_spaced() {
        let rows = rows([10, 12, 12, 500], 600);
        assert_eq!(rows, [10, 12, 500, 600]);
        assert_eq!(y_of(500, &rows) - y_of(12, &rows), ROW_HEIGHT, "a long poll takes one row");
        let lanes = [NodeId::Broker(1), NodeId::Broker(2)];
        assert_eq!(x_of(NodeId::Broker(2), &lanes) - x_of(NodeId::Broker(1), &lanes), LANE_WIDTH);
        assert_eq!(size(2, 4), (LEFT + 2.0 * LANE_WIDTH, TOP + 5.0 * ROW_HEIGHT));
    }

    #[test]
    fn a_caption_over_another_is_left_out_and_one_apart_is_kept() {
        let fits = captions_that_fit(&[(100.0, 50.0, 8), (110.0, 52.0, 15), (100.0, 70.0, 8), (300.0, 50.0, 8)]);
        assert_eq!(fits, [true, false, true, true]);
    }
}
