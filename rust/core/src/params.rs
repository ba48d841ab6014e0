//! The `kasan*` boot parameters and the integer parsers they use.
//!
//! Each parameter is parsed exactly as the corresponding 6.12 handler
//! decides: the same spellings are accepted (compared byte for byte, so
//! `SYNC` or `sync ` are rejected), the same inputs are errors, and after an
//! error the stored value is what the C code leaves behind (usually
//! unchanged, but reset to the default for some numeric range errors).
//!
//! An `Err` from a parser means the C handler returned non-zero, i.e. the
//! kernel prints `Malformed early option '<name>'` with the name as typed
//! on the command line.
//!
//! Values are passed as `Option<&[u8]>`: `None` when the parameter was given
//! without `=` (the C handlers get a NULL pointer and reject it), otherwise
//! the bytes after `=`. A NUL byte in the slice ends the value, as it would
//! end the C string; a slice built from a C string may include or omit its
//! terminator.

/// `EINVAL`: invalid argument.
pub const EINVAL: i32 = 22;

/// `ERANGE`: result not representable.
pub const ERANGE: i32 = 34;

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

// ---------------------------------------------------------------------------
// C-string helpers.

/// Byte `i` of the C string held in `s`: 0 at or past the end of the slice,
/// and (naturally) 0 at an embedded NUL.
#[inline]
const fn at(s: &[u8], i: usize) -> u8 {
    let mut rest = s;
    let mut i = i;
    while let Some((&c, tail)) = rest.split_first() {
        if i == 0 {
            return c;
        }
        // `i > 0` here.
        i = i.wrapping_sub(1);
        rest = tail;
    }
    0
}

/// `s` without its first `n` bytes (empty if shorter).
#[inline]
const fn skip(s: &[u8], n: usize) -> &[u8] {
    let mut rest = s;
    let mut n = n;
    while n > 0 {
        match rest.split_first() {
            Some((_, tail)) => rest = tail,
            None => break,
        }
        // `n > 0` here.
        n = n.wrapping_sub(1);
    }
    rest
}

/// `strcmp(value, lit) == 0`, with `value` ending at its first NUL or at the
/// end of the slice. `lit` must not contain NUL.
#[inline]
const fn c_str_eq(value: &[u8], lit: &str) -> bool {
    let lit = lit.as_bytes();
    let mut i = 0;
    loop {
        let a = at(value, i);
        let b = at(lit, i);
        if a != b {
            return false;
        }
        if a == 0 {
            return true;
        }
        i = i.saturating_add(1);
    }
}

/// The kernel's `_tolower()`: sets bit 5, which lower-cases ASCII letters
/// (and changes some non-letters, which never matters for the callers).
#[inline]
const fn tolower(c: u8) -> u8 {
    c | 0x20
}

#[inline]
const fn is_xdigit(c: u8) -> bool {
    c.is_ascii_hexdigit()
}

// ---------------------------------------------------------------------------
// kstrto*().

/// Error of the `kstrto*` parsers.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum KstrtoxError {
    /// Not a number, trailing garbage, empty, or a sign other than one
    /// leading `+` (`-EINVAL`).
    Invalid,
    /// The number does not fit in the result type (`-ERANGE`).
    Range,
}

impl KstrtoxError {
    /// The negative errno the C function returns.
    #[inline]
    pub const fn errno(self) -> i32 {
        match self {
            KstrtoxError::Invalid => -EINVAL,
            KstrtoxError::Range => -ERANGE,
        }
    }
}

/// Base auto-detection: with `base == 0`, `0x` followed by a hex digit
/// selects 16, another leading `0` selects 8, anything else 10. A `0x`
/// prefix is skipped when the (resulting) base is 16.
#[inline]
const fn fixup_radix(s: &[u8], base: u32) -> (&[u8], u32) {
    let mut base = base;
    if base == 0 {
        if at(s, 0) == b'0' {
            if tolower(at(s, 1)) == b'x' && is_xdigit(at(s, 2)) {
                base = 16;
            } else {
                base = 8;
            }
        } else {
            base = 10;
        }
    }
    if base == 16 && at(s, 0) == b'0' && tolower(at(s, 1)) == b'x' {
        (skip(s, 2), base)
    } else {
        (s, base)
    }
}

