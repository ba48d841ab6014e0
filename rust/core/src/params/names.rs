//! The early parameters by name: [`ParamId`], and [`Params::apply`] /
//! [`Params::set`] that run a parser chosen by name.
//!
//! This is the host tool's API (`kasan-rs cmdline` checks a command line
//! the way the kernel would parse it). The kernel registers one handler per
//! parameter and calls its `Params::parse_*` method directly, so this
//! module is not built into the kernel (`#[cfg(not(CONFIG_RUST))]` on its
//! declaration).

use super::cstr::at;
use super::set::Params;
use super::words::ParamError;

/// The early parameters, by name.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum ParamId {
    /// `kasan=off|on`.
    Kasan,
    /// `kasan.mode=sync|async|asymm`.
    Mode,
    /// `kasan.vmalloc=off|on`.
    Vmalloc,
    /// `kasan.stacktrace=off|on`.
    Stacktrace,
    /// `kasan.fault=report|panic|panic_on_write`.
    Fault,
    /// `kasan.page_alloc.sample=<interval>`.
    PageAllocSample,
    /// `kasan.page_alloc.sample.order=<min order>`.
    PageAllocSampleOrder,
    /// `kasan.stack_ring_size=<entries>`.
    StackRingSize,
    /// `kasan.tag_policy=random|distinct` (kasan-rs only).
    TagPolicy,
}

impl ParamId {
    /// All early parameters.
    pub const ALL: [ParamId; 9] = [
        ParamId::Kasan,
        ParamId::Mode,
        ParamId::Vmalloc,
        ParamId::Stacktrace,
        ParamId::Fault,
        ParamId::PageAllocSample,
        ParamId::PageAllocSampleOrder,
        ParamId::StackRingSize,
        ParamId::TagPolicy,
    ];

    /// The registered name (the part before `=`).
    #[inline]
    pub const fn name(self) -> &'static str {
        match self {
            ParamId::Kasan => "kasan",
            ParamId::Mode => "kasan.mode",
            ParamId::Vmalloc => "kasan.vmalloc",
            ParamId::Stacktrace => "kasan.stacktrace",
            ParamId::Fault => "kasan.fault",
            ParamId::PageAllocSample => "kasan.page_alloc.sample",
            ParamId::PageAllocSampleOrder => "kasan.page_alloc.sample.order",
            ParamId::StackRingSize => "kasan.stack_ring_size",
            ParamId::TagPolicy => "kasan.tag_policy",
        }
    }

    /// Finds the parameter whose name equals `name` the way the kernel
    /// compares parameter names (`parameq()`): whole-string, with `-` and
    /// `_` interchangeable. `name` ends at its first NUL, if any.
    #[inline]
    pub const fn from_name(name: &[u8]) -> Option<Self> {
        let mut rest: &[ParamId] = &Self::ALL;
        while let Some((&id, tail)) = rest.split_first() {
            if param_eq(name, id.name()) {
                return Some(id);
            }
            rest = tail;
        }
        None
    }
}

/// `-` and `_` are the same character in parameter names.
#[inline]
const fn dash_to_underscore(c: u8) -> u8 {
    if c == b'-' {
        b'_'
    } else {
        c
    }
}

/// `parameq(a, b)`: equal up to and including the terminator, with `-`
/// and `_` interchangeable. `b` must not contain NUL.
#[inline]
const fn param_eq(a: &[u8], b: &str) -> bool {
    let b = b.as_bytes();
    let mut i = 0;
    loop {
        let ca = at(a, i);
        let cb = at(b, i);
        if dash_to_underscore(ca) != dash_to_underscore(cb) {
            return false;
        }
        if ca == 0 {
            return true;
        }
        i = i.saturating_add(1);
    }
}

impl Params {
    /// Runs the parser of parameter `id`.
    pub fn apply(&mut self, id: ParamId, value: Option<&[u8]>) -> Result<(), ParamError> {
        match id {
            ParamId::Kasan => self.parse_kasan(value),
            ParamId::Mode => self.parse_mode(value),
            ParamId::Vmalloc => self.parse_vmalloc(value),
            ParamId::Stacktrace => self.parse_stacktrace(value),
            ParamId::Fault => self.parse_fault(value),
            ParamId::PageAllocSample => self.parse_page_alloc_sample(value),
            ParamId::PageAllocSampleOrder => self.parse_page_alloc_sample_order(value),
            ParamId::StackRingSize => self.parse_stack_ring_size(value),
            ParamId::TagPolicy => self.parse_tag_policy(value),
        }
    }

