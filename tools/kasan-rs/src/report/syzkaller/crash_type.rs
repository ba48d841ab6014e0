//! syzkaller's crash type of a title (pkg/report/crash/title_to_type.go):
//! the first entry of its table with a prefix of the title. The KASAN
//! entries, and those the Linux oops titles of [`super::linux_oops`] reach
//! (KFENCE, memory-safety BUGs, lockdep, hangs, DoS, warnings, the
//! defaults). The type names are those of crash/types.go at 079d4b4d, where
//! KFENCE is one type (`KFENCE`); the NULL-dereference BUG's type
//! (`NULL-POINTER-DEREFERENCE`, which that file does not name) is testdata
//! 693's header.

/// (title prefix, crash type), in syzkaller's order.
const TABLE: &[(&str, &str)] = &[
    ("KFENCE: use-after-free write", "KFENCE"),
    ("KFENCE: use-after-free read", "KFENCE"),
    ("KFENCE: use-after-free", "KFENCE"),
    ("KFENCE: invalid write", "KFENCE"),
    ("KFENCE: out-of-bounds write", "KFENCE"),
    ("KFENCE: invalid read", "KFENCE"),
    ("KFENCE: out-of-bounds read", "KFENCE"),
    ("KFENCE: out-of-bounds", "KFENCE"),
    ("KFENCE: memory corruption", "KFENCE"),
    ("KFENCE: invalid free", "KFENCE"),
    (
        "KASAN: null-ptr-deref Write",
        "KASAN-NULL-POINTER-DEREFERENCE-WRITE",
    ),
    (
        "KASAN: null-ptr-deref Read",
        "KASAN-NULL-POINTER-DEREFERENCE-READ",
    ),
    ("KASAN: global-out-of-bounds Write", "KASAN-WRITE"),
    ("KASAN: out-of-bounds Write", "KASAN-WRITE"),
    ("KASAN: slab-out-of-bounds Write", "KASAN-WRITE"),
    ("KASAN: stack-out-of-bounds Write", "KASAN-WRITE"),
    ("KASAN: user-memory-access Write", "KASAN-WRITE"),
    ("KASAN: vmalloc-out-of-bounds Write", "KASAN-WRITE"),
    ("KASAN: wild-memory-access Write", "KASAN-WRITE"),
    ("KASAN: global-out-of-bounds Read", "KASAN-READ"),
    ("KASAN: invalid-access Read", "KASAN-READ"),
    ("KASAN: out-of-bounds Read", "KASAN-READ"),
    ("KASAN: slab-out-of-bounds Read", "KASAN-READ"),
    ("KASAN: slab-out-of-bounds", "KASAN-READ"),
    ("KASAN: stack-out-of-bounds Read", "KASAN-READ"),
    ("KASAN: stack-out-of-bounds", "KASAN-READ"),
    ("KASAN: unknown-crash Read", "KASAN-READ"),
    ("KASAN: user-memory-access Read", "KASAN-READ"),
    ("KASAN: vmalloc-out-of-bounds Read", "KASAN-READ"),
    ("KASAN: wild-memory-access Read", "KASAN-READ"),
    ("KASAN: wild-memory-access", "KASAN-READ"),
    ("KASAN: double-free or invalid-free", "KASAN-INVALID-FREE"),
    ("KASAN: invalid-free", "KASAN-INVALID-FREE"),
    (
        "KASAN: slab-use-after-free Write",
        "KASAN-USE-AFTER-FREE-WRITE",
    ),
    ("KASAN: use-after-free Write", "KASAN-USE-AFTER-FREE-WRITE"),
    (
        "KASAN: slab-use-after-free Read",
        "KASAN-USE-AFTER-FREE-READ",
    ),
    ("KASAN: use-after-free Read", "KASAN-USE-AFTER-FREE-READ"),
    ("KASAN: use-after-free", "KASAN-USE-AFTER-FREE-READ"),
    ("BUG: corrupted list", "MEMORY_SAFETY_BUG"),
    (
        "BUG: unable to handle kernel NULL pointer dereference",
        "NULL-POINTER-DEREFERENCE",
    ),
    (
        "BUG: unable to handle kernel paging request",
        "MEMORY_SAFETY_BUG",
    ),
    ("UBSAN: array-index-out-of-bounds", "MEMORY_SAFETY_UBSAN"),
    ("BUG: bad unlock balance in", "LOCKDEP"),
    ("BUG: held lock freed in", "LOCKDEP"),
    ("BUG: rwlock", "LOCKDEP"),
    ("BUG: spinlock", "LOCKDEP"),
    ("BUG: still has locks held in", "LOCKDEP"),
    ("BUG: using", "LOCKDEP"),
    ("WARNING: bad unlock balance in", "LOCKDEP"),
    ("WARNING: held lock freed in", "LOCKDEP"),
    ("WARNING: lock held", "LOCKDEP"),
    ("WARNING: locking bug in", "LOCKDEP"),
    ("WARNING: nested lock was not taken in", "LOCKDEP"),
    ("WARNING: still has locks held in", "LOCKDEP"),
    ("WARNING: suspicious RCU usage in", "LOCKDEP"),
    ("inconsistent lock state in", "LOCKDEP"),
    ("possible deadlock in", "LOCKDEP"),
    ("BUG: scheduling while atomic in", "ATOMIC_SLEEP"),
    (
        "BUG: sleeping function called from invalid context in",
        "ATOMIC_SLEEP",
    ),
    ("memory leak in", "LEAK"),
    ("BUG: bad usercopy in", "BUG"),
    ("kernel BUG", "BUG"),
    ("WARNING in", "WARNING"),
    ("BUG: stack guard page was hit in", "UNKNOWN"),
    ("WARNING: corrupted", "UNKNOWN"),
    (
        "WARNING: kernel stack frame pointer has bad value",
        "UNKNOWN",
    ),
    ("WARNING: kernel stack regs has bad", "UNKNOWN"),
    ("BUG: soft lockup in", "HANG"),
    ("INFO: rcu detected stall in", "HANG"),
    ("INFO: task can't die in", "HANG"),
    ("INFO: task hung in", "HANG"),
    ("Alignment trap in", "DoS"),
    ("BUG: Object already free", "DoS"),
    ("Internal error in", "DoS"),
    ("PANIC: double fault", "DoS"),
    ("Unhandled fault in", "DoS"),
    // Newer title_to_type.go (testdata 683's TYPE).
    ("VFS: Busy inodes after unmount (use-after-free)", "DoS"),
    ("VFS: Close: file count is zero (use-after-free)", "DoS"),
    (
        "unregister_netdevice: waiting for DEV to become free",
        "DoS",
    ),
    ("divide error in", "DoS"),
    ("general protection fault in", "DoS"),
    ("invalid opcode in", "DoS"),
    ("kernel panic:", "DoS"),
    ("kernel stack overflow", "DoS"),
    ("panic:", "DoS"),
    ("rust_kernel panicked", "DoS"),
    ("stack segment fault in", "DoS"),
    ("unexpected kernel reboot", "REBOOT"),
    // Not in title_to_type.go: syzkaller gives a lost VM this type itself.
    ("lost connection to test machine", "LOST_CONNECTION"),
    ("WARNING:", "WARNING"),
    ("BUG:", "UNKNOWN"),
    ("INFO:", "UNKNOWN"),
    ("KASAN:", "KASAN-UNKNOWN"),
    ("KFENCE:", "KFENCE"),
    ("UBSAN:", "UBSAN"),
];

