//! Emotion trajectory and forecast.
//!
//! **Method.** After every customer turn the engine records the message signal and the fused
//! risk. Two damped-trend Holt filters (exponential smoothing of level and slope, the slope
//! shrunk by φ each step ahead) run over (a) the message signal, whose slope feeds the risk as
//! the `trend.rising` contribution, and (b) the logit of the risk. The forecast for the next
//! h = 1..=5 customer turns is `σ(ℓ + (φ + φ² + … + φʰ)·b + Δwait(h))`, where Δwait(h) is how
//! much the wait contribution would grow if the current unanswered wait went on for h more
//! of this customer's typical gaps. So an escalating conversation is forecast to rise before
//! it does, and a customer left waiting is forecast to get worse even if their words are calm.

use serde::{Deserialize, Serialize};
use std::collections::VecDeque;

/// Customer turns kept in the visible trajectory.
pub const TRAJECTORY_LEN: usize = 16;
/// Forecast horizon in customer turns.
pub const HORIZON: usize = 5;

const ALPHA: f32 = 0.6;
const BETA: f32 = 0.4;
const PHI: f32 = 0.85;

/// A damped-trend Holt filter.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Holt {
    /// Smoothed level.
    pub level: f32,
    /// Smoothed slope per step.
    pub slope: f32,
    /// Observations seen.
    pub n: u32,
}

impl Holt {
    /// Adds one observation.
    pub fn push(&mut self, x: f32) {
        if self.n == 0 {
            self.level = x;
            self.slope = 0.0;
        } else {
            let prev = self.level;
            self.level = ALPHA * x + (1.0 - ALPHA) * (prev + PHI * self.slope);
            self.slope = BETA * (self.level - prev) + (1.0 - BETA) * PHI * self.slope;
        }
        self.n = self.n.saturating_add(1);
    }

    /// The damped forecast `h` steps ahead.
    pub fn ahead(&self, h: usize) -> f32 {
        let mut damp = 0.0;
        let mut f = 1.0;
        for _ in 0..h {
            f *= PHI;
            damp += f;
        }
        self.level + damp * self.slope
    }
}

/// The trajectory of one conversation.
#[derive(Clone, Debug, Default)]
pub struct Trend {
    signals: VecDeque<f32>,
    risks: VecDeque<f32>,
    signal: Holt,
    risk_logit: Holt,
}

fn push_bounded(q: &mut VecDeque<f32>, x: f32) {
    if q.len() == TRAJECTORY_LEN {
        q.pop_front();
    }
    q.push_back(x);
}

/// Logit, clamped so 0 and 1 stay finite.
pub fn logit(p: f32) -> f32 {
    let p = p.clamp(0.001, 0.999);
    (p / (1.0 - p)).ln()
}

/// Logistic function.
pub fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

impl Trend {
    /// Records a customer turn's message signal (before the risk is fused).
    pub fn push_signal(&mut self, s: f32) {
        push_bounded(&mut self.signals, s);
        self.signal.push(s);
    }

    /// Records the fused risk after a customer turn.
    pub fn push_risk(&mut self, r: f32) {
        push_bounded(&mut self.risks, r);
        self.risk_logit.push(logit(r));
    }

    /// Slope of the message signal per customer turn (positive = getting angrier).
    pub fn signal_slope(&self) -> f32 {
        if self.signal.n < 2 {
            0.0
        } else {
            self.signal.slope
        }
    }

    /// Message signals, oldest first.
    pub fn signals(&self) -> Vec<f32> {
        self.signals.iter().copied().collect()
    }

    /// Risks after each customer turn, oldest first.
    pub fn risks(&self) -> Vec<f32> {
        self.risks.iter().copied().collect()
    }

    /// Forecast risk for the next [`HORIZON`] customer turns, starting from `current` risk.
    /// `wait_growth(h)` is the extra logit of a wait that goes on h more customer gaps.
    pub fn forecast(&self, current: f32, wait_growth: impl Fn(usize) -> f32) -> Vec<f32> {
        // Anchor on the current risk (it includes the live wait) and carry the damped slope.
        let base = logit(current);
        (1..=HORIZON)
            .map(|h| {
                let drift = if self.risk_logit.n < 2 {
                    0.0
                } else {
                    self.risk_logit.ahead(h) - self.risk_logit.level
                };
                sigmoid(base + drift + wait_growth(h))
            })
            .collect()
    }

    /// Number of stored items (for the bounded-memory test).
    pub fn footprint(&self) -> usize {
        self.signals.len() + self.risks.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rising_series_forecasts_rise() {
        let mut t = Trend::default();
        for r in [0.05, 0.1, 0.2, 0.35] {
            t.push_risk(r);
        }
        let f = t.forecast(0.35, |_| 0.0);
        assert!(f[0] > 0.35 && f[4] > f[0]);
        // Damped: the step shrinks.
        assert!(f[4] - f[3] < f[1] - f[0]);
    }

    #[test]
    fn flat_series_forecasts_flat_and_wait_pushes_up() {
        let mut t = Trend::default();
        for _ in 0..5 {
            t.push_risk(0.1);
        }
        let f = t.forecast(0.1, |_| 0.0);
        assert!(f.iter().all(|x| (x - 0.1).abs() < 0.01));
        let g = t.forecast(0.1, |h| 0.3 * h as f32);
        assert!(g[4] > 0.2);
    }

    #[test]
    fn holt_tracks_slope() {
        let mut h = Holt::default();
        for x in [0.0, 0.2, 0.4, 0.6] {
            h.push(x);
        }
        assert!(h.slope > 0.1);
        assert!(h.ahead(1) > 0.6 - 0.1);
    }
}
