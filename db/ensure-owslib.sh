#!/usr/bin/env bash
# Makes OWSLib (Debian's python3-owslib, for Debian's /usr/bin/python3) available for the WMS
# real-client tests: installs it with apt-get when it is missing (sudo when not root).
set -euo pipefail
if /usr/bin/python3 -c 'import owslib' >/dev/null 2>&1; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then
  SUDO="sudo"
fi
echo "ensure-owslib: installing python3-owslib with apt-get" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q >&2 || { echo "ensure-owslib: apt-get update failed" >&2; exit 1; }
$SUDO apt-get install -y -q python3-owslib >&2 || { echo "ensure-owslib: cannot install python3-owslib" >&2; exit 1; }
/usr/bin/python3 -c 'import owslib' || { echo "ensure-owslib: owslib still missing after install" >&2; exit 1; }
