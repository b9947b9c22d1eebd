#!/usr/bin/env bash
# Debian/Ubuntu libraries ShopGuard's wheels expect from the OS, plus the independent checkers the
# tests use (zbarimg for QR codes, pdftoppm for PDFs, ffprobe for exported video). Installs what is missing when run as root
# (CI, a fresh shop PC); otherwise prints the apt-get line to run. Never fails the build on its own.
set -u
needed=""
have_lib() { ldconfig -p 2>/dev/null | grep -q "$1"; }
have_cmd() { command -v "$1" >/dev/null 2>&1; }
have_lib 'libpulse.so.0' || needed="$needed libpulse0"
have_lib 'libEGL.so.1' || needed="$needed libegl1"
have_lib 'libGL.so.1' || needed="$needed libgl1"
have_lib 'libxkbcommon.so.0' || needed="$needed libxkbcommon0"
have_lib 'libfontconfig.so.1' || needed="$needed libfontconfig1"
have_lib 'libdbus-1.so.3' || needed="$needed libdbus-1-3"
have_lib 'libxcb-cursor.so.0' || needed="$needed libxcb-cursor0"
have_cmd zbarimg || needed="$needed zbar-tools"
have_cmd pdftoppm || needed="$needed poppler-utils"
have_cmd ffprobe || needed="$needed ffmpeg"
[ -z "$needed" ] && exit 0
if ! have_cmd apt-get; then
  echo "note: install these system packages if tests fail:$needed" >&2
  exit 0
fi
if [ "$(id -u)" = "0" ]; then
  echo "installing system packages:$needed"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq --no-install-recommends $needed >/dev/null 2>&1 \
    || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq --no-install-recommends $needed >/dev/null 2>&1; } \
    || echo "warning: could not install:$needed" >&2
else
  echo "note: run  sudo apt-get install$needed  (Qt libraries and test checkers)" >&2
fi
exit 0