/// Parses the longest run of digits valid in `base` at the start of `s`.
/// Returns (value, digits consumed, overflow). On overflow the wrapped value
/// is returned and parsing continues, as in C.
#[inline]
const fn parse_digits(s: &[u8], base: u32) -> (u64, usize, bool) {
    let base = base as u64;
    let mut res: u64 = 0;
    let mut consumed: usize = 0;
    let mut overflow = false;
    let mut rest = s;
    while let Some((&c, tail)) = rest.split_first() {
        let lc = tolower(c);
        let val = if c.is_ascii_digit() {
            c.wrapping_sub(b'0') as u64
        } else if lc >= b'a' && lc <= b'f' {
            lc.wrapping_sub(b'a').wrapping_add(10) as u64
        } else {
            break;
        };
        if val >= base {
            break;
        }
        // Only check when within reach of overflow for base 16, as C does.
        if res & (!0u64 << 60) != 0 {
            let limit = match u64::MAX.wrapping_sub(val).checked_div(base) {
                Some(l) => l,
                None => 0,
            };
            if res > limit {
                overflow = true;
            }
        }
        res = res.wrapping_mul(base).wrapping_add(val);
        consumed = consumed.saturating_add(1);
        rest = tail;
    }
    (res, consumed, overflow)
}

/// `kstrtoull()` without the leading-`+` handling.
const fn kstrtoull_nosign(s: &[u8], base: u32) -> Result<u64, KstrtoxError> {
    let (s, base) = fixup_radix(s, base);
    let (res, consumed, overflow) = parse_digits(s, base);
    if overflow {
        return Err(KstrtoxError::Range);
    }
    if consumed == 0 {
        return Err(KstrtoxError::Invalid);
    }
    let mut rest = skip(s, consumed);
    if at(rest, 0) == b'\n' {
        rest = skip(rest, 1);
    }
    if at(rest, 0) != 0 {
        return Err(KstrtoxError::Invalid);
    }
    Ok(res)
}

/// Parses an unsigned 64-bit integer like the kernel's `kstrtoull()`.
///
/// * one optional leading `+` (a `-` is invalid);
/// * `base` 0 auto-detects: `0x`/`0X` followed by a hex digit is hex,
///   another leading `0` is octal, else decimal; with `base` 16 a `0x`
///   prefix is allowed;
/// * at least one digit, then optionally one `\n`, then the end;
/// * overflow is [`KstrtoxError::Range`] (even with trailing garbage);
///   anything else malformed is [`KstrtoxError::Invalid`].
///
/// `base` should be 0, 8, 10 or 16 (as in C, other values are not
/// rejected, and they never cause a panic).
#[inline]
pub const fn kstrtoull(s: &[u8], base: u32) -> Result<u64, KstrtoxError> {
    if at(s, 0) == b'+' {
        kstrtoull_nosign(skip(s, 1), base)
    } else {
        kstrtoull_nosign(s, base)
    }
}

/// Parses an `unsigned long` (`usize`) like the kernel's `kstrtoul()`.
/// On 64-bit targets this is exactly [`kstrtoull`].
#[inline]
pub const fn kstrtoul(s: &[u8], base: u32) -> Result<usize, KstrtoxError> {
    match kstrtoull(s, base) {
        Ok(v) if v <= usize::MAX as u64 => Ok(v as usize),
        Ok(_) => Err(KstrtoxError::Range),
        Err(e) => Err(e),
    }
}

/// Parses an `unsigned int` like the kernel's `kstrtouint()`: values above
/// `u32::MAX` are [`KstrtoxError::Range`].
#[inline]
pub const fn kstrtouint(s: &[u8], base: u32) -> Result<u32, KstrtoxError> {
    match kstrtoull(s, base) {
        Ok(v) if v <= u32::MAX as u64 => Ok(v as u32),
        Ok(_) => Err(KstrtoxError::Range),
        Err(e) => Err(e),
    }
}

// ---------------------------------------------------------------------------
// Parameter values.

/// An enum whose values are the words a parameter accepts, with `from_arg`
/// (exactly one of the words, compared as the C handlers' `strcmp()`) and
/// `as_str` (the word).
macro_rules! word_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $word:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Copy, Clone, Debug, PartialEq, Eq)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            /// Parses exactly one of the accepted words.
            #[inline]
            pub const fn from_arg(arg: &[u8]) -> Option<Self> {
                $( if c_str_eq(arg, $word) { return Some($name::$variant); } )+
                None
            }

            /// The word of this value.
            #[inline]
            pub const fn as_str(self) -> &'static str {
                match self {
                    $( $name::$variant => $word, )+
                }
            }
        }
    };
}

