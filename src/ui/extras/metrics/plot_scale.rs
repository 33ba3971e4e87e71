//! A metric's step plot as numbers: its steps (one per millisecond in which it changed), the
//! time axis, which grows in coarse notches so a plot is redrawn only when its series or
//! its notch changes (not every frame of play), and the SVG path, at most a few commands per
//! pixel column however long the series. No yew: tested natively (`ui::mod`).
use crate::ui::decimal::fixed;

pub const PLOT_WIDTH: f64 = 240.0;
pub const PLOT_HEIGHT: f64 = 36.0;
/// Room above and below the line, so a stroke at 0 or at the top is not cut in half.
const PAD: f64 = 3.0;

/// The metric took `value` at sim time `at` (the last change within that millisecond).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Step {
    pub at: u64,
    pub value: u64,
}

/// Adds a change; changes within one millisecond make one step, at the last value, since
/// a seek shows a whole millisecond (three leaders learning of one fence within a ms read
/// as one step to 3).
pub fn push_change(steps: &mut Vec<Step>, at: u64, value: u64) {
    match steps.last_mut() {
        Some(last) if last.at == at => last.value = value,
        _ => steps.push(Step { at, value }),
    }
}

/// The time axis' end for a session that has run `end_ms`: the first of 1, 2 or 5 × 10^k
/// seconds at or past it (at least 1 s).
pub fn axis_end_ms(end_ms: u64) -> u64 {
    let mut decade = 1_000u64;
    loop {
        for factor in [1, 2, 5] {
            if end_ms <= decade * factor {
                return decade * factor;
            }
        }
        decade = decade.saturating_mul(10);
    }
}

pub fn x_of(ms: u64, axis_end_ms: u64) -> f64 {
    ms.min(axis_end_ms) as f64 / axis_end_ms.max(1) as f64 * PLOT_WIDTH
}

pub fn y_of(value: u64, top: u64) -> f64 {
    let span = PLOT_HEIGHT - 2.0 * PAD;
    PLOT_HEIGHT - PAD - value.min(top) as f64 / top.max(1) as f64 * span
}

/// The value at the top of the plot: the largest the series took, at least 1.
pub fn top_of(steps: &[Step]) -> u64 {
    steps.iter().map(|s| s.value).max().unwrap_or(0).max(1)
}

/// The step line from 0 ms (every metric reads 0 before its first change) to `until_ms`.
/// Steps in one pixel column are drawn as one vertical run through their highest value.
pub fn step_path(steps: &[Step], axis_end_ms: u64, until_ms: u64) -> String {
    let top = top_of(steps);
    let mut path = format!("M0,{}", fixed(y_of(0, top), 1));
    // The pixel column being gathered: where it starts, its highest and its last value.
    let mut column: Option<(i64, f64, u64, u64)> = None;
    for step in steps {
        let x = x_of(step.at, axis_end_ms);
        match column.as_mut() {
            Some((pixel, _, high, last)) if *pixel == x.floor() as i64 => {
                *high = (*high).max(step.value);
                *last = step.value;
            }
            _ => {
                if let Some(done) = column {
                    draw_column(&mut path, done, top);
                }
                column = Some((x.floor() as i64, x, step.value, step.value));
            }
        }
    }
    if let Some(done) = column {
        draw_column(&mut path, done, top);
    }
    path.push_str(&format!("H{}", fixed(x_of(until_ms, axis_end_ms), 1)));
    path
}

fn draw_column(path: &mut String, (_, x, high, last): (i64, f64, u64, u64), top: u64) {
    path.push_str(&format!("H{}", fixed(x, 1)));
    if high != last {
        path.push_str(&format!("V{}", fixed(y_of(high, top), 1)));
    }
    path.push_str(&format!("V{}", fixed(y_of(last, top), 1)));
}

/// The steps offered as points to click or tab to: the latest `most`, so a busy series
/// (a request time at a steady rate) keeps a small page.
pub fn clickable(steps: &[Step], most: usize) -> &[Step] {
    &steps[steps.len().saturating_sub(most)..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_within_a_millisecond_make_one_step_at_the_last_value() {
        let mut steps = Vec::new();
        for (at, value) in [(9_001, 1), (9_001, 2), (9_001, 3), (12_517, 2), (12_517, 0)] {
            push_change(&mut steps, at, value);
        }
        assert_eq!(steps, [Step { at: 9_001, value: 3 }, Step { at: 12_517, value: 0 }]);
    }

    #[test]
    fn the_time_axis_grows_in_notches_of_one_two_five() {
        assert_eq!(
            [0, 999, 1_000, 1_001, 4_000, 42_500, 120_000].map(axis_end_ms),
            [1_000, 1_000, 1_000, 2_000, 5_000, 50_000, 200_000]
        );
    }

    #[test]
    fn the_path_steps_up_at_the_change_and_runs_to_the_end() {
        let steps = [Step { at: 500, value: 2 }];
        // Top is 2: 0 sits at the bottom (33), 2 at the top (3); 500 ms of 1 s is x=120.
        assert_eq!(step_path(&steps, 1_000, 1_000), "M0,33.0H120.0V3.0H240.0");
        assert_eq!(y_of(0, 1), PLOT_HEIGHT - PAD);
    }

    #[test]
    fn many_steps_in_one_pixel_column_keep_the_path_short_and_show_the_spike() {
        let steps: Vec<Step> = (0..10_000).map(|i| Step { at: i / 100, value: i % 7 }).collect();
        let path = step_path(&steps, 100_000, 100_000);
        assert!(path.len() < 2_000, "{} characters", path.len());
        assert!(path.contains(&format!("V{}", fixed(y_of(6, 6), 1))), "the spike to 6 is drawn");
        assert_eq!(clickable(&steps, 3).len(), 3);
        assert_eq!(top_of(&[]), 1);
    }
}
