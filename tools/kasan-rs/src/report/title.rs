//! The tool's own report titles: syzbot's convention, with rules of ours
//! that keep the function the bug is in. The title a dashboard would show,
//! quirks included, is [`super::syzkaller`]'s; this one is for people
//! reading our KUnit and sample consoles, for `--dedup` and `diff`.
//!
//! Rules (learned from syzbot's reports and syzkaller's pkg/report; the
//! code here is our own):
//! * access reports: `KASAN: <bug-type> <Read|Write> in <func>`;
//! * `double-free`, `invalid-free` and the older `double-free or
//!   invalid-free` are all titled `KASAN: invalid-free in <func>` (syzbot
//!   titled `BUG: KASAN: double-free in __kmem_cache_free` as `KASAN:
//!   invalid-free in io_clean_op`, and `BUG: KASAN: double-free in dev_free`
//!   as `KASAN: invalid-free in dev_free`); the report's own type stays in
//!   `bug_type`;
//! * `<func>` is the header's function, or when that is plumbing the first
//!   call-trace frame that is not: stack dumping, the KASAN runtime, the
//!   arm64 fault and exception entry (`__do_kernel_fault`, `do_tag_check_fault`,
//!   `do_mem_abort`, `el1_*`, `el1h_*`), the mem*/str* helpers (also as
//!   arm64's `__pi_` aliases), and for frees the slab/vmalloc free path
//!   (`kfree`, `slab_*`, `vfree`, ...); the name loses compiler suffixes
//!   (`.constprop.0`, `.isra.0`, `.part.0`, `.cold`);
//! * Rust symbols are demangled, without hashes (`<kasan_rs_sample::KasanRsSample
//!   as kernel::Module>::init`), and matched against the rules by their last
//!   path segment.
//!
//! Two choices of ours:
//! * syzkaller skips every frame containing `kasan`; the upstream KUnit suite
//!   names its cases `kasan_*` (`kasan_atomics_helper`, `kasan_strings`, ...),
//!   which would all be titled `in kunit_try_run_case`. Only the runtime's
//!   entry points (`kasan_report*`, `__kasan_*`, `kasan_save_*`, ...) are
//!   skipped here.
//! * An asynchronous tag fault (`Asynchronous fault: no details available`)
//!   is a normal report titled `KASAN: invalid-access Async in <func>`: the
//!   access kind is unknown, and `<func>` is where the fault was noticed (the
//!   next kernel entry/exit or context switch), not where it happened, so it
//!   must not merge with the synchronous titles. syzkaller has no rule for
//!   it (it falls back to `KASAN: invalid-access`, marked corrupted).

use kasan_core::report::BugType;

use super::{Frame, Report};

/// Demangles Rust symbols (`_R...` v0, `_ZN...` legacy), without hashes.
pub fn demangle(symbol: &str) -> String {
    if is_mangled(symbol) {
        if let Ok(d) = rustc_demangle::try_demangle(symbol) {
            return format!("{d:#}");
        }
    }
    symbol.to_string()
}

/// The name used in a title: demangled, without compiler suffixes.
pub fn title_name(symbol: &str) -> String {
    let name = demangle(symbol);
    if name == symbol {
        // C: `foo.constprop.0` -> `foo`.
        match name.split_once('.') {
            Some((base, _)) if !base.is_empty() => base.to_string(),
            _ => name,
        }
    } else {
        name
    }
}

/// The name the skip rules look at: the last path segment of a Rust
/// symbol, the C name without suffixes and without leading `__pi_`/underscores.
fn rule_name(symbol: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    let strip = |last: &str| -> usize {
        let trimmed = last.trim_start_matches('_');
        let trimmed = trimmed.strip_prefix("pi_").unwrap_or(trimmed);
        last.len() - trimmed.len()
    };
    if !is_mangled(symbol) {
        // C: no allocation; `foo.constprop.0` -> `foo`.
        let base = match symbol.split_once('.') {
            Some((base, _)) if !base.is_empty() => base,
            _ => symbol,
        };
        return Cow::Borrowed(&base[strip(base)..]);
    }
    let name = title_name(symbol);
    let last = match name.rfind("::") {
        Some(at) => &name[at + 2..],
        None => name.as_str(),
    };
    Cow::Owned(last[strip(last)..].to_string())
}

