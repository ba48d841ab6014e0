//! syzkaller's crash type of a title (pkg/report/crash/title_to_type.go):
//! the first entry of its table with a prefix of the title. Only the
//! KASAN entries and the defaults a `KASAN:` title can reach are kept.

/// (title prefix, crash type), in syzkaller's order.
const TABLE: &[(&str, &str)] = &[
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
    ("KASAN:", "KASAN-UNKNOWN"),
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
    }
}
