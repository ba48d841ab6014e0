//! `kasan-rs syz-config`: a `syz-manager` configuration for the same
//! kernel and image, to run syzkaller itself on MTE.
//!
//! Field names are syzkaller's (pkg/mgrconfig's manager config: `target`,
//! `http`, `workdir`, `image`, `sshkey`, `syzkaller`, `procs`, `type`,
//! `vm`; vm/qemu/qemu.go's `Config`: `count`, `qemu`, `qemu_args`,
//! `kernel`, `cmdline`, `cpu`, `mem` in MiB, `snapshot`, `network_device`).
//! `qemu_args` carries `-machine virt,mte=on -cpu max` in place of the
//! arm64 default (`-machine virt,virtualization=on -cpu cortex-a57`, which
//! has no MTE).
//!
//! Networking: syzkaller's qemu backend always adds its own network,
//! `-device <network_device>,netdev=net0 -netdev
//! user,id=net0,restrict=on,hostfwd=tcp:127.0.0.1:<port>-:22` in current
//! versions (older ones used `user,id=net0,host=10.0.2.10,hostfwd=tcp::<port>-:22`,
//! without `restrict`): user-mode networking isolated from the host and the
//! outside, reachable only through the forwarded ssh port, over which the
//! manager copies and drives the fuzzer. So a syzkaller VM passes
//! [`super::contain::check`] only with such a (current) syzkaller.

use serde::Serialize;

/// A `syz-manager` config.
#[derive(Clone, Debug, Serialize)]
pub struct ManagerConfig {
    /// `linux/arm64`.
    pub target: String,
    /// The manager's web UI address.
    pub http: String,
    /// The manager's working directory.
    pub workdir: String,
    /// The disk image.
    pub image: String,
    /// The ssh key of the image's root.
    pub sshkey: String,
    /// The syzkaller checkout (with `bin/`).
    pub syzkaller: String,
    /// Parallel test processes per VM.
    pub procs: u32,
    /// `qemu`.
    #[serde(rename = "type")]
    pub vm_type: String,
    /// The qemu backend's settings.
    pub vm: QemuConfig,
}

/// vm/qemu's `Config`.
#[derive(Clone, Debug, Serialize)]
pub struct QemuConfig {
    /// VMs run in parallel.
    pub count: u32,
    /// The QEMU binary.
    pub qemu: String,
    /// Extra QEMU arguments (MTE).
    pub qemu_args: String,
    /// The kernel image (`-kernel`).
    pub kernel: String,
    /// Kernel arguments after syzkaller's own (which for linux/arm64 start
    /// with `root=/dev/vda console=ttyAMA0`).
    pub cmdline: String,
    /// vCPUs.
    pub cpu: u32,
    /// Memory in MiB.
    pub mem: u64,
    /// The guest's network card.
    pub network_device: String,
}

/// The options of `syz-config`.
#[derive(Clone, Debug)]
pub struct SyzConfigArgs {
    /// `--kernel`.
    pub kernel: String,
    /// `--image`.
    pub image: String,
    /// `--sshkey`.
    pub sshkey: String,
    /// `--workdir`.
    pub workdir: String,
    /// `--syzkaller` (default `syzkaller`).
    pub syzkaller: String,
    /// `--procs` (default 2).
    pub procs: u32,
    /// `--vms` (default 1).
    pub vms: u32,
    /// `--cpu` (default 2).
    pub cpu: u32,
    /// `--mem` in MiB (default 2048; `2G` and `512M` are read too).
    pub mem: u64,
    /// `--qemu`.
    pub qemu: String,
    /// `--append`: kernel arguments (the KASAN ones).
    pub cmdline: String,
    /// `--http`.
    pub http: String,
}

/// `2G`, `2048M`, `2048` (MiB) to MiB.
pub fn parse_mem_mib(text: &str) -> Result<u64, String> {
    let t = text.trim();
    let (num, mult) = match t.as_bytes().last() {
        Some(b'G' | b'g') => (&t[..t.len() - 1], 1024),
        Some(b'M' | b'm') => (&t[..t.len() - 1], 1),
        _ => (t, 1),
    };
    match num.parse::<u64>() {
        Ok(n) if n > 0 => Ok(n * mult),
        _ => Err(format!(
            "invalid memory size '{text}': expected e.g. 2G or 2048M"
        )),
    }
}

/// The config for `args`.
pub fn manager_config(args: &SyzConfigArgs) -> ManagerConfig {
    // syzkaller's arm64 backend puts `root=/dev/vda console=ttyAMA0` and
    // its own oops/panic arguments first; `cmdline` is what follows.
    let cmdline = args.cmdline.trim().to_string();
    ManagerConfig {
        target: "linux/arm64".to_string(),
        http: args.http.clone(),
        workdir: args.workdir.clone(),
        image: args.image.clone(),
        sshkey: args.sshkey.clone(),
        syzkaller: args.syzkaller.clone(),
        procs: args.procs,
        vm_type: "qemu".to_string(),
        vm: QemuConfig {
            count: args.vms,
            qemu: args.qemu.clone(),
            qemu_args: "-machine virt,mte=on -cpu max".to_string(),
            kernel: args.kernel.clone(),
            cmdline,
            cpu: args.cpu,
            mem: args.mem,
            network_device: "virtio-net-pci".to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_syzkaller_field_names() {
        let cfg = manager_config(&SyzConfigArgs {
            kernel: "Image".into(),
            image: "disk.img".into(),
            sshkey: "key".into(),
            workdir: "w".into(),
            syzkaller: "syzkaller".into(),
            procs: 3,
            vms: 2,
            cpu: 2,
            mem: 2048,
            qemu: "qemu-system-aarch64".into(),
            cmdline: "kasan.mode=sync".into(),
            http: "127.0.0.1:56741".into(),
        });
        let v: serde_json::Value = serde_json::to_value(&cfg).unwrap();
        assert_eq!(v["target"], "linux/arm64");
        assert_eq!(v["type"], "qemu");
        assert_eq!(v["procs"], 3);
        assert_eq!(v["vm"]["count"], 2);
        assert_eq!(v["vm"]["mem"], 2048);
        assert_eq!(v["vm"]["qemu_args"], "-machine virt,mte=on -cpu max");
        assert_eq!(v["vm"]["cmdline"], "kasan.mode=sync");
        assert_eq!(parse_mem_mib("2G"), Ok(2048));
        assert_eq!(parse_mem_mib("512M"), Ok(512));
        assert!(parse_mem_mib("lots").is_err());
    }
}
