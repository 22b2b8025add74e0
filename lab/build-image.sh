#!/bin/sh
# Builds the lab host image: Debian bookworm with systemd, sshd and sudo, imported into the
# local Docker engine. Every host made from it creates its own SSH host keys at first boot.
#
# The tag is derived from this script's own content, so editing the script yields a new image
# and an unchanged script reuses the cached one. Prints the image name on stdout.
#
#   lab/build-image.sh            build unless cached, print the image name
#   lab/build-image.sh --name     only print the image name
set -eu

here=$(cd "$(dirname "$0")" && pwd)
tag=$(sha256sum "$here/build-image.sh" | cut -c1-12)
image="etcd-provision-lab:bookworm-$tag"

if [ "${1:-}" = "--name" ]; then
    echo "$image"
    exit 0
fi

if docker image inspect "$image" >/dev/null 2>&1; then
    echo "$image"
    exit 0
fi

# One build at a time: parallel test runs would otherwise debootstrap twice.
lock=/tmp/etcd-provision-lab-image.lock
exec 9>"$lock"
flock 9
if docker image inspect "$image" >/dev/null 2>&1; then
    echo "$image"
    exit 0
fi

mirror=${LAB_DEBIAN_MIRROR:-$(
    # the machine's own Debian mirror, from deb822 sources or the classic list
    { grep -h '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}'
      grep -h '^deb ' /etc/apt/sources.list 2>/dev/null | awk '{print $2}'; } \
    | grep -m1 '/debian/*$' || echo http://deb.debian.org/debian)}

root=$(mktemp -d /tmp/etcd-provision-lab-rootfs.XXXXXX)
trap 'rm -rf "$root"' EXIT

echo "building $image from $mirror (debootstrap, about a minute)" >&2
debootstrap --variant=minbase \
    --include=systemd,systemd-sysv,dbus,openssh-server,sudo,iproute2,procps,ca-certificates \
    bookworm "$root" "$mirror" >&2

# Each host makes its own host keys at first boot (a reinstalled machine gets new keys).
rm -f "$root"/etc/ssh/ssh_host_*
mkdir -p "$root/etc/systemd/system/ssh.service.d"
cat > "$root/etc/systemd/system/ssh.service.d/lab-host-keys.conf" <<'UNIT'
[Service]
# Debian's unit runs `sshd -t` first, which fails while there are no host keys.
ExecStartPre=
ExecStartPre=/usr/bin/ssh-keygen -A
ExecStartPre=/usr/sbin/sshd -t
UNIT

cat > "$root/etc/ssh/sshd_config.d/lab.conf" <<'CONF'
# The lab hosts share the machine's network; each listens on its own loopback address,
# written to /etc/ssh/sshd_config.d/lab-address.conf when the host is created.
UseDNS no
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
MaxStartups 100:30:200
CONF

# An unprivileged operator with passwordless sudo, and one whose sudo asks for a password.
chroot "$root" useradd --uid 1000 --create-home --shell /bin/bash ops
chroot "$root" useradd --uid 1001 --create-home --shell /bin/bash needpw
echo 'needpw:lab-password-not-secret' | chroot "$root" chpasswd
echo 'ops ALL=(ALL) NOPASSWD: ALL' > "$root/etc/sudoers.d/ops"
echo 'needpw ALL=(ALL) ALL' > "$root/etc/sudoers.d/needpw"
chmod 0440 "$root/etc/sudoers.d/ops" "$root/etc/sudoers.d/needpw"

# Units that have nothing to do in a container, or that keep the system from `running`.
for unit in getty@tty1.service console-getty.service serial-getty@.service \
            systemd-udevd.service systemd-udevd-control.socket systemd-udevd-kernel.socket \
            systemd-modules-load.service sys-kernel-config.mount sys-kernel-debug.mount \
            sys-kernel-tracing.mount systemd-remount-fs.service systemd-firstboot.service \
            apt-daily.timer apt-daily-upgrade.timer e2scrub_all.timer fstrim.timer \
            systemd-logind.service; do
    ln -sf /dev/null "$root/etc/systemd/system/$unit"
done
: > "$root/etc/machine-id"   # empty: systemd makes a fresh one at each boot
rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*

tar -C "$root" -c . | docker import \
    --change 'CMD ["/lib/systemd/systemd"]' \
    - "$image" >&2

# Older builds of this script's image are of no further use.
docker images etcd-provision-lab --format '{{.Repository}}:{{.Tag}}' | grep -vx "$image" \
    | xargs -r docker rmi >/dev/null 2>&1 || true
echo "$image"
