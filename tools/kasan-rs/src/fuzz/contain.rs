//! Containment: a fuzz VM must have no path off the machine.
//!
//! [`check`] reads a QEMU argv (the binary first, or not) and accepts it
//! only when it has `-nic none` or user-mode networking with
//! `restrict=on` (slirp's isolation: the guest reaches neither the host nor
//! the outside; `hostfwd=` rules, connections *into* the guest, stay
//! allowed), and no other way out:
//! * every `-nic`/`-netdev`/`-net` backend is `none`, `user` with
//!   `restrict=on` (the last `restrict=` wins, as in QEMU's option parser)
//!   and without `guestfwd=` (which connects the guest to a host command or
//!   socket), or `nic` (a `-net nic` frontend); `tap`, `bridge`, `socket`,
//!   `stream`, `dgram`, `vde`, `l2tpv3`, `vhost-user`, `vhost-vdpa`,
//!   `passt`, `hubport`, `af-xdp`, `netmap`, `vmnet-*` and anything unknown
//!   are refused;
//! * no character device on a network socket (`-chardev socket|udp` with a
//!   host or port, `-serial`/`-parallel`/`-monitor`/`-qmp`/`-gdb` with
//!   `tcp:`, `udp:`, `telnet:`, `websocket:`);
//! * no `-readconfig` (a file could hold any of the above) and no `-set`
//!   of a netdev or chardev;
//! * no listener on the host's network for the VM: `-vnc` other than
//!   `none` or a `unix:` socket, `-spice`, `-incoming` other than `defer`;
//!   and no vsock (`vhost-vsock-*`, `vhost-user-vsock-*`), which connects
//!   the guest to host sockets.
//!
//! Both `-opt` and `--opt` spellings are read, as QEMU reads them. The
//! campaign calls [`check`] before every boot; `kasan-rs fuzz-contained`
//! re-checks the recorded `vm-*.cmd` files of a finished campaign.

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

/// Why an argv is not contained.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Uncontained(pub String);

impl fmt::Display for Uncontained {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "VM not contained: {}", self.0)
    }
}

const ALLOWED: &str = "allowed: -nic none, or user networking with restrict=on";

/// The fields of a QEMU option value: `type,key=value,...`, with `,,` an
/// escaped comma.
fn fields(value: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        if c == ',' {
            if chars.peek() == Some(&',') {
                chars.next();
                out.last_mut().expect("one field").push(',');
            } else {
                out.push(String::new());
            }
        } else {
            out.last_mut().expect("one field").push(c);
        }
    }
    out
}

fn key<'a>(fields: &'a [String], name: &str) -> Option<&'a str> {
    fields
        .iter()
        .rev()
        .find_map(|f| f.strip_prefix(name).and_then(|r| r.strip_prefix('=')))
}

fn is_on(value: &str) -> bool {
    matches!(value, "on" | "yes" | "true" | "y")
}

/// The backend of a `-nic`, `-netdev` or `-net` value: `Ok(true)` for
/// `none`, `Ok(false)` for a contained backend, or why it is not.
fn network_backend(option: &str, value: &str) -> Result<bool, Uncontained> {
    let f = fields(value);
    // `-netdev type=user,...` also names the type with a key.
    let first = f[0].as_str();
    let kind = first.strip_prefix("type=").unwrap_or(first);
    let shown = format!("{option} {value}");
    match kind {
        "none" => Ok(true),
        "nic" if option == "-net" => Ok(false),
        "user" => {
            if key(&f, "guestfwd").is_some() {
                return Err(Uncontained(format!(
                    "{shown}: guestfwd= connects the guest to the host ({ALLOWED})"
                )));
            }
            match key(&f, "restrict") {
                Some(v) if is_on(v) => Ok(false),
                _ => Err(Uncontained(format!(
                    "{shown}: user networking without restrict=on reaches off the machine ({ALLOWED})"
                ))),
            }
        }
        other => Err(Uncontained(format!(
            "{shown}: network backend `{other}` reaches off the machine ({ALLOWED})"
        ))),
    }
}

