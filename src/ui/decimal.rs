//! Decimal text for numbers the page draws (SVG coordinates, percentages, seconds), printed
//! with integer arithmetic. `format!("{:.1}", x)` on an f64 links Rust's float printing
//! (Grisu with a Dragon fallback, about 11 KB of wasm) into a bundle that has a 300 kB
//! budget; the page only ever needs a fixed number of decimals of modest values.

/// `x` rounded to `decimals` places (at most 6), as `format!("{x:.decimals$}")` prints it
/// (a negative value that rounds to zero keeps its sign, "-0.0"), except at a tie: halves
/// round away from zero here ("0.25" to "0.3") where `format!` rounds them to even ("0.2"),
/// a tenth of a pixel nobody sees. Values the page never draws (not finite, or beyond
/// ±10^12) print as "0" rather than as nonsense.
pub fn fixed(x: f64, decimals: u32) -> String {
    if !x.is_finite() || x.abs() > 1e12 {
        return "0".to_string();
    }
    let decimals = decimals.min(6);
    let scale = 10u64.pow(decimals);
    let units = (x.abs() * scale as f64).round() as u64;
    let sign = if x.is_sign_negative() { "-" } else { "" };
    if decimals == 0 {
        return format!("{sign}{units}");
    }
    format!("{sign}{}.{:0width$}", units / scale, units % scale, width = decimals as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_what_format_prints_for_the_values_the_page_draws() {
        for i in -20_000i32..20_000 {
            // Thirds and sevenths never fall on a rounding tie.
            for x in [f64::from(i) / 3.0, f64::from(i) / 7.0, f64::from(i) / 9.0] {
                assert_eq!(fixed(x, 1), format!("{x:.1}"), "{x}");
                assert_eq!(fixed(x, 3), format!("{x:.3}"), "{x}");
                assert_eq!(fixed(x, 0), format!("{x:.0}"), "{x}");
            }
        }
    }

    #[test]
    fn signs_and_values_the_page_never_draws() {
        assert_eq!(fixed(-0.01, 1), "-0.0");
        assert_eq!(fixed(-0.0, 1), format!("{:.1}", -0.0f64));
        assert_eq!(fixed(-0.06, 1), "-0.1");
        assert_eq!(fixed(f64::NAN, 1), "0");
        assert_eq!(fixed(f64::INFINITY, 2), "0");
        assert_eq!(fixed(12.25, 9), "12.250000");
    }

    #[test]
    fn exact_halves_round_away_from_zero() {
        assert_eq!(fixed(0.25, 1), "0.3");
        assert_eq!(fixed(2.5, 0), "3");
        assert_eq!(fixed(-0.5, 0), "-1");
        assert_eq!(fixed(12.3125, 3), "12.313");
    }
}
