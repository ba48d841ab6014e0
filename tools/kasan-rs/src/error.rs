//! The tool's error type: what went wrong, with the exit code it maps to.

use std::fmt;
use std::io;
use std::path::PathBuf;

/// An error of the command line or of the environment; every one exits 2
/// (see [`Error::EXIT_CODE`]).
#[derive(Debug)]
pub enum Error {
    /// The command line is wrong (one line, as printed after `kasan-rs: `).
    Usage(String),
    /// A file (or stdin, as `-`) could not be read.
    Read {
        /// What was read (`log x.log`, `stdin`, ...).
        what: String,
        /// Why.
        source: io::Error,
    },
    /// Standard output could not be written.
    Write(io::Error),
    /// QEMU could not be run (missing image, too old a QEMU, ...).
    Run(crate::qemu::RunError),
    /// A vmlinux could not be used for symbolization.
    Vmlinux {
        /// The file.
        path: PathBuf,
        /// Why.
        message: String,
    },
}

impl Error {
    /// Exit code of every error (usage or environment).
    pub const EXIT_CODE: u8 = 2;

    /// A read error for the log `path` (`-` is stdin).
    pub fn read_log(path: &std::path::Path, source: io::Error) -> Self {
        let what = if path.as_os_str() == "-" {
            "stdin".to_string()
        } else {
            format!("log {}", path.display())
        };
        Error::Read { what, source }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Usage(message) => f.write_str(message),
            Error::Read { what, source } => write!(f, "cannot read {what}: {source}"),
            Error::Write(source) => write!(f, "cannot write: {source}"),
            Error::Run(e) => write!(f, "{e}"),
            Error::Vmlinux { path, message } => write!(f, "{}: {message}", path.display()),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Read { source, .. } | Error::Write(source) => Some(source),
            _ => None,
        }
    }
}

impl From<String> for Error {
    fn from(message: String) -> Self {
        Error::Usage(message)
    }
}
