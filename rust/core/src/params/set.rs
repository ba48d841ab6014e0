//! [`Params`]: the set of KASAN boot parameters, one `parse_*` method per
//! early parameter (called by its handler) and the accessors the init code
//! reads the result through.

use super::kstrto::{kstrtouint, kstrtoul};
use super::words::{FaultMode, Mode, OnOff, ParamError, TagPolicy};

/// Default of `kasan.page_alloc.sample` (no sampling).
pub const PAGE_ALLOC_SAMPLE_DEFAULT: usize = 1;

/// Default of `kasan.page_alloc.sample.order`.
pub const PAGE_ALLOC_SAMPLE_ORDER_DEFAULT: u32 = 3;

/// Number of stack ring entries used when `kasan.stack_ring_size` is 0 or
/// not given (32 Ki).
pub const STACK_RING_SIZE_DEFAULT: usize = 32 << 10;

/// `LONG_MAX` of the kernel (`long` has the width of `usize` on Linux).
const LONG_MAX: usize = isize::MAX as usize;

/// `INT_MAX`.
const INT_MAX: u32 = i32::MAX as u32;

/// All KASAN boot parameters, as the C code stores them between parsing and
/// `kasan_init_hw_tags()`.
///
/// The `Option` fields are `None` until the parameter is validly given
/// (the C `*_DEFAULT` enum values); the resolved values come from the
/// accessor methods.
///
/// # Invariants
///
/// * `page_alloc_sample` is in `1..=LONG_MAX`;
/// * `page_alloc_sample_order` is at most `INT_MAX`;
/// * `vmalloc` is `None` when `vmalloc_configured` is false.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Params {
    kasan: Option<OnOff>,
    mode: Option<Mode>,
    vmalloc: Option<OnOff>,
    stacktrace: Option<OnOff>,
    fault: Option<FaultMode>,
    page_alloc_sample: usize,
    page_alloc_sample_order: u32,
    stack_ring_size: usize,
    tag_policy: Option<TagPolicy>,
    vmalloc_configured: bool,
}

impl Default for Params {
    #[inline]
    fn default() -> Self {
        Params::default()
    }
}

impl Params {
    /// The defaults with `CONFIG_KASAN_VMALLOC=y` (always the case on arm64,
    /// which selects it with KASAN).
    #[inline]
    pub const fn default() -> Self {
        Self::new(true)
    }

    /// The defaults, with `CONFIG_KASAN_VMALLOC` given by
    /// `vmalloc_configured`. Without it, `kasan.vmalloc=<anything>` is
    /// accepted and ignored, and vmalloc tagging is off.
    #[inline]
    pub const fn new(vmalloc_configured: bool) -> Self {
        Params {
            kasan: None,
            mode: None,
            vmalloc: None,
            stacktrace: None,
            fault: None,
            page_alloc_sample: PAGE_ALLOC_SAMPLE_DEFAULT,
            page_alloc_sample_order: PAGE_ALLOC_SAMPLE_ORDER_DEFAULT,
            stack_ring_size: 0,
            tag_policy: None,
            vmalloc_configured,
        }
    }

    // -- raw values ---------------------------------------------------------

    /// `kasan=` as given (`None` if not validly given).
    #[inline]
    pub const fn kasan_arg(&self) -> Option<OnOff> {
        self.kasan
    }

    /// `kasan.mode=` as given.
    #[inline]
    pub const fn mode_arg(&self) -> Option<Mode> {
        self.mode
    }

    /// `kasan.vmalloc=` as given.
    #[inline]
    pub const fn vmalloc_arg(&self) -> Option<OnOff> {
        self.vmalloc
    }

    /// `kasan.stacktrace=` as given.
    #[inline]
    pub const fn stacktrace_arg(&self) -> Option<OnOff> {
        self.stacktrace
    }

    /// `kasan.fault=` as given.
    #[inline]
    pub const fn fault_arg(&self) -> Option<FaultMode> {
        self.fault
    }

    /// `kasan.stack_ring_size=` as given; 0 when not given (or given as 0).
    #[inline]
    pub const fn stack_ring_size(&self) -> usize {
        self.stack_ring_size
    }

