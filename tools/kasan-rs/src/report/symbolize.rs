//! `kasan-rs symbolize --vmlinux PATH LOG`: `func+0xoff/0xsize` frames to
//! `file:line`, with inlined frames, from the vmlinux's DWARF.
//!
//! The symbol's address comes from the ELF symbol table (when a name has
//! several symbols, the one whose size matches `0xsize`); the address looked
//! up is symbol + offset, minus one for call-trace frames (return addresses:
//! the call is the instruction before). A frame line becomes, like syzbot's
//! symbolized reports:
//!
//! ```text
//!  hlist_add_head include/linux/list.h:883 [inline]
//!  enqueue_timer+0x18/0xc0 kernel/time/timer.c:581
//! ```
//!
//! Frames in modules (`[module]`) and symbols absent from the vmlinux are
//! left as they are. Compressed DWARF sections
//! (`CONFIG_DEBUG_INFO_COMPRESSED_*`) are refused with a message; build the
//! debug variant with `CONFIG_DEBUG_INFO_DWARF5=y` (or `_DWARF4`) and
//! `CONFIG_DEBUG_INFO_COMPRESSED_NONE=y`.

use std::borrow::Cow;
use std::collections::HashMap;

use addr2line::gimli::{self, EndianSlice, RunTimeEndian};
use object::{Object, ObjectSection, ObjectSymbol, SymbolKind};

use super::parse::{parse_frame, split_prefix};
use super::title::demangle;

type Slice<'a> = EndianSlice<'a, RunTimeEndian>;

/// A loaded vmlinux (or any ELF with DWARF line info).
pub struct Symbolizer<'a> {
    ctx: addr2line::Context<Slice<'a>>,
    symbols: HashMap<&'a str, Vec<(u64, u64)>>,
    strip: Option<String>,
}

/// One source location of an address: innermost (inlined) first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    /// Function (demangled) at this level, if known.
    pub function: Option<String>,
    /// Source file.
    pub file: Option<String>,
    /// Line.
    pub line: Option<u32>,
}

