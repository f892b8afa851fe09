#!/usr/bin/env bash
# EnfixPortal benchmark: publishes Release builds, starts the server on loopback with a fresh database and the shipped
# settings (its own appsettings.json and log levels; only the login limit is raised), loads it with wrk and prints
# ratios and the server's CPU time per request, measured side by side with the identity-bearer peer
# (bench/peers/identity-bearer) in this one run (see docs/performance.md for the targets).
#   bench/run.sh            all four figures, including the 1,000,000 + 1,000,000 token scale run (minutes)
#   bench/run.sh --quick    figures 1-3 and 5 (figure 1 also measures the forward-auth check beside /me; figure 5 times the
#                           portal in Debian's Chromium)
# Env: DURATION (wrk seconds per run, default 10), WARMUP (seconds of load before each measured pair, default 10;
#      LOGIN_WARMUP for the logins, default 60),
#      ROUNDS (alternating measurements of each figure, best counts; default 5), CONNECTIONS (default 32),
#      PORT (default 5391), PEER_PORT (5392; the empty app listens on the next), WORK (scratch folder, default /tmp/enfix-bench).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
WORK=${WORK:-/tmp/enfix-bench}
DURATION=${DURATION:-10}
LOGIN_WARMUP=${LOGIN_WARMUP:-60}
ROUNDS=${ROUNDS:-5}
CONNECTIONS=${CONNECTIONS:-32}
PORT=${PORT:-5391}
PEER_PORT=${PEER_PORT:-5392}
BASE="http://127.0.0.1:$PORT"
QUICK=${1:-}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
. bench/lib.sh

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }
mkdir -p "$WORK"
echo "publishing Release builds ..." >&2
dotnet publish src/EnfixPortal -c Release -o "$WORK/server" --nologo -v q >&2
dotnet publish bench/EnfixPortal.Bench -c Release -o "$WORK/tool" --nologo -v q >&2
dotnet publish bench/peers/empty-app -c Release -o "$WORK/empty-app" --nologo -v q >&2

server_pid=; empty_pid=
stop_server() { if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true; fi; server_pid=; }
trap 'stop_server; [ -z "$empty_pid" ] || kill "$empty_pid" 2>/dev/null || true; if [ -f /tmp/peer-identity-bearer/pid ]; then kill "$(cat /tmp/peer-identity-bearer/pid)" 2>/dev/null || true; fi' EXIT

start_server() { # $1: database file; only the login limit is raised, for the login figure
  start_enfix "$WORK/server" "$1" "$BASE" "$WORK/server.log" Enfix__RateLimits__LoginPerMinute=1000000 || exit 1
  server_pid=$enfix_pid
}

cli() { enfix_cli "$WORK/server" "$DB" "$@"; }

load() { wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "$@" | tee -a "$WORK/wrk.log"; }  # one measured wrk run
rps_of() { awk '/Requests\/sec/ {print $2}'; }  # the requests/sec in wrk's report on stdin
rps() { load "$@" | rps_of; }  # wrk's requests/sec for: [extra wrk args...] URL
rps_and_cpu() { # as rps, and appends "NAME µs user-µs kernel-µs" to cpu.log: the server's (PID) CPU time per request
  local name=$1 pid=$2 before out; shift 2
  before=$(awk '{print $14, $15}' "/proc/$pid/stat")
  out=$(load "$@")
  echo "$out" | awk -v name="$name" -v before="$before" -v after="$(awk '{print $14, $15}' "/proc/$pid/stat")" -v hz="$(getconf CLK_TCK)" \
    '/requests in/ {split(before, b, " "); split(after, a, " "); u = (a[1] - b[1]) * 1e6 / hz / $1; k = (a[2] - b[2]) * 1e6 / hz / $1
      printf "%s %.1f %.1f %.1f\n", name, u + k, u, k}' >>"$WORK/cpu.log"
  rps_of <<<"$out"
}
median_cpu() { # $1: name, $2: column (2 the total, the default; 3 user; 4 kernel)
  awk -v name="$1" -v c="${2:-2}" '$1 == name {print $c}' "$WORK/cpu.log" | sort -g | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

sign_in() { sign_in_admin "$WORK/server" "$DB" "$BASE"; }  # prints "APP TOKEN" for the admin on the running server

best() { printf '%s\n' "$@" | sort -g | tail -n 1; }
warm() { wrk -t2 -c"$CONNECTIONS" -d"${WARMUP:-10}s" "$@" >/dev/null; }  # JIT tiering settles before a measured run

rounds() { # "best_1 best_2 ...": each command (a function name) run in turn, ROUNDS times over, best result of each
  local -a bests=(); local i r cmd value
  for ((r = 0; r < ROUNDS; r++)); do
    i=0
    for cmd in "$@"; do
      value=$("$cmd"); bests[i]=$(best "${bests[i]:-0}" "$value"); i=$((i + 1))
      echo "$r $cmd $value" >>"$WORK/rounds.log"
    done
  done
  echo "${bests[*]}"
}

per_round() { # "r1 r2 ...": the ratio of two commands' results within each round (rounds.log), to show the spread
  awk -v a="$1" -v b="$2" '$2 == a {x[$1] = $3} $2 == b {y[$1] = $3}
    END {for (r = 0; r in x; r++) if (r in y) printf "%s%.2f", (r ? " " : ""), x[r] / y[r]}' "$WORK/rounds.log"
}

# Our two endpoints, /me with the pair in APP and TOKEN (set by sign_in for the running server).
healthz() { rps "$BASE/healthz"; }
me() { rps_and_cpu me "$server_pid" -H "App-Token: $APP" -H "Token: $TOKEN" "$BASE/api/v1/me"; }
check() { rps_and_cpu check "$server_pid" -H "App-Token: $APP" -H "Token: $TOKEN" "$BASE/api/v1/auth/check"; }  # forward-auth
warm_ours() { warm "$BASE/healthz"; warm -H "App-Token: $APP" -H "Token: $TOKEN" "$BASE/api/v1/me"; warm -H "App-Token: $APP" -H "Token: $TOKEN" "$BASE/api/v1/auth/check"; }
auth_overhead() { warm_ours; rounds healthz me; }  # "healthz_rps me_rps"

: >"$WORK/wrk.log"; : >"$WORK/rounds.log"; : >"$WORK/cpu.log"
DB="$WORK/small.db"; rm -f "$DB"*
start_server "$DB"
read -r APP TOKEN < <(sign_in)
curl -fsS -o /dev/null -H "App-Token: $APP" -H "Token: $TOKEN" "$BASE/api/v1/me"

echo "5. the portal in Chromium" >&2
# What an administrator waits for, in Debian's Chromium: sign-in until the dashboard is live, and the first next page of
# a 64-token grid (each round a new browser context, so nothing is cached). Measured first, on a quiet server.
for i in $(seq 63); do
  curl -fsS -o /dev/null -H "App-Token: $APP" -H "Token: $TOKEN" -H 'Content-Type: application/json' -d "{\"name\": \"job-$i\"}" "$BASE/api/v1/app_tokens/"
done
read -r SIGN_IN_MS NEXT_PAGE_MS < <("$WORK/tool/EnfixPortal.Bench" portal --base "$BASE" --password "$ADMIN_PASSWORD" --rounds "$((ROUNDS < 3 ? 3 : ROUNDS))" |
  awk '{print $2}' | paste -sd' ')

echo "1. auth overhead" >&2
# Ours and the peer run side by side; their four figures are measured in turn, round after round, so a change in the
# machine's load between two measurements reaches both servers alike.
PEER="http://127.0.0.1:$PEER_PORT"
BEARER=$(bash "$ROOT/bench/peers/identity-bearer/run.sh" "$PEER_PORT" 2>/dev/null | tail -n 1)
peer_healthz() { rps "$PEER/healthz"; }
peer_me() { rps_and_cpu peer_me "$(cat /tmp/peer-identity-bearer/pid)" -H "Authorization: Bearer $BEARER" "$PEER/me"; }
# The floor beside both: an empty ASP.NET Core app (bench/peers/empty-app, `dotnet new web`) answering "Hello World!".
EMPTY="http://127.0.0.1:$((PEER_PORT + 1))"
(cd "$WORK/empty-app" && ASPNETCORE_ENVIRONMENT=Production exec dotnet EmptyApp.dll --urls "$EMPTY" >"$WORK/empty-app.log" 2>&1) &
empty_pid=$!
wait_until_up "$EMPTY/" "$WORK/empty-app.log"
empty() { rps_and_cpu empty "$empty_pid" "$EMPTY/"; }
warm_ours; warm "$PEER/healthz"; warm -H "Authorization: Bearer $BEARER" "$PEER/me"; warm "$EMPTY/"
read -r H1 M1 C1 PH PM E1 < <(rounds healthz me check peer_healthz peer_me empty)
kill "$(cat /tmp/peer-identity-bearer/pid)" "$empty_pid" 2>/dev/null || true; empty_pid=

echo "1b. a good client under a flood of unknown tokens" >&2
# One good client (one connection) measures /me's median latency alone, then while 500 connections send unknown tokens:
# the same unknown token over and over, and a new random one on every request.
cat >"$WORK/random-token.lua" <<'LUA'
wrk.headers["App-Token"] = os.getenv("BENCH_APP")
request = function()
  local t = {}
  for i = 1, 32 do t[i] = string.format("%x", math.random(0, 15)) end
  wrk.headers["Token"] = table.concat(t)
  return wrk.format()
end
LUA
# The good client comes from another loopback address (127.0.0.2): the flood's own address is soon limited to a 429
# (failed token checks per address and minute), which must not reach a client that has done nothing wrong.
median_ms() { # the good client's median /me latency over DURATION seconds on one kept-alive connection, in ms
  local i
  for ((i = 0; i < DURATION * 5000; i++)); do printf 'url = "%s"\noutput = /dev/null\n' "$BASE/api/v1/me"; done >"$WORK/good-client.curl"
  { timeout "$DURATION" curl -s --interface 127.0.0.2 -H "App-Token: $APP" -H "Token: $TOKEN" -w '%{http_code} %{time_total}\n' \
      -K "$WORK/good-client.curl" || true; } |
    awk 'NF == 2 && $1 != 200 {bad++} NF == 2 {print $2 * 1000} END {if (bad) print "good client refused " bad " times" > "/dev/stderr"}' |
    sort -g | awk '{v[NR] = $1} END {printf "%.2f", v[int((NR + 1) / 2)]}'
}
flooded_ms() { # [wrk args for the flood...]: the good client's median while the flood runs
  wrk -t1 -c500 -d"$((DURATION + 4))s" "$@" "$BASE/api/v1/me" >/dev/null 2>&1 & local flood=$!
  sleep 2; median_ms; wait "$flood" || true
}
ALONE_MS=$(median_ms)
SAME_MS=$(flooded_ms -H "App-Token: $APP" -H "Token: $(printf 'f%.0s' $(seq 32))")
RANDOM_MS=$(BENCH_APP=$APP flooded_ms -s "$WORK/random-token.lua")
# The flood's address (127.0.0.1, the later figures' too) is refused for the rest of its minute: wait until it is served.
until curl -fs -o /dev/null -H "App-Token: $APP" -H "Token: $TOKEN" "$BASE/api/v1/me"; do sleep 1; done

echo "2. login" >&2
cat >"$WORK/login.lua" <<LUA
wrk.method = "POST"
wrk.body = "username=admin&password=$ADMIN_PASSWORD"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["App-Token"] = "$APP"
LUA
# Few connections and a long timeout: each login is ~100 ms of deliberate hashing, so more would only queue.
# Logins and the in-process hash loop alternate, ROUNDS times each, best of each: a machine whose load changes between
# two measurements would otherwise skew the ratio.
LOGIN_CONNECTIONS=$((2 * $(nproc)))
logins() { CONNECTIONS=$LOGIN_CONNECTIONS rps --timeout 30s -s "$WORK/login.lua" "$BASE/api/v1/token/"; }
hashes() { "$WORK/tool/EnfixPortal.Bench" hash-rate --seconds "$DURATION" | awk '/hash_verifications_per_second/ {print $2}'; }
# At ~30 logins a second the JIT takes most of a minute to finish tiering Identity and EF Core (perf: the JIT 5.5 % of the
# server's CPU after 17 s of logins, 0.05 % after 55 s): the figure is a login's steady cost, so it is warmed longer.
WARMUP=$LOGIN_WARMUP CONNECTIONS=$LOGIN_CONNECTIONS warm --timeout 30s -s "$WORK/login.lua" "$BASE/api/v1/token/"
read -r LOGIN HASH < <(rounds logins hashes)

echo "3. create" >&2
cat >"$WORK/create.lua" <<LUA
wrk.method = "POST"
wrk.body = '{"seconds_until_expire": 86400}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["App-Token"] = "$APP"
wrk.headers["Token"] = "$TOKEN"
LUA
warm -s "$WORK/create.lua" "$BASE/api/v1/app_tokens/"
rm -f "$WORK/inserts.db"*; cli backup --to "$WORK/inserts.db" >/dev/null  # the same schema and indexes, copied consistently while serving
creates() { rps -s "$WORK/create.lua" "$BASE/api/v1/app_tokens/"; }
inserts() { "$WORK/tool/EnfixPortal.Bench" insert-rate --db "$WORK/inserts.db" --seconds "$DURATION" | awk '/raw_inserts_per_second/ {print $2}'; }
read -r CREATE INSERT < <(rounds creates inserts)
stop_server

report() { printf '%-58s %s\n' "$1" "$2"; }
echo
report "machine" "$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), commit $(git rev-parse --short HEAD)"
report "1. GET /healthz (req/s)" "$H1"
report "   GET /api/v1/me, two tokens (req/s)" "$M1"
report "   ratio me / healthz (target >= 0.80)" "$(ratio "$M1" "$H1")"
report "   GET /api/v1/auth/check, forward-auth (req/s)" "$C1"
report "   ratio check / me (target >= 0.90)" "$(ratio "$C1" "$M1")"
report "   check / me within each round" "$(per_round check me)"
report "   server CPU per check (us, median of rounds)" "$(median_cpu check)"
report "   peer identity-bearer /healthz, /me (req/s)" "$PH, $PM"
report "   peer ratio me / healthz" "$(ratio "$PM" "$PH")"
report "   ours / peer's me (target >= 2)" "$(ratio "$M1" "$PM")"
report "   ours / peer's me within each round" "$(per_round me peer_me)"
report "   server CPU per me (us, median of rounds): ours, peer" "$(median_cpu me), $(median_cpu peer_me)"
report "   peer's / our server CPU per me" "$(ratio "$(median_cpu peer_me)" "$(median_cpu me)")"
report "   of which in the kernel (us): ours, peer" "$(median_cpu me 4), $(median_cpu peer_me 4)"
report "   empty ASP.NET Core app: req/s, server CPU per request (us)" "$E1, $(median_cpu empty) (kernel $(median_cpu empty 4))"
report "   peer's CPU per me / the empty app's per request" "$(ratio "$(median_cpu peer_me)" "$(median_cpu empty)")"
report "1b. good client's /me median (ms): alone, 500-connection flood" "$ALONE_MS, same unknown token $SAME_MS, random unknown tokens $RANDOM_MS"
report "2. logins (req/s) / hash verifications on all cores (/s)" "$LOGIN / $HASH"
report "   ratio (target >= 0.9)" "$(ratio "$LOGIN" "$HASH")"
report "   ratio within each round" "$(per_round logins hashes)"
report "3. app tokens created (req/s) / raw insert transactions (/s)" "$CREATE / $INSERT"
report "   ratio (target >= 0.5)" "$(ratio "$CREATE" "$INSERT")"
report "5. portal, 64 app tokens: sign-in until live, first next page (ms)" "$SIGN_IN_MS, $NEXT_PAGE_MS"
[ "$QUICK" = --quick ] && exit 0

echo "4. scale: seeding 1,000,000 app tokens and 1,000,000 user tokens ..." >&2
DB="$WORK/scale.db"; rm -f "$DB"*
cli users create --username seed --password 'Seed-Passw0rd!1' >/dev/null
SEED=$("$WORK/tool/EnfixPortal.Bench" seed --db "$DB")
"$WORK/tool/EnfixPortal.Bench" grid --db "$DB" >"$WORK/grid.txt"
start_server "$DB"
read -r APP TOKEN < <(sign_in)
read -r H4 M4 < <(auth_overhead)
RSS=$(awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$(pgrep -f "$WORK/server/EnfixPortal.dll" | head -n 1)/status")
stop_server
report "4. seeding (s), database file (bytes)" "$(echo "$SEED" | awk '{print $2}' | paste -sd' ')"
report "   GET /healthz, /api/v1/me at 2M tokens (req/s)" "$H4, $M4"
report "   ratio me / healthz at 2M (target: within 5% of $(ratio "$M1" "$H1"))" "$(ratio "$M4" "$H4")"
report "   server resident memory after load (MB, target < 400)" "$RSS"
while read -r name ms; do report "   first grid page + total, ${name#grid_ms_} (ms, target < 50)" "$ms"; done <"$WORK/grid.txt"