fn network_socket(value: &str) -> bool {
    ["tcp:", "udp:", "telnet:", "websocket:"]
        .iter()
        .any(|p| value.starts_with(p))
}

/// Checks one QEMU argv; see the module documentation.
pub fn check(argv: &[String]) -> Result<(), Uncontained> {
    let mut none = false;
    let mut restricted_user = false;
    let mut i = 0;
    while i < argv.len() {
        let arg = argv[i].as_str();
        let option = match arg.strip_prefix("--") {
            Some(rest) if !rest.is_empty() => format!("-{rest}"),
            _ => arg.to_string(),
        };
        let value = argv.get(i + 1).map(String::as_str);
        let takes_value = |name: &str| -> Result<&str, Uncontained> {
            value.ok_or_else(|| Uncontained(format!("{name} without a value")))
        };
        match option.as_str() {
            "-nic" | "-netdev" | "-net" => {
                let v = takes_value(&option)?;
                if network_backend(&option, v)? {
                    none = true;
                } else if !v.starts_with("nic") {
                    restricted_user = true;
                }
                i += 2;
            }
            "-chardev" => {
                let v = takes_value(&option)?;
                let f = fields(v);
                let kind = f[0].as_str();
                let networked = matches!(kind, "socket" | "udp")
                    && (key(&f, "host").is_some() || key(&f, "port").is_some());
                if networked {
                    return Err(Uncontained(format!(
                        "-chardev {v}: a network socket reaches off the machine"
                    )));
                }
                i += 2;
            }
            "-serial" | "-parallel" | "-monitor" | "-qmp" | "-qmp-pretty" | "-gdb" => {
                let v = takes_value(&option)?;
                if network_socket(v) {
                    return Err(Uncontained(format!(
                        "{option} {v}: a network socket reaches off the machine"
                    )));
                }
                i += 2;
            }
            "-vnc" => {
                let v = takes_value(&option)?;
                if v != "none" && !v.starts_with("unix:") {
                    return Err(Uncontained(format!(
                        "-vnc {v}: a VNC server on the host's network (use -vnc none or unix:PATH)"
                    )));
                }
                i += 2;
            }
            "-spice" => {
                return Err(Uncontained(
                    "-spice: a SPICE server on the host's network".to_string(),
                ));
            }
            "-incoming" => {
                let v = takes_value(&option)?;
                if v != "defer" {
                    return Err(Uncontained(format!(
                        "-incoming {v}: a migration listener (only defer is allowed)"
                    )));
                }
                i += 2;
            }
            "-device" => {
                let v = takes_value(&option)?;
                if v.starts_with("vhost-vsock") || v.starts_with("vhost-user-vsock") {
                    return Err(Uncontained(format!(
                        "-device {v}: vsock connects the guest to host sockets"
                    )));
                }
                i += 2;
            }
            "-readconfig" => {
                return Err(Uncontained(
                    "-readconfig: a config file may add network backends; pass options on the command line".to_string(),
                ));
            }
            "-set" => {
                let v = takes_value(&option)?;
                if v.starts_with("netdev.") || v.starts_with("chardev.") || v.starts_with("net.") {
                    return Err(Uncontained(format!(
                        "-set {v}: changes a network or character backend"
                    )));
                }
                i += 2;
            }
            _ => i += 1,
        }
    }
    if none || restricted_user {
        Ok(())
    } else {
        Err(Uncontained(format!(
            "no -nic none and no restricted user network ({ALLOWED})"
        )))
    }
}

/// What `kasan-rs fuzz-contained DIR` found.
#[derive(Debug, Default)]
pub struct CampaignCheck {
    /// The `vm-*.cmd` files read, in order.
    pub checked: Vec<PathBuf>,
    /// Those refused, with why (or why they could not be read).
    pub refused: Vec<(PathBuf, String)>,
}

/// Reads a recorded argv (one argument per line, as the campaign writes it).
pub fn read_cmd(path: &Path) -> std::io::Result<Vec<String>> {
    let text = fs::read_to_string(path)?;
    Ok(text.lines().map(str::to_string).collect())
}

