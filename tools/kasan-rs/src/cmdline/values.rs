//! What each KASAN parameter takes, in words for messages.

use kasan_core::params::{ParamError, ParamId};

/// The values `id` accepts.
pub fn expected(id: ParamId) -> &'static str {
    match id {
        ParamId::Kasan | ParamId::Vmalloc | ParamId::Stacktrace => "on or off",
        ParamId::Mode => "sync, async or asymm",
        ParamId::Fault => "report, panic or panic_on_write",
        ParamId::PageAllocSample => "an integer from 1 to LONG_MAX (kstrtoul, base 0)",
        ParamId::PageAllocSampleOrder => "an integer from 0 to INT_MAX (kstrtouint, base 0)",
        ParamId::StackRingSize => "an integer from 0 to ULONG_MAX (kstrtoul, base 0)",
        ParamId::TagPolicy => "random or distinct (kasan-rs only)",
    }
}

/// What is wrong with the value.
pub fn problem(e: ParamError) -> &'static str {
    match e {
        ParamError::NoValue => "it has no `=value`",
        ParamError::Invalid => "the value is not one it takes",
        ParamError::Range => "the value is too large for its C type",
    }
}

/// Every KASAN parameter name, space-separated.
pub fn known_names() -> String {
    ParamId::ALL.map(ParamId::name).join(" ")
}