/// The crash type of `title` (`UNKNOWN` when no entry applies).
pub fn crash_type(title: &str) -> &'static str {
    TABLE
        .iter()
        .find(|(prefix, _)| title.starts_with(prefix))
        .map_or("UNKNOWN", |(_, kind)| kind)
}

#[cfg(test)]
mod tests {
    use super::crash_type;

    #[test]
    fn types() {
        assert_eq!(
            crash_type("KASAN: slab-out-of-bounds Write in f"),
            "KASAN-WRITE"
        );
        assert_eq!(
            crash_type("KASAN: invalid-access Write in f"),
            "KASAN-UNKNOWN"
        );
        assert_eq!(crash_type("KASAN: invalid-access Read in f"), "KASAN-READ");
        assert_eq!(crash_type("KASAN: invalid-free in f"), "KASAN-INVALID-FREE");
        assert_eq!(
            crash_type("KASAN: use-after-free Write in f"),
            "KASAN-USE-AFTER-FREE-WRITE"
        );
        assert_eq!(crash_type("WARNING in foo"), "WARNING");
        assert_eq!(crash_type("possible deadlock in foo"), "LOCKDEP");
        assert_eq!(crash_type("INFO: task hung in foo"), "HANG");
        assert_eq!(crash_type("kernel panic: x"), "DoS");
        assert_eq!(crash_type("KFENCE: use-after-free read in f"), "KFENCE");
        assert_eq!(crash_type("BUG: Bad page map"), "UNKNOWN");
    }
}
