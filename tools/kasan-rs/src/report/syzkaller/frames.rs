//! Stack frames as syzkaller picks them: which lines are frames, which
//! frames are skipped, and how a frame's name is shortened.
//!
//! Facts from syzkaller's pkg/report (report.go `compile`, `appendStackFrame`,
//! `stackParams.stripFrames`; linux.go `linuxStackParams`): a frame name is a
//! run of `[A-Za-z0-9_]` followed by `.` or `+` (so `foo.constprop.0+0x1/0x2`
//! is `foo`, and a symbolized `foo file.c:12 [inline]` line is no frame); a
//! frame line is optional spaces, up to two `[<pc>] ` addresses, then a name
//! (or arm's `[<pc>] (a) from [<pc>] (b+...`); names are demangled (Rust v0)
//! before the skip patterns are matched anywhere in them; the title uses the
//! name without the shortest of a list of syscall-wrapper prefixes.

use regex::Regex;
use std::borrow::Cow;
use std::cell::RefCell;

use super::fxhash::FxHashMap;

/// Skip patterns for every Linux stack (syzkaller's `skipPatterns`), as
/// regular expressions matched anywhere in the demangled name.
const SKIP: &[&str] = &[
    "__sanitizer",
    "__asan",
    "kasan",
    "hwasan",
    "__msan",
    "kmsan",
    "kcsan_setup_watchpoint",
    "check_memory_region",
    "check_heap_object",
    "check_object",
    "read_word_at_a_time",
    "(read|write)_once_.*nocheck",
    "print_address_description",
    "panic",
    "invalid_op",
    "report_bug",
    "fixup_bug",
    "print_report",
    "print_usage_bug",
    "do_error",
    "_trap$|do_trap",
    "show_stack",
    "dump_stack",
    "walk_stack",
    "dump_backtrace",
    "warn_slowpath",
    "warn_alloc",
    "warn_bogus",
    "__warn",
    "alloc_page",
    "k?v?(?:m|z|c)alloc",
    "krealloc",
    "kmem_cache",
    "allocate_slab",
    "__alloc_frozen_pages_noprof",
    "folio_(?:alloc|unlock)",
    "filemap_alloc_folio",
    "__filemap_get_folio",
    "find_or_create_page",
    "do_read_cache_folio",
    "read_cache_page",
    "pagecache_get_page",
    "grab_cache_page_write_begin",
    "slab_",
    "debug_object",
    "timer_is_static_object",
    "work_is_static_object",
    "__might_fault",
    "print_unlock",
    "imbalance_bug",
    "lockdep",
    "bh_enable",
    "bh_disable",
    "perf_trace",
    "lock_acquire",
    "lock_release",
    "lock_class",
    "mark_lock",
    "(reacquire|mark)_held_locks",
    "raw_spin_rq",
    "spin_lock",
    "spin_trylock",
    "spin_unlock",
    "read_lock",
    "read_trylock",
    "write_lock",
    "write_trylock",
    "read_unlock",
    "write_unlock",
    "^down$",
    "down_read",
    "down_write",
    "down_read_trylock",
    "down_write_trylock",
    "down_trylock",
    "up_read",
    "up_write",
    "^mutex_",
    "^__mutex_",
    "^rt_mutex_",
    "owner_on_cpu",
    "osq_lock",
    "osq_unlock",
    "atomic(64)?_(dec|inc|read|set|or|xor|and|add|sub|fetch|xchg|cmpxchg|try)",
    "(set|clear|change|test)_bit",
    "__wake_up",
    "^refcount_",
    "^kref_",
    "ref_tracker",
    "seqprop_assert",
    "memcpy",
    "memcmp",
    "memset",
    "memchr",
    "memmove",
    "memdup",
    "strcmp",
    "strncmp",
    "strcpy",
    "strlcpy",
    "strncpy",
    "strscpy",
    "strlen",
    "strstr",
    "strnstr",
    "strnlen",
    "strchr",
    "strdup",
    "strndup",
    "copy_to_user",
    "copy_from_user",
    "copy_to_iter",
    "copy_from_iter",
    "copy_page_to_iter",
    "copy_page_from_iter",
    "copy_folio_to_iter",
    "^copyin$",
    "^copyout$",
    "put_user",
    "get_user",
    "might_fault",
    "might_sleep",
    "list_add",
    "list_del",
    "list_replace",
    "list_move",
    "list_splice",
    "^rb_",
    "^__rb_",
    "_indirect_thunk_",
    "string",
    "pointer",
    "snprintf",
    "scnprintf",
    "kasprintf",
    "kvasprintf",
    "printk",
    "va_format",
    "dev_info",
    "dev_notice",
    "dev_warn",
    "dev_err",
    "dev_alert",
    "dev_crit",
    "dev_emerg",
    "program_check_exception",
    "program_check_common",
    "del_timer",
    "flush_work",
    "__cancel_work_timer",
    "cancel_work_sync",
    "try_to_grab_pending",
    "flush_workqueue",
    "drain_workqueue",
    "destroy_workqueue",
    "queue_work",
    "finish_wait",
    "kthread_stop",
    "kobject_",
    "add_uevent_var",
    "get_device_parent",
    "device_add",
    "device_del",
    "device_unregister",
    "device_destroy",
    "device_release",
    "devres_release_all",
    "hwrng_unregister",
    "i2c_del_adapter",
    "__unregister_client",
    "device_for_each_child",
    "rollback_registered",
    "unregister_netdev",
    "sysfs_remove",
    "device_remove_file",
    "tty_unregister_device",
    "dummy_urb_enqueue",
    "usb_kill_urb",
    "usb_kill_anchored_urbs",
    "usb_control_msg",
    "usb_hcd_submit_urb",
    "usb_submit_urb",
    "^complete$",
    "wait_for_completion",
    "^kv?free$",
    "kfree_skb",
    "readb$",
    "readw$",
    "readl$",
    "readq$",
    "writeb$",
    "writew$",
    "writel$",
    "writeq$",
    "logic_in",
    "logic_out",
    "^crc[0-9]+",
    "crc_itu_t",
    "__might_resched",
    "assertfail",
    "^iput$",
    "^iput_final$",
    "^ihold$",
    "hex_dump_to_buffer",
    "print_hex_dump",
    "^klist_",
    "(trace|lockdep)_(hard|soft)irq",
    "^(un)?lock_page",
    "stack_trace_consume_entry",
    "arch_stack_walk",
    "stack_trace_save",
    "insert_work",
    "__queue_delayed_work",
    "queue_delayed_work_on",
    "ida_free",
    // arm64's translation fault path.
    "do_(kernel|translation)_fault",
    "do_mem_abort",
    "el1_abort",
    "el1h_64_sync(?:_handler)?",
    "print_tainted",
    "xas_(?:start|load|find)",
    "find_lock_entries",
    "truncate_inode_pages_range",
    "__phys_addr",
    "__fortify_report",
    "cleanup_srcu_struct",
    "rhashtable_lookup",
    "extract_(user|iter)_to_sg",
    "drop_nlink",
    "^get_taint$",
    "^put_device$",
    "lock_timer_base",
    "__timer_delete_sync",
    "sk_stop_timer_sync",
    "__mod_timer",
    "fast_dput",
    "dput",
    // Not in the linux.go read (c4605131); testdata 1012 and 1013 (iomap's
    // folio-state WARNINGs) are titled past them.
    "ifs_free",
    "truncate_cleanup_folio",
];