/// Checks every `vm-*.cmd` of a campaign directory.
pub fn check_campaign(dir: &Path) -> std::io::Result<CampaignCheck> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("vm-") && n.ends_with(".cmd"))
        })
        .collect();
    files.sort();
    let mut out = CampaignCheck::default();
    for file in files {
        match read_cmd(&file) {
            Ok(argv) => {
                if let Err(e) = check(&argv) {
                    out.refused.push((file.clone(), e.0));
                }
            }
            Err(e) => out
                .refused
                .push((file.clone(), format!("cannot read: {e}"))),
        }
        out.checked.push(file);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn argv(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn accepts_contained_command_lines() {
        for ok in [
            "qemu-system-aarch64 -M virt,mte=on -nic none -kernel Image",
            "qemu -netdev user,id=n0,restrict=on,hostfwd=tcp:127.0.0.1:10022-:22 -device virtio-net-pci,netdev=n0",
            "qemu -nic user,restrict=on,model=virtio-net-pci",
            "qemu -nic user,restrict=yes",
            "qemu --nic none",
            "qemu -netdev type=user,id=n0,restrict=on",
            "qemu -nic none -chardev stdio,id=c0 -serial mon:stdio",
            "qemu -nic none -net nic,model=virtio",
            "qemu -nic none -chardev socket,id=s0,path=/tmp/sock,server=on",
            "qemu -nic none -vnc none -device virtio-rng-pci",
        ] {
            assert_eq!(check(&argv(ok)), Ok(()), "{ok}");
        }
    }

    #[test]
    fn refuses_paths_off_the_machine() {
        for (bad, why) in [
            ("qemu -M virt -kernel Image", "no -nic none"),
            ("qemu -nic none -netdev tap,id=t0,ifname=tap0", "`tap`"),
            ("qemu -nic none -nic bridge,br=br0", "`bridge`"),
            (
                "qemu -nic none -netdev socket,id=s,connect=1.2.3.4:5",
                "`socket`",
            ),
            ("qemu -nic none -netdev vde,id=v", "`vde`"),
            ("qemu -nic user", "without restrict=on"),
            (
                "qemu -netdev user,id=n0,restrict=off",
                "without restrict=on",
            ),
            (
                "qemu -netdev user,id=n0,restrict=on,restrict=off",
                "without restrict=on",
            ),
            (
                "qemu -nic user,restrict=on,guestfwd=tcp:10.0.2.100:80-cmd:nc",
                "guestfwd",
            ),
            ("qemu -nic none --netdev tap,id=t", "`tap`"),
            ("qemu -nic none -net user", "without restrict=on"),
            (
                "qemu -nic none -chardev socket,id=s,host=1.2.3.4,port=5",
                "network socket",
            ),
            ("qemu -nic none -serial tcp:1.2.3.4:5", "network socket"),
            ("qemu -nic none -readconfig net.cfg", "-readconfig"),
            ("qemu -nic none -set netdev.n0.type=tap", "-set"),
            ("qemu -nic", "without a value"),
            ("qemu -nic none -vnc 0.0.0.0:0", "VNC"),
            ("qemu -nic none -spice port=5900", "SPICE"),
            ("qemu -nic none -incoming tcp:0:4444", "migration"),
            (
                "qemu -nic none -device vhost-vsock-pci,guest-cid=3",
                "vsock",
            ),
        ] {
            let err = check(&argv(bad)).unwrap_err();
            assert!(err.0.contains(why), "{bad}: {err}");
        }
    }

    #[test]
    fn qemu_arg_injections_are_seen() {
        // What `--qemu-arg` appends before -kernel, after the tool's own `-nic none`.
        let mut args = argv("qemu -M virt,mte=on -nic none");
        args.extend(["-netdev".to_string(), "user,id=x".to_string()]);
        assert!(check(&args).is_err());
        let mut args = argv("qemu -M virt,mte=on -nic none");
        args.extend(["-nic".to_string(), "tap,ifname=tap0,,x".to_string()]);
        assert!(check(&args).unwrap_err().0.contains("`tap`"));
    }

    #[test]
    fn fields_unescape_commas() {
        assert_eq!(fields("user,a=b,,c,d"), ["user", "a=b,c", "d"]);
    }
}
