//! Leaders other than the preferred, reached honestly: a controlled shutdown of the brokers
//! before the wanted leader in the assignment hands the leadership to the next in-sync
//! replica (Kafka's election takes the first live ISR member in assignment order), and they
//! come back as followers. A stop moves every partition its brokers lead, so a move that
//! stops the wanted leader of another goes before that other's (a topological order); when
//! the wants form a cycle no order of stops reaches them all, and the farthest moves go
//! first (the import's check then names what was not reached). Before each move its own
//! partitions are given back to their preferred leader (`elect preferred`), so every move
//! starts from the assignment's first replica.

/// One move: stop `before`, restart them; `partitions` are the ones it is for and
/// `leaders` the brokers they are to end on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeaderMove {
    pub before: Vec<u32>,
    pub partitions: Vec<String>,
    pub leaders: Vec<u32>,
}

/// Files a partition under the move of its `before` brokers.
pub fn add(moves: &mut Vec<LeaderMove>, before: Vec<u32>, partition: String, leader: u32) {
    match moves.iter_mut().find(|m| m.before == before) {
        Some(m) => {
            m.partitions.push(partition);
            m.leaders.push(leader);
        }
        None => moves.push(LeaderMove { before, partitions: vec![partition], leaders: vec![leader] }),
    }
}

/// Whether `a` must run before `b`: `a` stops a broker `b` leaves a partition on.
fn must_precede(a: &LeaderMove, b: &LeaderMove) -> bool {
    b.leaders.iter().any(|l| a.before.contains(l))
}

/// Orders the moves: farthest first, then each move only once every move that must precede
/// it has run (Kahn's algorithm over the farthest-first list); a cycle is broken by taking
/// the first move left.
pub fn order(moves: &mut Vec<LeaderMove>) {
    crate::sim::sorting::sort_by_u64_key(moves, |m| u64::MAX - m.before.len() as u64);
    let mut left = std::mem::take(moves);
    while !left.is_empty() {
        let free = (0..left.len()).find(|&i| (0..left.len()).all(|j| j == i || !must_precede(&left[j], &left[i])));
        moves.push(left.remove(free.unwrap_or(0)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_are_grouped_by_their_brokers_and_the_farthest_go_first() {
        let mut moves = Vec::new();
        add(&mut moves, vec![1], "a-1".into(), 2);
        add(&mut moves, vec![1, 2], "a-2".into(), 3);
        add(&mut moves, vec![1], "b-0".into(), 2);
        order(&mut moves);
        assert_eq!(moves[0], LeaderMove { before: vec![1, 2], partitions: vec!["a-2".into()], leaders: vec![3] });
        assert_eq!(moves[1].partitions, ["a-1", "b-0"]);
    }

    #[test]
    fn a_move_that_would_undo_another_goes_before_it() {
        // a-1 ends on 2; stopping 2 (for c-0) would move it again, so c-0 goes first.
        let mut moves = Vec::new();
        add(&mut moves, vec![1], "a-1".into(), 2);
        add(&mut moves, vec![2], "c-0".into(), 3);
        order(&mut moves);
        assert_eq!(moves[0].partitions, ["c-0"]);
        assert_eq!(moves[1].partitions, ["a-1"]);
    }
}
