//! `symbolize` against a small ELF with DWARF built here with the host C
//! compiler (skipped, with a message, when there is none).

use std::path::PathBuf;
use std::process::Command;

use kasan_rs_tools::report::symbolize::Symbolizer;

const SOURCE: &str = r#"
static inline __attribute__((always_inline)) int helper(volatile int *p)
{
	return p[1] * 3;
}

__attribute__((noinline)) int target(volatile int *p)
{
	int x = helper(p);
	return x + p[2];
}

int main(void)
{
	volatile int a[4] = {1, 2, 3, 4};
	return target(a);
}
"#;

fn build() -> Option<PathBuf> {
    let dir = std::env::temp_dir().join(format!("kasan-rs-symbolize-{}", std::process::id()));
    std::fs::create_dir_all(&dir).ok()?;
    let src = dir.join("t.c");
    std::fs::write(&src, SOURCE).ok()?;
    let out = dir.join("t");
    let cc = std::env::var("CC").unwrap_or_else(|_| "cc".into());
    let status = Command::new(&cc)
        .args(["-g", "-O2", "-gdwarf-4", "-o"])
        .arg(&out)
        .arg(&src)
        .status()
        .ok()?;
    status.success().then_some(out)
}

#[test]
fn frames_get_file_line_and_inlined_frames() {
    let Some(elf) = build() else {
        eprintln!("no C compiler: symbolize test skipped");
        return;
    };
    let data = std::fs::read(&elf).unwrap();
    let sym = Symbolizer::new(&data).unwrap();
    assert!(sym.address("target", 0, 0).is_some());
    // The size printed is used only to choose among symbols of one name.
    let size = 0x40;
    let mut saw_inline = false;
    let mut saw_outer = false;
    for off in 0..0x40u64 {
        let line = format!("[    1.0] BUG: KASAN: slab-out-of-bounds in target+{off:#x}/{size:#x}");
        let out = sym.line(&line);
        if out.contains("helper ") && out.contains("t.c:4 [inline]") {
            saw_inline = true;
            // The inlined frame comes first, then the original line with its place.
            let lines: Vec<&str> = out.lines().collect();
            assert!(lines[0].starts_with("[    1.0] BUG: KASAN: slab-out-of-bounds in helper "));
            assert!(lines[1].starts_with(&line) && lines[1].contains("t.c:"));
        }
        if out.starts_with(&line) && out.contains("t.c:10") {
            saw_outer = true;
        }
    }
    assert!(
        saw_inline,
        "no offset of target symbolized into the inlined helper"
    );
    assert!(saw_outer, "no offset of target symbolized to t.c:10");
    // A call-trace frame (a return address: looked up one byte back).
    let out = sym.line(" main+0x10/0x40");
    assert!(out.contains("t.c:"), "{out}");
    // Lines without frames, module frames and unknown symbols stay as they are.
    for same in [
        "Call trace:",
        " init_module+0x64/0x400 [kasan_rs_sample]",
        " no_such_function+0x1/0x2",
    ] {
        assert_eq!(sym.line(same), same);
    }
    let _ = std::fs::remove_dir_all(elf.parent().unwrap());
}

#[test]
fn rejects_files_without_dwarf() {
    assert!(Symbolizer::new(b"not an elf").is_err());
}
