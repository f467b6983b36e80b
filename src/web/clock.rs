//! The only clocks of the crate: the core takes every time as an argument.

/// Wall-clock time in epoch milliseconds (`Date.now()`), the time base of `data-ts`
/// attributes and of arrival times.
pub fn now_ms() -> u64 {
    let now = js_sys::Date::now();
    if now.is_finite() && now > 0.0 {
        now as u64
    } else {
        0
    }
}
