# Sourced by test.sh with the folder of Debian's PostgreSQL binaries: starts a throwaway server for one test run on
# 127.0.0.1 (the first free port from 55432), exports ENFIX_TEST_POSTGRES, and defines stop_test_postgres.
# Durability is off (fsync, full pages): the cluster lives only as long as the run.
pg_bindir=$1
pg_root=$(mktemp -d "${TMPDIR:-/tmp}/enfix-pg.XXXXXX")
if [ "$(id -u)" = 0 ]; then
  chown postgres: "$pg_root"
  as_pg() { runuser -u postgres -- "$@"; }
else
  as_pg() { "$@"; }
fi
pg_password=$(od -An -N18 -tx1 /dev/urandom | tr -d ' \n')
printf '%s\n' "$pg_password" >"$pg_root/password"
chmod 600 "$pg_root/password"
[ "$(id -u)" = 0 ] && chown postgres: "$pg_root/password"

stop_test_postgres() {
  as_pg "$pg_bindir/pg_ctl" -D "$pg_root/data" -m immediate stop >/dev/null 2>&1
  rm -rf "$pg_root"
}

(cd / && as_pg "$pg_bindir/initdb" -D "$pg_root/data" -U postgres --pwfile="$pg_root/password" --auth=scram-sha-256 \
  --no-locale -E UTF8 >"$pg_root/initdb.log" 2>&1) || { cat "$pg_root/initdb.log" >&2; rm -rf "$pg_root"; return 1; }
pg_port=
for port in $(seq 55432 55531); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && continue
  if (cd / && as_pg "$pg_bindir/pg_ctl" -D "$pg_root/data" -l "$pg_root/server.log" -w -t 60 -o \
      "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$pg_root -c max_connections=300 -c fsync=off -c full_page_writes=off -c synchronous_commit=off" \
      start >/dev/null); then
    pg_port=$port
    break
  fi
done
if [ -z "$pg_port" ]; then cat "$pg_root/server.log" >&2; rm -rf "$pg_root"; return 1; fi
export ENFIX_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Password=$pg_password"
echo "test.sh: PostgreSQL $("$pg_bindir/postgres" --version | awk '{print $3}') for the tests on 127.0.0.1:$pg_port" >&2