impl<'a> Symbolizer<'a> {
    /// Reads the symbol table and DWARF of an ELF image held in memory.
    pub fn new(data: &'a [u8]) -> Result<Self, String> {
        let file = object::File::parse(data).map_err(|e| format!("not an ELF file: {e}"))?;
        let endian = if file.is_little_endian() {
            RunTimeEndian::Little
        } else {
            RunTimeEndian::Big
        };
        let mut compressed = None;
        let dwarf = gimli::Dwarf::load(|id| -> Result<Slice<'a>, gimli::Error> {
            let bytes = match file.section_by_name(id.name()) {
                Some(section) => {
                    let is_compressed = section
                        .compressed_data()
                        .map(|c| c.format != object::CompressionFormat::None)
                        .unwrap_or(false)
                        || section.name().is_ok_and(|n| n.starts_with(".zdebug"));
                    if is_compressed {
                        compressed = Some(id.name());
                    }
                    section.data().unwrap_or(&[])
                }
                None => &[],
            };
            Ok(EndianSlice::new(bytes, endian))
        })
        .map_err(|e| format!("cannot read DWARF: {e}"))?;
        if let Some(name) = compressed {
            return Err(format!(
                "{name} is compressed; build with CONFIG_DEBUG_INFO_COMPRESSED_NONE=y"
            ));
        }
        if file.section_by_name(".debug_info").is_none() {
            return Err("no .debug_info: build with CONFIG_DEBUG_INFO_DWARF5=y".to_string());
        }
        let ctx =
            addr2line::Context::from_dwarf(dwarf).map_err(|e| format!("cannot read DWARF: {e}"))?;
        let mut symbols: HashMap<&'a str, Vec<(u64, u64)>> = HashMap::new();
        for sym in file.symbols() {
            if sym.kind() != SymbolKind::Text {
                continue;
            }
            if let Ok(name) = sym.name() {
                if !name.is_empty() {
                    symbols
                        .entry(name)
                        .or_default()
                        .push((sym.address(), sym.size()));
                }
            }
        }
        Ok(Symbolizer {
            ctx,
            symbols,
            strip: None,
        })
    }

    /// Removes `prefix` from the file names printed (e.g. the build directory).
    pub fn strip_prefix(mut self, prefix: Option<String>) -> Self {
        self.strip = prefix;
        self
    }

    /// The address of `symbol+offset` (the symbol chosen by `size` when the
    /// name is ambiguous).
    pub fn address(&self, symbol: &str, offset: u64, size: u64) -> Option<u64> {
        let candidates = self.symbols.get(symbol)?;
        let (start, _) = candidates
            .iter()
            .find(|(_, s)| *s == size)
            .or_else(|| candidates.first())?;
        start.checked_add(offset)
    }

    /// Source locations of `pc`, innermost first.
    pub fn locate(&self, pc: u64) -> Vec<Location> {
        let mut out = Vec::new();
        let Ok(mut frames) = self.ctx.find_frames(pc).skip_all_loads() else {
            return out;
        };
        while let Ok(Some(frame)) = frames.next() {
            let function = frame
                .function
                .as_ref()
                .and_then(|f| f.raw_name().ok())
                .map(|n| demangle(&n));
            let (file, line) = match frame.location {
                Some(loc) => (loc.file.map(|f| self.clean(f)), loc.line),
                None => (None, None),
            };
            out.push(Location {
                function,
                file,
                line,
            });
            if out.len() >= 64 {
                break;
            }
        }
        out
    }

    fn clean(&self, file: &str) -> String {
        let file = match &self.strip {
            Some(p) => file.strip_prefix(p.as_str()).unwrap_or(file),
            None => file,
        };
        file.trim_start_matches("./")
            .trim_start_matches('/')
            .to_string()
    }

    /// Symbolizes one console line: returns it unchanged, or with
    /// ` file:line` appended and inlined frames' lines before it.
    pub fn line<'l>(&self, raw: &'l str) -> Cow<'l, str> {
        let raw = raw.trim_end_matches(['\n', '\r']);
        let (_, msg) = split_prefix(raw);
        let prefix = &raw[..raw.len() - msg.len()];
        let is_frame_line = msg.starts_with(' ');
        // The frame: the whole message for stack lines, the text after ` in `
        // (headers) or ` at ` (vmalloc lines) otherwise.
        let frame_text = if is_frame_line {
            Some(msg)
        } else {
            msg.rsplit_once(" in ")
                .or_else(|| msg.rsplit_once(" at "))
                .map(|(_, f)| f)
        };
        let Some(frame) = frame_text.and_then(parse_frame) else {
            return Cow::Borrowed(raw);
        };
        if frame.module.is_some() {
            return Cow::Borrowed(raw);
        }
        let Some(mut pc) = self.address(&frame.function, frame.offset, frame.size) else {
            return Cow::Borrowed(raw);
        };
        if is_frame_line && frame.offset > 0 {
            pc -= 1;
        }
        let locations = self.locate(pc);
        let Some((outer, inlined)) = locations.split_last() else {
            return Cow::Borrowed(raw);
        };
        let place = |l: &Location| match (&l.file, l.line) {
            (Some(f), Some(n)) => format!("{f}:{n}"),
            (Some(f), None) => f.clone(),
            _ => "??".to_string(),
        };
        let mut out = String::new();
        let indent: String = msg.chars().take_while(|c| *c == ' ').collect();
        for l in inlined {
            let name = l.function.as_deref().unwrap_or("??");
            if is_frame_line {
                out.push_str(&format!("{prefix}{indent}{name} {} [inline]\n", place(l)));
            } else {
                let head = &msg[..msg.len() - frame_text.map_or(0, str::len)];
                out.push_str(&format!("{prefix}{head}{name} {} [inline]\n", place(l)));
            }
        }
        out.push_str(&format!("{raw} {}", place(outer)));
        Cow::Owned(out)
    }

    /// Symbolizes a whole log.
    pub fn text(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        for line in text.lines() {
            out.push_str(&self.line(line));
            out.push('\n');
        }
        out
    }
}