    /// `kasan.tag_policy=` as given.
    #[inline]
    pub const fn tag_policy_arg(&self) -> Option<TagPolicy> {
        self.tag_policy
    }

    /// The tag policy: the given one, else [`TagPolicy::Random`] (upstream's).
    #[inline]
    pub const fn tag_policy(&self) -> TagPolicy {
        match self.tag_policy {
            Some(t) => t,
            None => TagPolicy::Random,
        }
    }

    /// Whether `CONFIG_KASAN_VMALLOC` was assumed.
    #[inline]
    pub const fn vmalloc_configured(&self) -> bool {
        self.vmalloc_configured
    }

    // -- resolved values ----------------------------------------------------

    /// Whether `kasan=off` was given. (`kasan=on` is the same as the
    /// default.)
    #[inline]
    pub const fn kasan_disabled(&self) -> bool {
        matches!(self.kasan, Some(OnOff::Off))
    }

    /// The mode to use: the given one, else [`Mode::Sync`].
    #[inline]
    pub const fn mode(&self) -> Mode {
        match self.mode {
            Some(m) => m,
            None => Mode::Sync,
        }
    }

    /// Whether vmalloc tagging is on: the given value, else whether
    /// `CONFIG_KASAN_VMALLOC` is set.
    #[inline]
    pub const fn vmalloc_enabled(&self) -> bool {
        match self.vmalloc {
            Some(v) => v.is_on(),
            None => self.vmalloc_configured,
        }
    }

    /// Whether stack trace collection is requested: the given value, else
    /// on. (The kernel still turns it off if the ring cannot be allocated.)
    #[inline]
    pub const fn stacktrace_enabled(&self) -> bool {
        match self.stacktrace {
            Some(v) => v.is_on(),
            None => true,
        }
    }

    /// The fault mode: the given one, else [`FaultMode::Report`].
    #[inline]
    pub const fn fault(&self) -> FaultMode {
        match self.fault {
            Some(f) => f,
            None => FaultMode::Report,
        }
    }

    /// The page_alloc sampling interval (>= 1; 1 means no sampling).
    #[inline]
    pub const fn page_alloc_sample(&self) -> usize {
        self.page_alloc_sample
    }

    /// The minimum page order subject to sampling.
    #[inline]
    pub const fn page_alloc_sample_order(&self) -> u32 {
        self.page_alloc_sample_order
    }

    /// Number of stack ring entries to allocate when stack collection is
    /// on: the given size, or [`STACK_RING_SIZE_DEFAULT`] if it is 0. Not
    /// range-checked (the kernel multiplies it by the entry size when
    /// allocating).
    #[inline]
    pub const fn stack_ring_entries(&self) -> usize {
        if self.stack_ring_size == 0 {
            STACK_RING_SIZE_DEFAULT
        } else {
            self.stack_ring_size
        }
    }

    /// Bytes needed for [`Params::stack_ring_entries`] entries of
    /// `entry_size` bytes each, or `None` if that does not fit in a `usize`.
    ///
    /// The C code computes this product unchecked, so a huge
    /// `kasan.stack_ring_size` wraps to a small allocation that is then
    /// indexed as if it had the requested number of entries; callers should
    /// treat `None` like an allocation failure.
    #[inline]
    pub const fn stack_ring_bytes(&self, entry_size: usize) -> Option<usize> {
        entry_size.checked_mul(self.stack_ring_entries())
    }

    // -- parsers ------------------------------------------------------------

    /// `kasan=`: `off` or `on`. Unchanged on error.
    pub fn parse_kasan(&mut self, value: Option<&[u8]>) -> Result<(), ParamError> {
        match parse_on_off(value) {
            Ok(v) => {
                self.kasan = Some(v);
                Ok(())
            }
            Err(e) => Err(e),
        }
    }

    /// `kasan.mode=`: `sync`, `async` or `asymm`. Unchanged on error.
    pub fn parse_mode(&mut self, value: Option<&[u8]>) -> Result<(), ParamError> {
        self.mode = Some(parse_word(value, Mode::from_arg)?);
        Ok(())
    }

