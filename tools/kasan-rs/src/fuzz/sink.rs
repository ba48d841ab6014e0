//! Where a campaign writes: consoles, argv records and the JSON. Behind a
//! trait so tests can make any write fail (a full disk, say) and check that
//! the failure is reported, naming the file, and that nothing half-written
//! is counted.

use std::fs::{self, File};
use std::io::{self, LineWriter, Write};
use std::path::{Path, PathBuf};

/// A failed write: the file and why.
#[derive(Debug)]
pub struct WriteFailure {
    /// The file.
    pub path: PathBuf,
    /// Why.
    pub source: io::Error,
}

impl std::fmt::Display for WriteFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot write {}: {}", self.path.display(), self.source)
    }
}

/// The files of a campaign.
pub trait Sink {
    /// Creates (truncates) a file to stream into, e.g. a console log.
    fn create(&mut self, path: &Path) -> io::Result<Box<dyn Write>>;
    /// Replaces a file with `bytes` as a whole (the JSON): readers see the
    /// old or the new content, never a part.
    fn replace(&mut self, path: &Path, bytes: &[u8]) -> io::Result<()>;
}

/// The file system.
#[derive(Debug, Default)]
pub struct FsSink;

impl Sink for FsSink {
    fn create(&mut self, path: &Path) -> io::Result<Box<dyn Write>> {
        // Line by line, so that `tail -f` follows a running VM.
        Ok(Box::new(LineWriter::new(File::create(path)?)))
    }

    fn replace(&mut self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        let mut tmp = path.as_os_str().to_owned();
        tmp.push(".tmp");
        let tmp = PathBuf::from(tmp);
        let mut file = File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&tmp, path)
    }
}
