#!/usr/bin/env bash
# check-peers.sh [--install]
#
# Checks that the Debian packages the integration and e2e tests drive are
# installed, and names exactly the ones that are missing.
#   --install   (as root) installs what is missing: `apt-get update` (only when
#               something is missing), then `apt-get install -y
#               --no-install-recommends`. Quiet; full output in $LOG.
# Exit status: 0 when everything is installed (afterwards), 1 otherwise, 2 on bad usage.
set -euo pipefail

PACKAGES=(
  docker-registry # CNCF distribution registry 2.8 (test registry)
  skopeo          # seeds images, reads Berth's store
  umoci           # builds the test images
  busybox-static  # the test images' only binary
  jq
  apache2-utils   # htpasswd (bcrypt) for the auth registry
  curl
  openssl
  chromium        # e2e: drives the renderer
  xvfb            # e2e: headed runs
  podman          # Docker-API peer
  runc            # podman's runtime here (crun 1.8 fails on this cgroup layout)
  docker.io       # dockerd, parity checks
  hyperfine       # benchmarks
)
# CHECK_PEERS_PACKAGES="a b c" replaces the list (to check this script itself).
if [ -n "${CHECK_PEERS_PACKAGES:-}" ]; then read -r -a PACKAGES <<<"$CHECK_PEERS_PACKAGES"; fi
LOG=${CHECK_PEERS_LOG:-/tmp/berth-check-peers.log}

install=0
for a in "$@"; do
  case "$a" in
    --install) install=1 ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "usage: $0 [--install]" >&2; exit 2 ;;
  esac
done

missing_packages() {
  local p
  for p in "${PACKAGES[@]}"; do
    if [ "$(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null)" != "ii " ]; then echo "$p"; fi
  done
}

mapfile -t missing < <(missing_packages)
if [ ${#missing[@]} -eq 0 ]; then
  echo "check-peers: all ${#PACKAGES[@]} packages installed"
  exit 0
fi
echo "check-peers: missing ${#missing[@]} of ${#PACKAGES[@]} packages: ${missing[*]}"

if [ "$install" = 0 ]; then
  echo "check-peers: install them with: sudo $0 --install" >&2
  exit 1
fi
if [ "$(id -u)" != 0 ]; then
  echo "check-peers: --install needs root" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
start=$(date +%s)
echo "check-peers: installing (log: $LOG)"
if ! apt-get update -q >>"$LOG" 2>&1; then
  echo "check-peers: apt-get update failed; last lines of $LOG:" >&2
  tail -n 5 "$LOG" >&2
fi
if ! apt-get install -y -q --no-install-recommends "${missing[@]}" >>"$LOG" 2>&1; then
  echo "check-peers: apt-get install failed; last lines of $LOG:" >&2
  tail -n 10 "$LOG" >&2
fi

mapfile -t still < <(missing_packages)
if [ ${#still[@]} -gt 0 ]; then
  echo "check-peers: still missing: ${still[*]}" >&2
  exit 1
fi
echo "check-peers: installed ${missing[*]} in $(($(date +%s) - start)) s"