    /// Handles one early parameter by name, as `do_early_param()` would.
    ///
    /// Returns `None` if `name` is not a KASAN early parameter (the kernel
    /// then ignores it silently), otherwise the parser's result.
    pub fn set(&mut self, name: &[u8], value: Option<&[u8]>) -> Option<Result<(), ParamError>> {
        ParamId::from_name(name).map(|id| self.apply(id, value))
    }
}

#[cfg(test)]
mod tests {
    use super::super::words::{OnOff, TagPolicy};
    use super::super::BAD_STRINGS;
    use super::*;

    #[test]
    fn names() {
        for id in ParamId::ALL {
            assert_eq!(ParamId::from_name(id.name().as_bytes()), Some(id));
            let mut with_nul = std::vec::Vec::from(id.name().as_bytes());
            with_nul.push(0);
            assert_eq!(ParamId::from_name(&with_nul), Some(id));
            let dashed: std::vec::Vec<u8> = id
                .name()
                .bytes()
                .map(|c| if c == b'_' { b'-' } else { c })
                .collect();
            assert_eq!(ParamId::from_name(&dashed), Some(id));
        }
        for bad in [
            &b""[..],
            b"kasa",
            b"kasan.",
            b"kasan.modes",
            b"KASAN",
            b"kasan_mode",
            b"kasan.page_alloc",
            b"kasan.page_alloc.sample.",
            b"kasan_multi_shot",
            b"kasan.mode ",
        ] {
            assert_eq!(ParamId::from_name(bad), None, "{bad:?}");
        }
        let mut p = Params::default();
        assert_eq!(p.set(b"kasan.page-alloc.sample", Some(b"4")), Some(Ok(())));
        assert_eq!(p.page_alloc_sample(), 4);
        assert_eq!(
            p.set(b"kasan.mode", Some(b"fast")),
            Some(Err(ParamError::Invalid))
        );
        assert_eq!(p.set(b"kasan.mode", None), Some(Err(ParamError::NoValue)));
        assert_eq!(p.set(b"console", Some(b"ttyS0")), None);
    }

    #[test]
    fn on_off_by_name() {
        type Getter = fn(&Params) -> Option<OnOff>;
        let params: [(ParamId, Getter); 3] = [
            (ParamId::Kasan, Params::kasan_arg),
            (ParamId::Vmalloc, Params::vmalloc_arg),
            (ParamId::Stacktrace, Params::stacktrace_arg),
        ];
        for (id, get) in params {
            let mut p = Params::default();
            assert_eq!(p.apply(id, Some(b"off")), Ok(()));
            assert_eq!(get(&p), Some(OnOff::Off));
            for bad in BAD_STRINGS {
                assert_eq!(p.apply(id, Some(bad)), Err(ParamError::Invalid));
                assert_eq!(get(&p), Some(OnOff::Off));
            }
            assert_eq!(p.apply(id, None), Err(ParamError::NoValue));
            assert_eq!(p.set(id.name().as_bytes(), Some(b"on")), Some(Ok(())));
            assert_eq!(get(&p), Some(OnOff::On));
        }
    }

    #[test]
    fn tag_policy_by_name() {
        let mut p = Params::default();
        assert_eq!(p.set(b"kasan.tag_policy", Some(b"distinct")), Some(Ok(())));
        assert_eq!(p.tag_policy(), TagPolicy::Distinct);
        assert_eq!(p.set(b"kasan.tag-policy", Some(b"random")), Some(Ok(())));
        assert_eq!(p.tag_policy_arg(), Some(TagPolicy::Random));
    }

    #[test]
    fn fuzz_keeps_the_invariants() {
        super::super::for_each_fuzz_input(|s| {
            let mut p = Params::default();
            for id in ParamId::ALL {
                let _ = p.apply(id, Some(s));
            }
            assert!(p.page_alloc_sample() >= 1 && p.page_alloc_sample() <= isize::MAX as usize);
            assert!(p.page_alloc_sample_order() <= i32::MAX as u32);
        });
    }
}