    /// `kasan.vmalloc=`: `off` or `on`. Unchanged on error. Without
    /// `CONFIG_KASAN_VMALLOC` any value (but not a missing one) is accepted
    /// and ignored.
    pub fn parse_vmalloc(&mut self, value: Option<&[u8]>) -> Result<(), ParamError> {
        if value.is_none() {
            return Err(ParamError::NoValue);
        }
        if !self.vmalloc_configured {
            return Ok(());
        }
        match parse_on_off(value) {
            Ok(v) => {
                self.vmalloc = Some(v);
                Ok(())
            }
            Err(e) => Err(e),
        }
    }

    /// `kasan.stacktrace=`: `off` or `on`. Unchanged on error.
    pub fn parse_stacktrace(&mut self, value: Option<&[u8]>) -> Result<(), ParamError> {
        match parse_on_off(value) {
            Ok(v) => {
                self.stacktrace = Some(v);
                Ok(())
            }
            Err(e) => Err(e),
        }
    }

    /// `kasan.fault=`: `report`, `panic` or `panic_on_write`. Unchanged on
    /// error.
    pub fn parse_fault(&mut self, value: Option<&[u8]>) -> Result<(), ParamError> {
        self.fault = Some(parse_word(value, FaultMode::from_arg)?);
        Ok(())
    }

    /// `kasan.page_alloc.sample=`: `kstrtoul(value, 0)`.
    ///
    /// A parse error leaves the value unchanged. A parsed value of 0 or
    /// above `LONG_MAX` resets it to [`PAGE_ALLOC_SAMPLE_DEFAULT`] and is an
    /// error.
    pub fn parse_page_alloc_sample(&mut self, value: Option<&[u8]>) -> Result<(), ParamError> {
        let Some(v) = value else {
            return Err(ParamError::NoValue);
        };
        match kstrtoul(v, 0) {
            Ok(n) if n == 0 || n > LONG_MAX => {
                self.page_alloc_sample = PAGE_ALLOC_SAMPLE_DEFAULT;
                Err(ParamError::Invalid)
            }
            Ok(n) => {
                self.page_alloc_sample = n;
                Ok(())
            }
            Err(e) => Err(ParamError::from_kstrtox(e)),
        }
    }

    /// `kasan.page_alloc.sample.order=`: `kstrtouint(value, 0)`.
    ///
    /// A parse error (including values above `UINT_MAX`) leaves the value
    /// unchanged. A value above `INT_MAX` resets it to
    /// [`PAGE_ALLOC_SAMPLE_ORDER_DEFAULT`] and is an error.
    pub fn parse_page_alloc_sample_order(
        &mut self,
        value: Option<&[u8]>,
    ) -> Result<(), ParamError> {
        let Some(v) = value else {
            return Err(ParamError::NoValue);
        };
        match kstrtouint(v, 0) {
            Ok(n) if n > INT_MAX => {
                self.page_alloc_sample_order = PAGE_ALLOC_SAMPLE_ORDER_DEFAULT;
                Err(ParamError::Invalid)
            }
            Ok(n) => {
                self.page_alloc_sample_order = n;
                Ok(())
            }
            Err(e) => Err(ParamError::from_kstrtox(e)),
        }
    }

    /// `kasan.stack_ring_size=`: `kstrtoul(value, 0)`, stored as is (no
    /// range check; 0 later means the default). Unchanged on error.
    pub fn parse_stack_ring_size(&mut self, value: Option<&[u8]>) -> Result<(), ParamError> {
        let Some(v) = value else {
            return Err(ParamError::NoValue);
        };
        match kstrtoul(v, 0) {
            Ok(n) => {
                self.stack_ring_size = n;
                Ok(())
            }
            Err(e) => Err(ParamError::from_kstrtox(e)),
        }
    }

    /// `kasan.tag_policy=`: `random` or `distinct`. Unchanged on error.
    pub fn parse_tag_policy(&mut self, value: Option<&[u8]>) -> Result<(), ParamError> {
        self.tag_policy = Some(parse_word(value, TagPolicy::from_arg)?);
        Ok(())
    }
}

