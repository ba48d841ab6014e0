//! Prints each report's line, own title and syzkaller title (a debugging aid).
fn main() {
    let path = std::env::args().nth(1).expect("LOG");
    let text = String::from_utf8_lossy(&std::fs::read(path).expect("read")).into_owned();
    for r in kasan_rs_tools::report::parse_reports(&text) {
        let s = &r.syzkaller;
        println!(
            "{:>6} {} | {} | {} | {:?} | {:?}",
            r.line, s.title, s.crash_type, s.corrupted, s.corrupted_reason, s.alt_titles
        );
    }
}
