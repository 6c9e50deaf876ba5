#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed for the web front end's browser tests
# (services/web/test). The tests drive /usr/bin/chromium through playwright-core and never
# download a browser. Also installs a small CJK font so Chinese pages render in screenshots.
# CI runs this as root when it exists; locally: sudo bash infra/scripts/ensure-browser.sh
set -euo pipefail

need_chromium=0
need_font=0
[ -x /usr/bin/chromium ] || need_chromium=1
if command -v fc-list >/dev/null 2>&1; then
  fc-list :lang=zh 2>/dev/null | grep -q . || need_font=1
else
  need_font=1
fi

if [ "$need_chromium" = 0 ] && [ "$need_font" = 0 ]; then
  echo "chromium: $(/usr/bin/chromium --version 2>/dev/null || echo present)"
  exit 0
fi

if [ "$(id -u)" != 0 ]; then
  echo "Chromium or a CJK font is missing and this is not root; run: sudo bash $0" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
packages=()
[ "$need_chromium" = 1 ] && packages+=(chromium)
[ "$need_font" = 1 ] && packages+=(fonts-wqy-microhei)
apt-get install -y -qq --no-install-recommends "${packages[@]}"
/usr/bin/chromium --version