/// Extra skips of the access-report format: the KASAN_HW_TAGS fault path.
pub const ACCESS_SKIP: &[&str] = &["kernel_fault", "tag_check", "mem_abort", "^el1_", "^el1h_"];
/// Extra skips of the invalid-free format: the free path.
pub const FREE_SKIP: &[&str] = &["slab_", "kfree", "vunmap", "vfree"];

/// Syscall-wrapper prefixes; the title uses the shortest stripped name.
const STRIP_PREFIXES: &[&str] = &[
    "SYSC_",
    "SyS_",
    "sys_",
    "__x64_",
    "__ia32_",
    "__arm64_",
    "____sys_",
    "___sys_",
    "__sys_",
    "__se_",
    "__se_sys_",
    "__do_sys_",
    "compat_SYSC_",
    "compat_SyS_",
    "ksys_",
];

/// The prefixes in syzkaller's order (alternative titles are made per prefix).
pub fn strip_prefixes() -> &'static [&'static str] {
    STRIP_PREFIXES
}

/// Which format's extra skips apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SkipSet {
    /// `KASAN: <type> <Read|Write> in`.
    Access,
    /// `KASAN: invalid-free in`.
    Free,
}

/// The Linux skip patterns plus a format's own `extra` ones, as one regex
/// (what syzkaller's `extractStackFrame` joins with `|`).
pub fn skip_regex(extra: &[&str]) -> Regex {
    build(extra)
}