/// Shared body of the `off`/`on` handlers.
#[inline]
fn parse_on_off(value: Option<&[u8]>) -> Result<OnOff, ParamError> {
    parse_word(value, OnOff::from_arg)
}

/// Shared body of the handlers of word parameters (`word_enum!`): no value
/// and an unknown word are errors.
#[inline]
fn parse_word<T>(value: Option<&[u8]>, from_arg: fn(&[u8]) -> Option<T>) -> Result<T, ParamError> {
    let Some(v) = value else {
        return Err(ParamError::NoValue);
    };
    from_arg(v).ok_or(ParamError::Invalid)
}

#[cfg(test)]
mod tests {
    use super::super::BAD_STRINGS;
    use super::*;

    #[test]
    fn defaults() {
        let p = Params::default();
        assert_eq!(p, <Params as core::default::Default>::default());
        assert!(!p.kasan_disabled());
        assert_eq!(p.kasan_arg(), None);
        assert_eq!(p.mode(), Mode::Sync);
        assert_eq!(p.mode_arg(), None);
        assert!(p.vmalloc_enabled());
        assert!(p.stacktrace_enabled());
        assert_eq!(p.fault(), FaultMode::Report);
        assert_eq!(p.page_alloc_sample(), 1);
        assert_eq!(p.page_alloc_sample_order(), 3);
        assert_eq!(p.stack_ring_size(), 0);
        assert_eq!(p.stack_ring_entries(), 32768);
        assert!(p.vmalloc_configured());
        let q = Params::new(false);
        assert!(!q.vmalloc_enabled());
    }
    #[test]
    fn on_off_params() {
        type Parser = fn(&mut Params, Option<&[u8]>) -> Result<(), ParamError>;
        type Getter = fn(&Params) -> Option<OnOff>;
        let params: [(&str, Parser, Getter); 3] = [
            ("kasan", Params::parse_kasan, Params::kasan_arg),
            ("kasan.vmalloc", Params::parse_vmalloc, Params::vmalloc_arg),
            (
                "kasan.stacktrace",
                Params::parse_stacktrace,
                Params::stacktrace_arg,
            ),
        ];
        for (id, parse, get) in params {
            let mut p = Params::default();
            assert_eq!(parse(&mut p, Some(b"off")), Ok(()));
            assert_eq!(get(&p), Some(OnOff::Off));
            assert_eq!(parse(&mut p, Some(b"on")), Ok(()));
            assert_eq!(get(&p), Some(OnOff::On));
            assert_eq!(parse(&mut p, Some(b"off\0junk")), Ok(()));
            assert_eq!(get(&p), Some(OnOff::Off));
            for bad in BAD_STRINGS {
                let before = p;
                assert_eq!(
                    parse(&mut p, Some(bad)),
                    Err(ParamError::Invalid),
                    "{id:?} {bad:?}"
                );
                assert_eq!(p, before);
            }
            assert_eq!(parse(&mut p, None), Err(ParamError::NoValue));
            assert_eq!(get(&p), Some(OnOff::Off));
        }
        let mut p = Params::default();
        assert_eq!(p.parse_kasan(Some(b"off")), Ok(()));
        assert!(p.kasan_disabled());
        assert_eq!(p.parse_kasan(Some(b"on")), Ok(()));
        assert!(!p.kasan_disabled());
        assert_eq!(p.parse_vmalloc(Some(b"off")), Ok(()));
        assert!(!p.vmalloc_enabled());
        assert_eq!(p.parse_stacktrace(Some(b"off")), Ok(()));
        assert!(!p.stacktrace_enabled());
    }

    #[test]
    fn vmalloc_without_config() {
        let mut p = Params::new(false);
        assert_eq!(p.parse_vmalloc(Some(b"on")), Ok(()));
        assert_eq!(p.parse_vmalloc(Some(b"garbage")), Ok(()));
        assert_eq!(p.parse_vmalloc(None), Err(ParamError::NoValue));
        assert_eq!(p.vmalloc_arg(), None);
        assert!(!p.vmalloc_enabled());
    }

