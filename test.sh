#!/usr/bin/env bash
# Runs every test (unit, in-process API, bUnit, Playwright e2e in Chromium). Installs what a fresh Debian
# machine lacks first: Debian's chromium for the browser tests. Prints "N passed, N failed" last.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

need_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_updated=
apt_install() {
  [ -n "$apt_updated" ] || { need_root apt-get update -qq; apt_updated=1; }
  DEBIAN_FRONTEND=noninteractive need_root apt-get install -y -qq "$@" >/dev/null
}

if ! command -v chromium >/dev/null 2>&1; then
  echo "test.sh: installing Debian's chromium for the browser tests ..." >&2
  apt_install chromium || { echo "test.sh: could not install chromium" >&2; exit 1; }
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
log=$(mktemp)
dotnet test EnfixPortal.sln --nologo "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# VSTest prints one summary per test project; add them up.
read -r passed failed < <(grep -aE '(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+' "$log" |
  sed -E 's/.*Failed: +([0-9]+), Passed: +([0-9]+).*/\2 \1/' |
  awk '{p += $1; f += $2} END {print p + 0, f + 0}')
projects=$(grep -acE '(Passed|Failed)! +- Failed:' "$log")
rm -f "$log"
# A build error or a crashed test host has no summary of its own: count it as a failure.
if [ "$status" != 0 ] && [ "$failed" = 0 ]; then failed=1; fi
if [ "$projects" -lt 2 ] && [ "$status" = 0 ] && [ $# = 0 ]; then failed=$((failed + 1)); fi
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
