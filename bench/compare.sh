#!/usr/bin/env bash
# Compares the server CPU time per GET /api/v1/me of several builds, side by side: each git commit (or the working tree,
# as "."), plus the identity-bearer peer, is published, started on loopback with a fresh SQLite database and the shipped
# settings, and warmed; then `wrk -t1 -c16` loads each server in turn for DURATION seconds, ROUNDS times over, and each
# server's CPU time (user + system, from /proc) is summed over its own runs. A change in the machine's load between two
# runs reaches every build alike, so the figures of one run compare; two runs of this script do not.
#   bench/compare.sh COMMIT|. [COMMIT|. ...]
# Env: DURATION (default 3), ROUNDS (default 8), WARMUP (seconds per server, default 10), PORT (first port, default 5401),
#      PATHS (what each build is loaded with, default "/api/v1/me"), WORK (scratch folder, default /tmp/enfix-compare).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
WORK=${WORK:-/tmp/enfix-compare}
DURATION=${DURATION:-3}
ROUNDS=${ROUNDS:-8}
WARMUP=${WARMUP:-10}
PORT=${PORT:-5401}
PATHS=${PATHS:-/api/v1/me}
[ $# -gt 0 ] || { sed -n 2,9p "$0" >&2; exit 2; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
. bench/lib.sh
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
mkdir -p "$WORK"

pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; if [ -f /tmp/peer-identity-bearer/pid ]; then kill "$(cat /tmp/peer-identity-bearer/pid)" 2>/dev/null || true; fi' EXIT

publish() { # $1: commit or "."; prints the folder of its published server
  local name=$1 out source
  out="$WORK/build-$(if [ "$name" = . ]; then echo worktree; else git rev-parse --short "$name"; fi)"
  if [ "$name" = . ]; then
    dotnet publish "$ROOT/src/EnfixPortal" -c Release -o "$out" --nologo -v q >&2
  elif [ ! -f "$out/EnfixPortal.dll" ]; then # a commit is published once, from a checkout removed afterwards
    source="$WORK/src-$(git rev-parse --short "$name")"
    git worktree add -q --detach "$source" "$name" >&2
    dotnet publish "$source/src/EnfixPortal" -c Release -o "$out" --nologo -v q >&2
    git worktree remove --force "$source" >&2
  fi
  echo "$out"
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }  # user + system CPU of a process, in clock ticks

names=(); urls=(); headers=(); pid_of=()
port=$PORT
for commit in "$@"; do
  dir=$(publish "$commit")
  rm -f "$WORK/db-$port.db"*
  start_enfix "$dir" "$WORK/db-$port.db" "http://127.0.0.1:$port" "$WORK/server-$port.log"
  pid=$enfix_pid; pids+=("$pid")
  read -r app token < <(sign_in_admin "$dir" "$WORK/db-$port.db" "http://127.0.0.1:$port")
  for path in $PATHS; do
    names+=("$commit$path"); urls+=("http://127.0.0.1:$port$path"); pid_of+=("$pid")
    headers+=("App-Token: $app|Token: $token")
  done
  port=$((port + 1))
done
bearer=$(bash "$ROOT/bench/peers/identity-bearer/run.sh" "$port" 2>/dev/null | tail -n 1)
names+=("peer/me"); urls+=("http://127.0.0.1:$port/me"); pid_of+=("$(cat /tmp/peer-identity-bearer/pid)")
headers+=("Authorization: Bearer $bearer")

load() { # $1: index; prints wrk's requests
  local -a args=(); local h
  IFS='|' read -ra hs <<<"${headers[$1]}"
  for h in "${hs[@]}"; do args+=(-H "$h"); done
  wrk -t1 -c16 -d"$2s" "${args[@]}" "${urls[$1]}" | awk '/requests in/ {print $1}'
}

for i in "${!names[@]}"; do load "$i" "$WARMUP" >/dev/null; done
declare -a ticks requests
for ((r = 0; r < ROUNDS; r++)); do
  for i in "${!names[@]}"; do
    before=$(cpu_ticks "${pid_of[$i]}")
    n=$(load "$i" "$DURATION")
    ticks[i]=$((${ticks[i]:-0} + $(cpu_ticks "${pid_of[$i]}") - before)); requests[i]=$((${requests[i]:-0} + n))
  done
done
hz=$(getconf CLK_TCK)
printf '%-40s %12s %12s\n' build "requests" "CPU us/req"
for i in "${!names[@]}"; do
  awk -v n="${names[$i]}" -v t="${ticks[$i]}" -v q="${requests[$i]}" -v hz="$hz" 'BEGIN {printf "%-40s %12d %12.1f\n", n, q, t * 1e6 / hz / q}'
done