fn is_mangled(symbol: &str) -> bool {
    symbol.starts_with("_R") || symbol.starts_with("_ZN") || symbol.starts_with("__R")
}

const STACK_DUMP: &[&str] = &[
    "dump_backtrace",
    "show_stack",
    "dump_stack",
    "print_report",
    "print_address_description",
    "print_error_description",
];

/// KASAN runtime entry points (matched on the name without leading `_`).
const KASAN_RUNTIME: &[&str] = &[
    "kasan_report",
    "kasan_save",
    "kasan_set_track",
    "kasan_check",
    "kasan_force_async_fault",
    "kasan_byte_accessible",
    "kasan_poison",
    "kasan_unpoison",
    "kasan_slab_",
    "kasan_kmalloc",
    "kasan_kfree",
    "kasan_krealloc",
    "kasan_mempool_",
    "kasan_record_aux_stack",
    "kasan_complete",
    "kasan_populate",
    "kasan_rs_", // the rust variant's runtime (kasan_rs_check_tfsr_exit, ...)
    "save_stack_info",
    "check_page_allocation",
    "check_slab_allocation",
    "poison_slab_object",
    "poison_kmalloc_redzone",
    "poison_kmalloc_large_redzone",
    "asan_",
    "hwasan_",
    "check_memory_region",
];

/// arm64 fault and exception entry, and the MTE fault plumbing.
const FAULT_PATH: &[&str] = &[
    "do_kernel_fault",
    "do_bad_area",
    "do_tag_check_fault",
    "do_tag_recovery",
    "report_tag_fault",
    "do_mem_abort",
    "do_sea",
    "el1_",
    "el1h_",
    "el1_sync",
    "check_tfsr",
];

/// String/memory helpers: an access inside them is the caller's bug.
const MEM_STR: &[&str] = &[
    "memcpy",
    "memset",
    "memmove",
    "memcmp",
    "memchr",
    "memscan",
    "bcmp",
    "strlen",
    "strnlen",
    "strcpy",
    "strncpy",
    "strscpy",
    "strlcpy",
    "strcat",
    "strncat",
    "strlcat",
    "strcmp",
    "strncmp",
    "strcasecmp",
    "strchr",
    "strrchr",
    "strnchr",
    "strchrnul",
    "strstr",
    "strnstr",
    "strsep",
    "strpbrk",
    "strspn",
    "strcspn",
];

/// The free path (for `invalid-free`/`double-free` titles only).
const FREE_PATH: &[&str] = &[
    "kfree",
    "kvfree",
    "vfree",
    "vunmap",
    "slab_",
    "kmem_cache_free",
    "free_large_kmalloc",
    "mempool_free",
    "free_pages",
    "free_unref_page",
];

/// True for frames a title skips. `free`: the report is about a free.
pub fn is_plumbing(symbol: &str, free: bool) -> bool {
    // Frame names repeat across reports: remember each verdict.
    thread_local! {
        // Per name: the verdict for accesses and for frees.
        static KNOWN: std::cell::RefCell<super::syzkaller::fxhash::FxHashMap<Box<str>, [Option<bool>; 2]>> =
            std::cell::RefCell::new(Default::default());
    }
    KNOWN.with(|known| {
        let mut known = known.borrow_mut();
        let slot = usize::from(free);
        if let Some(Some(verdict)) = known.get(symbol).map(|v| v[slot]) {
            return verdict;
        }
        let verdict = is_plumbing_uncached(symbol, free);
        if known.len() > 100_000 {
            known.clear();
        }
        known.entry(symbol.into()).or_default()[slot] = Some(verdict);
        verdict
    })
}