fn build(extra: &[&str]) -> Regex {
    let all: Vec<&str> = SKIP.iter().chain(extra).copied().collect();
    Regex::new(&all.join("|")).expect("skip patterns are valid")
}

/// A skip pattern set and the verdicts already reached with it (frames
/// repeat across reports, and a hash lookup is cheaper than the regex).
struct Skipper {
    re: Regex,
    known: FxHashMap<String, bool>,
}

impl Skipper {
    fn new(extra: &[&str]) -> RefCell<Self> {
        RefCell::new(Skipper {
            re: build(extra),
            known: FxHashMap::default(),
        })
    }

    fn is_skipped(&mut self, name: &str) -> bool {
        if let Some(&known) = self.known.get(name) {
            return known;
        }
        let skipped = self.re.is_match(name);
        if self.known.len() > 100_000 {
            self.known.clear();
        }
        self.known.insert(name.to_string(), skipped);
        skipped
    }
}

thread_local! {
    static ACCESS: RefCell<Skipper> = Skipper::new(ACCESS_SKIP);
    static FREE: RefCell<Skipper> = Skipper::new(FREE_SKIP);
}

/// True when syzkaller skips the (demangled) frame `name`.
pub fn is_skipped(set: SkipSet, name: &str) -> bool {
    let key = match set {
        SkipSet::Access => &ACCESS,
        SkipSet::Free => &FREE,
    };
    key.with(|s| s.borrow_mut().is_skipped(name))
}

/// The name without the syscall-wrapper prefix that leaves it shortest.
pub fn canonical(raw: &str) -> &str {
    STRIP_PREFIXES
        .iter()
        .map(|p| raw.strip_prefix(p).unwrap_or(raw))
        .min_by_key(|s| s.len())
        .unwrap_or(raw)
}

/// Rust v0 symbols demangled (without hashes), other names as they are.
pub fn demangle(name: &str) -> Cow<'_, str> {
    if name.starts_with("_R") {
        if let Ok(d) = rustc_demangle::try_demangle(name) {
            return Cow::Owned(format!("{d:#}"));
        }
    }
    Cow::Borrowed(name)
}

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// A name run at the start of `s` followed by `.` or `+` (syzkaller's
/// `{{FUNC}}`): the name and the rest after it.
pub fn func_at(s: &str) -> Option<&str> {
    let len = s.bytes().take_while(|&b| is_name_byte(b)).count();
    (len > 0 && matches!(s.as_bytes().get(len), Some(b'.' | b'+'))).then(|| &s[..len])
}

/// `[<ffffffff81234567>]` or `[ffff...]` at the start of `s` (`{{PC}}`):
/// the rest after it.
pub fn pc_at(s: &str) -> Option<&str> {
    let rest = s.strip_prefix('[')?;
    let rest = rest.strip_prefix('<').unwrap_or(rest);
    let rest = rest.strip_prefix("0x").unwrap_or(rest);
    let hex = rest
        .bytes()
        .take_while(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(b))
        .count();
    if hex == 0 {
        return None;
    }
    let rest = &rest[hex..];
    let rest = rest.strip_prefix('>').unwrap_or(rest);
    rest.strip_prefix(']')
}

