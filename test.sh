#!/usr/bin/env bash
# Runs every test (unit, in-process API, bUnit, Playwright e2e in Chromium). Installs what a fresh Debian
# machine lacks first: Debian's chromium for the browser tests, nginx for the forward-auth tests, python3-aiosmtpd for
# the email tests and postgresql for the PostgreSQL runs of the
# service and API tests, on a throwaway server of its own (loopback only, removed on exit). Extra arguments go
# to `dotnet test` (e.g. ./test.sh --filter OnPostgres). Prints "N passed, N failed" last.
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

# The forward-auth tests put Debian's nginx (with its auth_request module) in front of the real server.
if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
  echo "test.sh: installing Debian's nginx for the forward-auth tests ..." >&2
  apt_install nginx || { echo "test.sh: could not install nginx" >&2; exit 1; }
fi

# The expiry-email tests send through Debian's SMTP server (aiosmtpd), started by the tests on loopback.
if ! /usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1; then
  echo "test.sh: installing Debian's python3-aiosmtpd for the email tests ..." >&2
  apt_install python3-aiosmtpd || { echo "test.sh: could not install python3-aiosmtpd" >&2; exit 1; }
fi

pg_bin() { find /usr/lib/postgresql -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1; }
if [ -z "${ENFIX_TEST_POSTGRES:-}" ]; then
  if [ -z "$(pg_bin)" ]; then
    echo "test.sh: installing Debian's postgresql for the PostgreSQL tests ..." >&2
    apt_install postgresql || { echo "test.sh: could not install postgresql" >&2; exit 1; }
  fi
  . ./tests/postgres-server.sh "$(pg_bin)" || { echo "test.sh: could not start a PostgreSQL server for the tests" >&2; exit 1; }
  trap stop_test_postgres EXIT
  trap 'exit 143' INT TERM
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
log=$(mktemp)
# One project after the other: the browser tests then have the machine's cores to themselves, as a user's browser would.
dotnet build EnfixPortal.sln --nologo -v q 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
built=$status
for project in tests/unit tests/e2e; do
  [ "$built" = 0 ] || break
  dotnet test "$project" --no-build --nologo "$@" 2>&1 | tee -a "$log"
  [ "${PIPESTATUS[0]}" = 0 ] || status=1
done

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