fn is_plumbing_uncached(symbol: &str, free: bool) -> bool {
    let name = rule_name(symbol);
    let n: &str = &name;
    if STACK_DUMP.iter().any(|p| n.starts_with(p)) {
        return true;
    }
    if KASAN_RUNTIME.iter().any(|p| n.starts_with(p)) {
        return true;
    }
    if FAULT_PATH.iter().any(|p| n.starts_with(p) || n.contains(p)) {
        return true;
    }
    if MEM_STR.contains(&n)
        || n.starts_with("copy_to_user")
        || n.starts_with("copy_from_user")
        || n.starts_with("arch_copy_")
    {
        return true;
    }
    free && FREE_PATH.iter().any(|p| n.contains(p))
}

/// True for `double-free`, `invalid-free` and generic KASAN's `double-free
/// or invalid-free`.
pub fn is_free_bug(bug_type: &str) -> bool {
    [BugType::InvalidFree, BugType::DoubleFree]
        .iter()
        .any(|t| bug_type.contains(t.as_str()))
}

/// The frame a title names: the header's unless it is plumbing, else the
/// first call-trace frame that is not; `None` when there is none at all.
pub fn guilty_frame(report: &Report) -> Option<&Frame> {
    let free = is_free_bug(&report.bug_type);
    let candidates = report.header_frame.iter().chain(&report.call_trace);
    let mut first = None;
    for frame in candidates {
        first.get_or_insert(frame);
        if !is_plumbing(&frame.function, free) {
            return Some(frame);
        }
    }
    // Everything was plumbing: name the header's function rather than nothing.
    first
}

/// The report's title.
pub fn title(report: &Report) -> String {
    let func = guilty_frame(report).map(|f| title_name(&f.function));
    let bug = if report.bug_type.is_empty() {
        "unknown"
    } else {
        report.bug_type.as_str()
    };
    let head = if is_free_bug(bug) {
        "KASAN: invalid-free".to_string()
    } else {
        match report.access_kind() {
            Some(kind) if kind != "Free" => format!("KASAN: {bug} {kind}"),
            _ => format!("KASAN: {bug}"),
        }
    };
    match func {
        Some(func) => format!("{head} in {func}"),
        None => head,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demangles_rust_v0() {
        assert_eq!(
            title_name("_RNvXCs77hkMc0rEmy_15kasan_rs_sampleNtB2_13KasanRsSampleNtCsl7L7n58I0Vr_6kernel6Module4init"),
            "<kasan_rs_sample::KasanRsSample as kernel::Module>::init"
        );
        assert_eq!(title_name("el0_svc_common.constprop.0"), "el0_svc_common");
        assert_eq!(title_name("kmalloc_oob_right"), "kmalloc_oob_right");
    }

    #[test]
    fn skip_rules() {
        for plumbing in [
            "dump_backtrace",
            "kasan_report",
            "__kasan_slab_free",
            "kasan_report_invalid_free",
            "__do_kernel_fault",
            "do_tag_check_fault",
            "el1h_64_sync_handler",
            "el1_abort",
            "__memset",
            "__pi_strlen",
            "__memcpy",
            "mte_check_tfsr_el1",
            "kasan_rs_check_tfsr_exit",
            "kasan_force_async_fault",
        ] {
            assert!(is_plumbing(plumbing, false), "{plumbing}");
        }
        for guilty in [
            "kmalloc_oob_right",
            "kasan_atomics_helper",
            "kasan_strings",
            "kasan_memchr",
            "kunit_try_run_case",
            "kfree_sensitive",
            "_RNvXCs77hkMc0rEmy_15kasan_rs_sampleNtB2_13KasanRsSampleNtCsl7L7n58I0Vr_6kernel6Module4init",
        ] {
            assert!(!is_plumbing(guilty, false), "{guilty}");
        }
        for free_path in [
            "kfree",
            "kfree_sensitive",
            "kmem_cache_free",
            "check_slab_allocation",
            "free_large_kmalloc",
            "vfree",
        ] {
            assert!(is_plumbing(free_path, true), "{free_path}");
        }
    }
}