    #[test]
    fn mode_param() {
        let mut p = Params::default();
        for (s, m) in [
            (&b"sync"[..], Mode::Sync),
            (b"async", Mode::Async),
            (b"asymm", Mode::Asymm),
        ] {
            assert_eq!(p.parse_mode(Some(s)), Ok(()));
            assert_eq!(p.mode(), m);
            assert_eq!(p.mode_arg(), Some(m));
            assert_eq!(m.as_str().as_bytes(), s);
        }
        for bad in BAD_STRINGS
            .iter()
            .chain([&b"asym"[..], b"Async", b"asymmetric", b"off"].iter())
        {
            assert_eq!(p.parse_mode(Some(bad)), Err(ParamError::Invalid));
            assert_eq!(p.mode(), Mode::Asymm);
        }
        assert_eq!(p.parse_mode(None), Err(ParamError::NoValue));
    }

    #[test]
    fn fault_param() {
        let mut p = Params::default();
        for f in [FaultMode::Panic, FaultMode::PanicOnWrite, FaultMode::Report] {
            assert_eq!(p.parse_fault(Some(f.as_str().as_bytes())), Ok(()));
            assert_eq!(p.fault(), f);
        }
        for bad in BAD_STRINGS
            .iter()
            .chain([&b"panic_on_read"[..], b"panic-on-write", b"PANIC"].iter())
        {
            assert_eq!(p.parse_fault(Some(bad)), Err(ParamError::Invalid));
            assert_eq!(p.fault_arg(), Some(FaultMode::Report));
        }
        assert_eq!(p.parse_fault(None), Err(ParamError::NoValue));
    }

    #[test]
    fn page_alloc_sample_param() {
        let mut p = Params::default();
        let ok: &[(&[u8], usize)] = &[
            (b"1", 1),
            (b"4", 4),
            (b"+5", 5),
            (b"5\n", 5),
            (b"0x10", 16),
            (b"010", 8),
            (b"9223372036854775807", isize::MAX as usize),
        ];
        for (s, v) in ok {
            assert_eq!(p.parse_page_alloc_sample(Some(s)), Ok(()));
            assert_eq!(p.page_alloc_sample(), *v);
        }
        // Parse errors: value unchanged.
        assert_eq!(p.parse_page_alloc_sample(Some(b"7")), Ok(()));
        let unchanged: &[(&[u8], ParamError)] = &[
            (b"", ParamError::Invalid),
            (b"fast", ParamError::Invalid),
            (b"-1", ParamError::Invalid),
            (b"5\n\n", ParamError::Invalid),
            (b"5 ", ParamError::Invalid),
            (b"08", ParamError::Invalid),
            (b"18446744073709551616", ParamError::Range),
        ];
        for (s, e) in unchanged {
            assert_eq!(p.parse_page_alloc_sample(Some(s)), Err(*e), "{s:?}");
            assert_eq!(p.page_alloc_sample(), 7);
        }
        assert_eq!(p.parse_page_alloc_sample(None), Err(ParamError::NoValue));
        assert_eq!(p.page_alloc_sample(), 7);
        // Parsed but out of range: reset to 1 and error.
        for s in [
            &b"0"[..],
            b"00",
            b"0x0",
            b"9223372036854775808",
            b"18446744073709551615",
        ] {
            assert_eq!(p.parse_page_alloc_sample(Some(b"7")), Ok(()));
            assert_eq!(p.parse_page_alloc_sample(Some(s)), Err(ParamError::Invalid));
            assert_eq!(p.page_alloc_sample(), 1);
        }
    }

