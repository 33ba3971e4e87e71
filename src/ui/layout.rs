//! Where the network diagram draws each node, and where a message is on its way: pure
//! geometry, so it is tested natively. Brokers sit on an ellipse around the controller
//! quorum; the producer on the left, the consumer on the right.
use std::f64::consts::{FRAC_PI_2, PI, TAU};

use crate::sim::ids::NodeId;

pub const WIDTH: f64 = 1000.0;
pub const HEIGHT: f64 = 360.0;
const CENTER: Point = Point { x: 500.0, y: 180.0 };

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

/// Brokers clockwise from the top, in the order given.
pub fn broker_points(ids: &[u32]) -> Vec<(u32, Point)> {
    let n = ids.len().max(1) as f64;
    ids.iter()
        .enumerate()
        .map(|(i, id)| {
            let (cos, sin) = cos_sin(-FRAC_PI_2 + TAU * i as f64 / n);
            (*id, Point { x: CENTER.x + 320.0 * cos, y: CENTER.y + 135.0 * sin })
        })
        .collect()
}

/// The cosine and sine of `angle`, by their Taylor series once it is folded into [-π, π]
/// (14 terms: error below 1e-15). `f64::cos` would link libm's argument reduction for
/// angles of any size, 5 KB of wasm that a circle of brokers never needs.
fn cos_sin(angle: f64) -> (f64, f64) {
    let x = angle - TAU * (angle / TAU + 0.5).floor();
    let x = if x > PI { x - TAU } else { x };
    let (mut cos, mut sin) = (0.0, 0.0);
    let (mut cos_term, mut sin_term) = (1.0, x);
    for k in 0..14 {
        cos += cos_term;
        sin += sin_term;
        let k = f64::from(k);
        cos_term *= -x * x / ((2.0 * k + 1.0) * (2.0 * k + 2.0));
        sin_term *= -x * x / ((2.0 * k + 2.0) * (2.0 * k + 3.0));
    }
    (cos, sin)
}

/// Client `index` (0 = the default producer, 1 = the default consumer): producers left, consumers right.
pub fn client_point(index: usize, is_producer: bool) -> Point {
    let row = (index / 2) as f64;
    Point { x: if is_producer { 60.0 } else { WIDTH - 60.0 }, y: CENTER.y - 30.0 + 60.0 * row }
}

pub fn controller_point() -> Point {
    CENTER
}

/// Where a node is drawn; `None` for a broker or client not on the diagram.
pub fn node_point(node: NodeId, brokers: &[(u32, Point)], clients: &[bool]) -> Option<Point> {
    match node {
        NodeId::Broker(b) => brokers.iter().find(|(id, _)| *id == b).map(|(_, p)| *p),
        NodeId::Controller => Some(controller_point()),
        NodeId::Client(c) => clients.get(c.index()).map(|is_producer| client_point(c.index(), *is_producer)),
    }
}

/// How far along its link a message is: 0 when sent, 1 on arrival.
pub fn progress(now_ms: f64, sent_at: u64, arrives_at: u64) -> f64 {
    if arrives_at <= sent_at {
        return 1.0;
    }
    ((now_ms - sent_at as f64) / (arrives_at - sent_at) as f64).clamp(0.0, 1.0)
}

/// The control point of a link's curve: bowed to the left of its direction, so a request
/// and its response travel on two arcs instead of one line.
pub fn bow(from: Point, to: Point) -> Point {
    let (dx, dy) = (to.x - from.x, to.y - from.y);
    Point { x: (from.x + to.x) / 2.0 + dy * 0.12, y: (from.y + to.y) / 2.0 - dx * 0.12 }
}

/// The point at `t` along the curved link from `from` to `to`.
pub fn along(from: Point, to: Point, t: f64) -> Point {
    let c = bow(from, to);
    let u = 1.0 - t;
    Point { x: u * u * from.x + 2.0 * u * t * c.x + t * t * to.x, y: u * u * from.y + 2.0 * u * t * c.y + t * t * to.y }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_moves_from_sender_to_receiver_with_simulated_time() {
        assert_eq!(progress(10.0, 10, 12), 0.0);
        assert_eq!(progress(11.0, 10, 12), 0.5);
        assert_eq!(progress(99.0, 10, 12), 1.0);
        let (a, b) = (Point { x: 0.0, y: 0.0 }, Point { x: 100.0, y: 0.0 });
        assert_eq!(along(a, b, 0.0), a);
        assert_eq!(along(a, b, 1.0), b);
        // The two directions take different arcs.
        assert!(along(a, b, 0.5).y != along(b, a, 0.5).y);
    }

    #[test]
    fn cosine_and_sine_match_the_standard_library() {
        for i in -4_000..4_000 {
            let angle = f64::from(i) / 1_000.0;
            let (cos, sin) = cos_sin(angle);
            assert!((cos - angle.cos()).abs() < 1e-12 && (sin - angle.sin()).abs() < 1e-12, "{angle}");
        }
    }

    #[test]
    fn brokers_are_spread_around_the_controller() {
        let points = broker_points(&[1, 2, 3, 4]);
        assert!((points[0].1.x - 500.0).abs() < 1e-9 && points[0].1.y < 180.0);
        assert!(points[2].1.y > 180.0);
    }
}