word_enum! {
    /// Value of an `off`/`on` parameter (`kasan=`, `kasan.vmalloc=`,
    /// `kasan.stacktrace=`).
    pub enum OnOff {
        /// `off`.
        Off = "off",
        /// `on`.
        On = "on",
    }
}

impl OnOff {
    /// Whether this is [`OnOff::On`].
    #[inline]
    pub const fn is_on(self) -> bool {
        matches!(self, OnOff::On)
    }

    /// `"on"` for `true`, `"off"` for `false`.
    #[inline]
    pub const fn str_of(on: bool) -> &'static str {
        if on {
            "on"
        } else {
            "off"
        }
    }
}

word_enum! {
    /// Tag-check fault mode (`kasan.mode=`, `enum kasan_mode`); the words are
    /// also those of the init banner.
    pub enum Mode {
        /// Synchronous faults (`SCTLR_EL1.TCF = 0b01`); the default.
        Sync = "sync",
        /// Asynchronous faults, reported later from `TFSR_EL1`.
        Async = "async",
        /// Synchronous on reads, asynchronous on writes.
        Asymm = "asymm",
    }
}

impl Mode {
    /// Whether asynchronous faults can occur (async or asymm mode).
    #[inline]
    pub const fn async_fault_possible(self) -> bool {
        matches!(self, Mode::Async | Mode::Asymm)
    }

    /// Whether synchronous faults can occur (sync or asymm mode).
    #[inline]
    pub const fn sync_fault_possible(self) -> bool {
        matches!(self, Mode::Sync | Mode::Asymm)
    }
}

word_enum! {
    /// What to do after a report (`kasan.fault=`).
    pub enum FaultMode {
        /// Only print the report; the default.
        Report = "report",
        /// Panic after every report.
        Panic = "panic",
        /// Panic after reports of bad writes (invalid-free and asynchronous
        /// reports count as writes).
        PanicOnWrite = "panic_on_write",
    }
}

impl FaultMode {
    /// The panic message to use at the end of a report of an access with
    /// the given direction, or `None` if the kernel should not panic. The
    /// C code appends a newline.
    #[inline]
    pub const fn panic_message(self, is_write: bool) -> Option<&'static str> {
        match self {
            FaultMode::Report => None,
            FaultMode::Panic => Some("kasan.fault=panic set ..."),
            FaultMode::PanicOnWrite => {
                if is_write {
                    Some("kasan.fault=panic_on_write set ...")
                } else {
                    None
                }
            }
        }
    }
}

/// Why a parameter value was rejected. Any of these makes the kernel print
/// `Malformed early option '<name>'`.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum ParamError {
    /// The parameter was given without `=value` (`-EINVAL`).
    NoValue,
    /// The value is not one of the accepted ones (`-EINVAL`).
    Invalid,
    /// The number does not fit its C type (`-ERANGE`).
    Range,
}

impl ParamError {
    /// The negative errno the C handler returns.
    #[inline]
    pub const fn errno(self) -> i32 {
        match self {
            ParamError::NoValue | ParamError::Invalid => -EINVAL,
            ParamError::Range => -ERANGE,
        }
    }

    #[inline]
    const fn from_kstrtox(e: KstrtoxError) -> Self {
        match e {
            KstrtoxError::Invalid => ParamError::Invalid,
            KstrtoxError::Range => ParamError::Range,
        }
    }
}

word_enum! {
    /// How allocation tags are chosen (`kasan.tag_policy=`; not in upstream).
    pub enum TagPolicy {
        /// A random tag on every allocation, as upstream: a bug whose bad
        /// pointer carries the tag of the memory it lands in goes unnoticed.
        Random = "random",
        /// Random, but never the tag of an adjacent live slab object nor the
        /// tag the object had in its previous life when that life ended
        /// recently: adjacent overflows and immediate-reuse use-after-free are
        /// always caught.
        Distinct = "distinct",
    }
}

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
/// and `_` interchangeable.
#[inline]
const fn param_eq(a: &[u8], b: &str) -> bool {
    param_eq_n(a, b, usize::MAX)
}

