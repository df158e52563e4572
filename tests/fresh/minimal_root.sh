# Sourced by test-fresh.sh and test-package.sh: a minimal Debian 12 root
# (debootstrap --variant=minbase bookworm, nothing added) to run things in
# with chroot, as a newcomer's fresh machine would be.
#
#   fresh_root DIR   makes DIR a new minimal root (from a cached tarball of
#                    the debootstrap result after the first time), with the
#                    host's apt sources, DNS and extra CA certificates
#   enter_root DIR   mounts /proc, /sys and /dev into it; leave_root undoes it
#   in_root DIR CMD… runs CMD in the root as root, with the host's
#                    NODE_EXTRA_CA_CERTS convention
# Needs root, debootstrap and the network to Debian's archive.

FRESH_CACHE=${FRESH_CACHE:-$PWD/build-fresh/bookworm-minbase.tar}
DEBIAN_MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}

fresh_root() {
  local dir=$1
  leave_root "$dir"
  # Never through a mount left behind (a nested root's /dev): refuse, and
  # stay on one file system.
  if [ -d "$dir" ] && [ -n "$(findmnt -rn -o TARGET | grep -F "$dir/" || true)" ]; then
    echo "refusing to remove $dir: something is still mounted under it" >&2
    return 1
  fi
  rm -rf --one-file-system "$dir"
  mkdir -p "$dir" "$(dirname "$FRESH_CACHE")"
  if [ -f "$FRESH_CACHE" ]; then
    tar -xf "$FRESH_CACHE" -C "$dir"
  else
    echo "debootstrap --variant=minbase bookworm into $dir (cached in $FRESH_CACHE afterwards)"
    debootstrap --variant=minbase bookworm "$dir" "$DEBIAN_MIRROR" >"$dir.debootstrap.log" 2>&1 ||
      { tail -20 "$dir.debootstrap.log"; return 1; }
    tar -cf "$FRESH_CACHE.partial" -C "$dir" . && mv "$FRESH_CACHE.partial" "$FRESH_CACHE"
  fi
  # What the host knows about reaching the archives and the npm registry:
  # its apt sources and settings, its resolver, and the extra CA
  # certificates of its network (without them npm cannot reach its registry;
  # the root's ca-certificates package, installed by tracker.sh, picks them up).
  cp /etc/resolv.conf "$dir/etc/resolv.conf"
  if [ -d /etc/apt/sources.list.d ]; then
    rm -f "$dir/etc/apt/sources.list"
    cp /etc/apt/sources.list.d/*.sources "$dir/etc/apt/sources.list.d/" 2>/dev/null || true
    [ -f /etc/apt/sources.list ] && cp /etc/apt/sources.list "$dir/etc/apt/sources.list"
  fi
  cp /etc/apt/apt.conf.d/99* "$dir/etc/apt/apt.conf.d/" 2>/dev/null || true
  mkdir -p "$dir/usr/local/share/ca-certificates"
  cp /usr/local/share/ca-certificates/*.crt "$dir/usr/local/share/ca-certificates/" 2>/dev/null || true
  # No services start inside a chroot.
  printf '#!/bin/sh\nexit 101\n' >"$dir/usr/sbin/policy-rc.d"
  chmod 755 "$dir/usr/sbin/policy-rc.d"
}

enter_root() {
  local dir=$1
  mountpoint -q "$dir/proc" || mount -t proc proc "$dir/proc"
  # rslave: unmounting them later never propagates back to the host's.
  mountpoint -q "$dir/sys" || { mount --rbind /sys "$dir/sys" && mount --make-rslave "$dir/sys"; }
  mountpoint -q "$dir/dev" || { mount --rbind /dev "$dir/dev" && mount --make-rslave "$dir/dev"; }
}

leave_root() {
  local dir=$1
  [ -d "$dir" ] || return 0
  # Nested roots (test-package inside test-fresh) first: deepest mounts first.
  local mounts
  mounts=$(findmnt -rn -o TARGET | grep -F "$dir/" | sort -r || true)
  for m in $mounts; do
    umount "$m" 2>/dev/null || umount -l "$m" || true
  done
  return 0
}

in_root() {
  local dir=$1
  shift
  chroot "$dir" /usr/bin/env -i HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    LANG=C.UTF-8 TERM=dumb DEBIAN_FRONTEND=noninteractive NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt "$@"
}