    #[test]
    fn page_alloc_sample_order_param() {
        let mut p = Params::default();
        for (s, v) in [
            (&b"0"[..], 0u32),
            (b"10", 10),
            (b"0x10", 16),
            (b"010", 8),
            (b"+2\n", 2),
            (b"2147483647", i32::MAX as u32),
        ] {
            assert_eq!(p.parse_page_alloc_sample_order(Some(s)), Ok(()));
            assert_eq!(p.page_alloc_sample_order(), v);
        }
        assert_eq!(p.parse_page_alloc_sample_order(Some(b"5")), Ok(()));
        // > UINT_MAX: ERANGE from kstrtouint, unchanged.
        assert_eq!(
            p.parse_page_alloc_sample_order(Some(b"4294967296")),
            Err(ParamError::Range)
        );
        assert_eq!(p.page_alloc_sample_order(), 5);
        assert_eq!(
            p.parse_page_alloc_sample_order(Some(b"-1")),
            Err(ParamError::Invalid)
        );
        assert_eq!(
            p.parse_page_alloc_sample_order(Some(b"x")),
            Err(ParamError::Invalid)
        );
        assert_eq!(
            p.parse_page_alloc_sample_order(None),
            Err(ParamError::NoValue)
        );
        assert_eq!(p.page_alloc_sample_order(), 5);
        // INT_MAX < v <= UINT_MAX: reset to 3, EINVAL.
        for s in [&b"2147483648"[..], b"4294967295", b"0x80000000"] {
            assert_eq!(p.parse_page_alloc_sample_order(Some(b"5")), Ok(()));
            assert_eq!(
                p.parse_page_alloc_sample_order(Some(s)),
                Err(ParamError::Invalid)
            );
            assert_eq!(p.page_alloc_sample_order(), 3);
        }
    }

    #[test]
    fn stack_ring_size_param() {
        let mut p = Params::default();
        for (s, v) in [
            (&b"0"[..], 0usize),
            (b"1", 1),
            (b"0x1000", 4096),
            (b"18446744073709551615", usize::MAX),
        ] {
            assert_eq!(p.parse_stack_ring_size(Some(s)), Ok(()));
            assert_eq!(p.stack_ring_size(), v);
        }
        assert_eq!(p.parse_stack_ring_size(Some(b"0")), Ok(()));
        assert_eq!(p.stack_ring_entries(), STACK_RING_SIZE_DEFAULT);
        assert_eq!(p.stack_ring_bytes(32), Some(32 * 32768));
        assert_eq!(p.parse_stack_ring_size(Some(b"100")), Ok(()));
        assert_eq!(p.stack_ring_entries(), 100);
        assert_eq!(p.stack_ring_bytes(32), Some(3200));
        let mut huge = Params::default();
        assert_eq!(
            huge.parse_stack_ring_size(Some(b"0x800000000000001")),
            Ok(())
        );
        assert_eq!(huge.stack_ring_bytes(32), None);
        assert_eq!(huge.stack_ring_bytes(1), Some(0x800000000000001));
        for (s, e) in [
            (&b"18446744073709551616"[..], ParamError::Range),
            (b"-1", ParamError::Invalid),
            (b"", ParamError::Invalid),
            (b"1k", ParamError::Invalid),
        ] {
            assert_eq!(p.parse_stack_ring_size(Some(s)), Err(e));
            assert_eq!(p.stack_ring_size(), 100);
        }
        assert_eq!(p.parse_stack_ring_size(None), Err(ParamError::NoValue));
    }

    #[test]
    fn tag_policy_param() {
        let mut p = Params::default();
        assert_eq!(p.tag_policy(), TagPolicy::Random);
        assert_eq!(p.tag_policy_arg(), None);
        assert_eq!(p.parse_tag_policy(Some(b"distinct")), Ok(()));
        assert_eq!(p.tag_policy(), TagPolicy::Distinct);
        assert_eq!(p.parse_tag_policy(Some(b"random\0")), Ok(()));
        assert_eq!(p.tag_policy_arg(), Some(TagPolicy::Random));
        for bad in [&b"Distinct"[..], b"", b"distinct ", b"on"] {
            assert_eq!(p.parse_tag_policy(Some(bad)), Err(ParamError::Invalid));
        }
        assert_eq!(p.parse_tag_policy(None), Err(ParamError::NoValue));
        assert_eq!(p.tag_policy(), TagPolicy::Random, "unchanged on error");
    }
}