/// Compares at most `n` characters the `parameqn()` way (a terminator
/// within the first `n` characters must match too).
#[inline]
const fn param_eq_n(a: &[u8], b: &str, n: usize) -> bool {
    let b = b.as_bytes();
    let mut i = 0;
    while i < n {
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
    true
}

/// Name of the non-early `kasan_multi_shot` switch.
pub const MULTI_SHOT_NAME: &str = "kasan_multi_shot";

/// Whether a command-line word (`param` or `param=value`, as rebuilt by the
/// kernel before its `__setup` lookup) turns on `kasan_multi_shot`.
///
/// Like every non-early `__setup` option this is a *prefix* match (with `-`
/// and `_` interchangeable): `kasan_multi_shot`, `kasan-multi-shot=0` and
/// even `kasan_multi_shotXYZ` all enable it, and the value is ignored.
#[inline]
pub const fn matches_multi_shot(word: &[u8]) -> bool {
    param_eq_n(word, MULTI_SHOT_NAME, MULTI_SHOT_NAME.len())
}

// ---------------------------------------------------------------------------
// The parameter set.

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
    multi_shot: bool,
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
            multi_shot: false,
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

    /// Whether `kasan_multi_shot` was given.
    #[inline]
    pub const fn multi_shot(&self) -> bool {
        self.multi_shot
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

    /// `kasan_multi_shot` (see [`matches_multi_shot`]): turns multi-shot
    /// reporting on. Never fails.
    #[inline]
    pub fn set_multi_shot(&mut self) {
        self.multi_shot = true;
    }

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
    use super::*;

    const KE: Result<u64, KstrtoxError> = Err(KstrtoxError::Invalid);
    const KR: Result<u64, KstrtoxError> = Err(KstrtoxError::Range);

    #[test]
    fn kstrtoull_base0() {
        let cases: &[(&[u8], Result<u64, KstrtoxError>)] = &[
            (b"0", Ok(0)),
            (b"5", Ok(5)),
            (b"+5", Ok(5)),
            (b"5\n", Ok(5)),
            (b"+5\n", Ok(5)),
            (b"5\n\n", KE),
            (b"\n", KE),
            (b"5 ", KE),
            (b" 5", KE),
            (b"", KE),
            (b"+", KE),
            (b"++5", KE),
            (b"-1", KE),
            (b"-0", KE),
            (b"+-1", KE),
            (b"0x10", Ok(16)),
            (b"0X10", Ok(16)),
            (b"0xfF", Ok(255)),
            (b"+0x10", Ok(16)),
            (b"0x", KE),
            (b"0x\n", KE),
            (b"0xg", KE),
            (b"0x0x1", KE),
            (b"010", Ok(8)),
            (b"0777", Ok(511)),
            (b"08", KE),
            (b"09", KE),
            (b"00", Ok(0)),
            (b"0\n", Ok(0)),
            (b"1a", KE),
            (b"abc", KE),
            (b"12345678901234567890", Ok(12_345_678_901_234_567_890)),
            (b"18446744073709551615", Ok(u64::MAX)),
            (b"18446744073709551616", KR),
            (b"18446744073709551616x", KR),
            (b"99999999999999999999999", KR),
            (b"0xffffffffffffffff", Ok(u64::MAX)),
            (b"0x10000000000000000", KR),
            (b"01777777777777777777777", Ok(u64::MAX)),
            (b"02000000000000000000000", KR),
            (b"0x00000000000000000000001", Ok(1)),
            (b"9223372036854775808", Ok(1 << 63)),
            // NUL ends the C string.
            (b"5\0garbage", Ok(5)),
            (b"\x005", KE),
            (b"5\n\0x", Ok(5)),
        ];
        for (s, expected) in cases {
            assert_eq!(
                kstrtoull(s, 0),
                *expected,
                "{:?}",
                std::string::String::from_utf8_lossy(s)
            );
        }
    }

    #[test]
    fn kstrtoull_explicit_bases() {
        assert_eq!(kstrtoull(b"0x1f", 16), Ok(31));
        assert_eq!(kstrtoull(b"1f", 16), Ok(31));
        assert_eq!(kstrtoull(b"0x", 16), KE);
        assert_eq!(kstrtoull(b"010", 10), Ok(10));
        assert_eq!(kstrtoull(b"0x10", 10), KE);
        assert_eq!(kstrtoull(b"17", 8), Ok(15));
        assert_eq!(kstrtoull(b"18", 8), KE);
        // Weird bases never panic.
        for base in 0..40u32 {
            for s in [&b"0"[..], b"1", b"zz", b"0x1", b"ffffffffffffffffffff", b""] {
                let _ = kstrtoull(s, base);
            }
        }
        assert_eq!(kstrtoull(b"000", 1), Ok(0));
        assert_eq!(kstrtoull(b"1", 1), KE);
    }

    #[test]
    fn kstrtoull_matches_reference_on_decimal_range() {
        // Property: for every n, decimal, hex and octal spellings parse back.
        let mut n: u64 = 0;
        for i in 0..20_000u64 {
            n = n
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407 ^ i);
            let v = n >> (i % 64);
            let dec = std::format!("{v}");
            let hex = std::format!("0x{v:x}");
            let hexu = std::format!("0X{v:X}\n");
            let oct = std::format!("0{v:o}");
            assert_eq!(kstrtoull(dec.as_bytes(), 0), Ok(v));
            assert_eq!(kstrtoull(hex.as_bytes(), 0), Ok(v));
            assert_eq!(kstrtoull(hexu.as_bytes(), 0), Ok(v));
            assert_eq!(kstrtoull(oct.as_bytes(), 0), Ok(v));
            assert_eq!(kstrtoull(dec.as_bytes(), 10), Ok(v));
            // One past the max overflows.
            let big = std::format!("{}", u128::from(v) + u128::from(u64::MAX) + 1);
            assert_eq!(kstrtoull(big.as_bytes(), 0), KR);
            let neg = std::format!("-{v}");
            assert_eq!(kstrtoull(neg.as_bytes(), 0), KE);
        }
    }

    #[test]
    fn kstrtoul_and_uint() {
        assert_eq!(kstrtoul(b"18446744073709551615", 0), Ok(usize::MAX));
        assert_eq!(
            kstrtoul(b"18446744073709551616", 0),
            Err(KstrtoxError::Range)
        );
        assert_eq!(kstrtouint(b"4294967295", 0), Ok(u32::MAX));
        assert_eq!(kstrtouint(b"4294967296", 0), Err(KstrtoxError::Range));
        assert_eq!(kstrtouint(b"0xffffffff", 0), Ok(u32::MAX));
        assert_eq!(kstrtouint(b"x", 0), Err(KstrtoxError::Invalid));
        assert_eq!(KstrtoxError::Invalid.errno(), -22);
        assert_eq!(KstrtoxError::Range.errno(), -34);
    }

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
        assert!(!p.multi_shot());
        assert!(p.vmalloc_configured());
        let q = Params::new(false);
        assert!(!q.vmalloc_enabled());
    }

    /// Inputs that every string-valued parameter must reject.
    const BAD_STRINGS: &[&[u8]] = &[
        b"",
        b"fast",
        b"0",
        b"1",
        b"-1",
        b"ON",
        b"Off",
        b"SYNC",
        b"on ",
        b" on",
        b"on\n",
        b"sync ",
        b"report\n",
        b"yes",
        b"true",
        b"\0on",
    ];

    #[test]
    fn on_off_params() {
        type Parser = fn(&mut Params, Option<&[u8]>) -> Result<(), ParamError>;
        type Getter = fn(&Params) -> Option<OnOff>;
        let params: [(ParamId, Parser, Getter); 3] = [
            (ParamId::Kasan, Params::parse_kasan, Params::kasan_arg),
            (ParamId::Vmalloc, Params::parse_vmalloc, Params::vmalloc_arg),
            (
                ParamId::Stacktrace,
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
                assert_eq!(p.apply(id, Some(bad)), Err(ParamError::Invalid));
            }
            assert_eq!(parse(&mut p, None), Err(ParamError::NoValue));
            assert_eq!(get(&p), Some(OnOff::Off));
            assert_eq!(p.set(id.name().as_bytes(), Some(b"on")), Some(Ok(())));
            assert_eq!(get(&p), Some(OnOff::On));
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
        assert!(Mode::Async.async_fault_possible() && Mode::Asymm.async_fault_possible());
        assert!(!Mode::Sync.async_fault_possible());
        assert!(Mode::Sync.sync_fault_possible() && Mode::Asymm.sync_fault_possible());
        assert!(!Mode::Async.sync_fault_possible());
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
        assert_eq!(FaultMode::Report.panic_message(true), None);
        assert_eq!(
            FaultMode::Panic.panic_message(false),
            Some("kasan.fault=panic set ...")
        );
        assert_eq!(FaultMode::PanicOnWrite.panic_message(false), None);
        assert_eq!(
            FaultMode::PanicOnWrite.panic_message(true),
            Some("kasan.fault=panic_on_write set ...")
        );
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
        assert_eq!(ParamError::Range.errno(), -ERANGE);
        assert_eq!(ParamError::Invalid.errno(), -EINVAL);
        assert_eq!(ParamError::NoValue.errno(), -EINVAL);
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
    fn tag_policy() {
        let mut p = Params::default();
        assert_eq!(p.tag_policy(), TagPolicy::Random);
        assert_eq!(p.set(b"kasan.tag_policy", Some(b"distinct")), Some(Ok(())));
        assert_eq!(p.tag_policy(), TagPolicy::Distinct);
        assert_eq!(p.set(b"kasan.tag-policy", Some(b"random")), Some(Ok(())));
        assert_eq!(p.tag_policy_arg(), Some(TagPolicy::Random));
        for bad in [&b"Distinct"[..], b"", b"distinct ", b"on"] {
            assert_eq!(p.parse_tag_policy(Some(bad)), Err(ParamError::Invalid));
        }
        assert_eq!(p.parse_tag_policy(None), Err(ParamError::NoValue));
        assert_eq!(p.tag_policy(), TagPolicy::Random, "unchanged on error");
        assert_eq!(TagPolicy::Distinct.as_str(), "distinct");
    }

    #[test]
    fn multi_shot() {
        for w in [
            &b"kasan_multi_shot"[..],
            b"kasan-multi-shot",
            b"kasan_multi_shot=0",
            b"kasan_multi_shotXYZ",
        ] {
            assert!(matches_multi_shot(w), "{w:?}");
        }
        for w in [&b"kasan_multi"[..], b"kasan.multi_shot", b"", b"kasan"] {
            assert!(!matches_multi_shot(w), "{w:?}");
        }
        let mut p = Params::default();
        p.set_multi_shot();
        assert!(p.multi_shot());
    }

    #[test]
    fn strings() {
        assert_eq!(OnOff::Off.as_str(), "off");
        assert_eq!(OnOff::On.as_str(), "on");
        assert_eq!(OnOff::str_of(true), "on");
        assert_eq!(OnOff::str_of(false), "off");
        assert_eq!(Mode::Sync.as_str(), "sync");
        assert_eq!(Mode::Async.as_str(), "async");
        assert_eq!(Mode::Asymm.as_str(), "asymm");
        assert_eq!(FaultMode::PanicOnWrite.as_str(), "panic_on_write");
    }

    #[test]
    fn fuzz_never_panics_and_is_consistent() {
        // Deterministic pseudo-random byte strings from a small alphabet.
        let alphabet = b"0123456789abcdefxX+-\n \0onsyc_";
        let mut state: u64 = 0x1234_5678;
        for _ in 0..50_000 {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1);
            let len = (state >> 59) as usize % 8;
            let mut buf = [0u8; 8];
            for (i, b) in buf.iter_mut().enumerate().take(len) {
                let r = (state >> (i * 5)) as usize % alphabet.len();
                *b = alphabet[r];
            }
            let s = &buf[..len];
            let r = kstrtoull(s, 0);
            // Consistency with a simple reference for plain decimal input.
            let digits_only = !s.is_empty() && s.iter().all(u8::is_ascii_digit) && s[0] != b'0';
            if digits_only {
                let reference = std::str::from_utf8(s)
                    .ok()
                    .and_then(|t| t.parse::<u64>().ok());
                assert_eq!(r.ok(), reference);
            }
            let mut p = Params::default();
            for id in ParamId::ALL {
                let _ = p.apply(id, Some(s));
            }
            assert!(p.page_alloc_sample() >= 1 && p.page_alloc_sample() <= isize::MAX as usize);
            assert!(p.page_alloc_sample_order() <= i32::MAX as u32);
        }
    }
}
