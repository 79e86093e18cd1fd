#!/usr/bin/env bash
# Makes GDAL's ogr2ogr available for the boundary importer's tests (shapefiles, GeoPackage):
# installs Debian's gdal-bin with apt-get when it is missing (sudo when not root).
set -euo pipefail
if command -v ogr2ogr >/dev/null 2>&1; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then
  SUDO="sudo"
fi
echo "ensure-gdal: installing gdal-bin with apt-get" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q >&2 || { echo "ensure-gdal: apt-get update failed" >&2; exit 1; }
$SUDO apt-get install -y -q gdal-bin >&2 || { echo "ensure-gdal: cannot install gdal-bin" >&2; exit 1; }
command -v ogr2ogr >/dev/null 2>&1 || { echo "ensure-gdal: ogr2ogr still missing after install" >&2; exit 1; }
