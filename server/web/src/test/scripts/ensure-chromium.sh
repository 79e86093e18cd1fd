#!/usr/bin/env bash
# Headless Chromium for the web map's browser tests, from Debian's packages: installs chromium and
# chromium-driver with apt-get when they are missing (as root, or through sudo -n), never downloads a
# browser from anywhere else, and prints the two paths for the test:
#   CHROMIUM=/usr/bin/chromium
#   CHROMEDRIVER=/usr/bin/chromedriver
# Fails (exit 1, the reason on stderr) when they cannot be installed or their versions differ.
set -euo pipefail

readonly CHROMIUM=/usr/bin/chromium
readonly CHROMEDRIVER=/usr/bin/chromedriver

# Keep stdout for the machine-readable result only.
exec 3>&1 1>&2

log() { printf 'ensure-chromium: %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

install_missing() {
    local pkgs=()
    [ -x "$CHROMIUM" ] || pkgs+=(chromium)
    [ -x "$CHROMEDRIVER" ] || pkgs+=(chromium-driver)
    [ "${#pkgs[@]}" -eq 0 ] && return 0
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null \
            || die "need root or password-less sudo to install ${pkgs[*]} (apt-get install ${pkgs[*]})"
        sudo=(sudo -n)
    fi
    log "installing ${pkgs[*]} with apt-get"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q \
        || die "'apt-get update' failed; cannot install ${pkgs[*]}"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${pkgs[@]}" \
        || die "'apt-get install ${pkgs[*]}' failed; install them manually"
    [ -x "$CHROMIUM" ] || die "$CHROMIUM still missing after installing ${pkgs[*]}"
    [ -x "$CHROMEDRIVER" ] || die "$CHROMEDRIVER still missing after installing ${pkgs[*]}"
}

# The major version in "Chromium 156.0.8078.114 built on ..." or "ChromeDriver 156.0.8078.114 (...)".
major() { sed -n 's/^[A-Za-z]* \([0-9][0-9]*\)\..*/\1/p' | head -n 1; }

install_missing
# Debian's /usr/bin/chromium is a wrapper script; ask the binary it starts.
browser_version=$({ /usr/lib/chromium/chromium --version 2>/dev/null || "$CHROMIUM" --version 2>/dev/null; } | major)
driver_version=$("$CHROMEDRIVER" --version 2>/dev/null | major)
[ -n "$browser_version" ] || die "cannot read the version of $CHROMIUM"
[ -n "$driver_version" ] || die "cannot read the version of $CHROMEDRIVER"
[ "$browser_version" = "$driver_version" ] \
    || die "chromium $browser_version and chromedriver $driver_version differ; upgrade both (apt-get install chromium chromium-driver)"
printf 'CHROMIUM=%s\nCHROMEDRIVER=%s\n' "$CHROMIUM" "$CHROMEDRIVER" >&3