/// The frame names a line carries (syzkaller's `frameRes`): none, one, or
/// two for arm's `(a) from (b)` form.
pub fn frame_names(line: &str) -> (Option<&str>, Option<&str>) {
    let trimmed = line.trim_start_matches(' ');
    // `[<pc>] (caller) from [<pc>] (callee+0x...`
    if let Some(rest) = pc_at(trimmed).and_then(|r| r.strip_prefix(" (")) {
        let len = rest
            .bytes()
            .take_while(|&b| is_name_byte(b) || b == b'.')
            .count();
        if len > 0 {
            let after = rest[len..]
                .strip_prefix(") from ")
                .and_then(pc_at)
                .and_then(|r| r.strip_prefix(" ("))
                .and_then(func_at);
            if let Some(next) = after {
                return (Some(&rest[..len]), Some(next));
            }
        }
    }
    let mut s = trimmed;
    for _ in 0..2 {
        match pc_at(s).and_then(|r| r.strip_prefix(' ')) {
            Some(rest) => s = rest,
            None => break,
        }
    }
    (func_at(s), None)
}

/// True for a frame line (either form).
pub fn is_frame_line(line: &str) -> bool {
    frame_names(line).0.is_some()
}

/// Fault-injection frames interleaved with the report (syzkaller's
/// `corruptedLines`): ` [<pc>] should_fail[slab][.suffix]+0x`.
pub fn is_fault_injection(line: &str) -> bool {
    let mut s = line;
    if let Some(rest) = s.strip_prefix(' ').and_then(pc_at) {
        s = rest;
    }
    let Some(rest) = s.strip_prefix(" should_fail") else {
        return false;
    };
    let rest = rest.strip_prefix("slab").unwrap_or(rest);
    let rest = match rest.strip_prefix('.') {
        Some(r) => {
            let n = r
                .bytes()
                .take_while(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'.')
                .count();
            if n == 0 {
                rest
            } else {
                &r[n..]
            }
        }
        None => rest,
    };
    rest.starts_with("+0x")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frame_lines() {
        assert_eq!(frame_names(" foo.constprop.0+0x1/0x2").0, Some("foo"));
        assert_eq!(
            frame_names(" [<ffffffff81000000>] bar+0x1/0x2").0,
            Some("bar")
        );
        assert_eq!(
            frame_names(" hlist_add_head include/linux/list.h:883 [inline]").0,
            None
        );
        assert_eq!(frame_names(" ? baz+0x1/0x2").0, None);
        assert_eq!(
            frame_names("[<c0100000>] (a.b) from [<c0200000>] (c+0x1/0x2)"),
            (Some("a.b"), Some("c"))
        );
        assert!(is_fault_injection(" should_failslab.isra.3+0x1/0x2"));
        assert!(is_fault_injection(
            " [<ffffffff81000000>] should_fail+0x1/0x2"
        ));
        assert!(!is_fault_injection(" should_fail_foo+0x1"));
    }

    #[test]
    fn skips() {
        for name in [
            "kasan_report",
            "kmalloc_oob_right",
            "__memcpy",
            "el1h_64_sync",
            "do_mem_abort",
        ] {
            assert!(is_skipped(SkipSet::Access, name), "{name}");
        }
        for name in ["do_bad_area", "kunit_try_run_case", "enqueue_timer"] {
            assert!(!is_skipped(SkipSet::Access, name), "{name}");
        }
        assert!(is_skipped(SkipSet::Free, "kfree_sensitive"));
        assert!(!is_skipped(SkipSet::Access, "kfree_sensitive"));
        assert_eq!(canonical("__se_sys_foo"), "foo");
        assert_eq!(canonical("__x64_sys_bar"), "sys_bar");
    }
}
