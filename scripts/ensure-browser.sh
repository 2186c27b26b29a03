#!/usr/bin/env bash
# Make sure the browser tests have what they need: Debian's chromium, node/npm for axe-core and
# the Nu HTML checker, and Java to run the checker.
# Installs from Debian's packages when run as root with apt-get (as CI does); otherwise says what to install.
set -euo pipefail
need=()
if [ "${1:-}" != "--node-only" ] && [ ! -x /usr/bin/chromium ]; then need+=(chromium); fi
if ! command -v npm >/dev/null 2>&1; then need+=(nodejs npm); fi
if [ "${1:-}" != "--node-only" ] && ! command -v java >/dev/null 2>&1; then need+=(default-jre-headless); fi
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian packages for the browser tests: ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
else
  echo "The browser tests need these Debian packages: ${need[*]}" >&2
  echo "Install them with: sudo apt-get install ${need[*]}" >&2
  exit 1
fi
