# Shell functions shared by bench/run.sh and bench/compare.sh: start a published EnfixPortal on a fresh SQLite file and
# sign its administrator in. Source it; it sets ADMIN_PASSWORD.
ADMIN_PASSWORD='Bench-Adm1n-Passw0rd!'

wait_until_up() { # $1: URL a started server answers, $2: its log file; fails, naming the log, after a minute
  for _ in $(seq 300); do curl -fs -o /dev/null "$1" && return 0; sleep 0.2; done
  echo "server did not start; see $2" >&2; return 1
}

start_enfix() { # $1: published folder, $2: database file, $3: base URL, $4: log file, then extra NAME=VALUE settings.
  # Starts the server in the background with its shipped settings and waits for /healthz; sets enfix_pid.
  local dir=$1 db=$2 url=$3 log=$4; shift 4
  (cd "$dir" && exec env ConnectionStrings__Enfix="Data Source=$db" Enfix__Bootstrap__AdminPassword="$ADMIN_PASSWORD" \
    ASPNETCORE_ENVIRONMENT=Production "$@" dotnet "$dir/EnfixPortal.dll" --urls "$url" >"$log" 2>&1) &
  enfix_pid=$!
  wait_until_up "$url/healthz" "$log"
}

enfix_cli() { # $1: published folder, $2: database file, then the command line, e.g. app-tokens create ...
  local dir=$1 db=$2; shift 2
  (cd "$dir" && ConnectionStrings__Enfix="Data Source=$db" Enfix__Bootstrap__AdminPassword="$ADMIN_PASSWORD" \
    Logging__LogLevel__Default=Warning dotnet "$dir/EnfixPortal.dll" "$@")
}

sign_in_admin() { # $1: published folder, $2: database file, $3: base URL of the running server; prints "APP TOKEN"
  local app token
  app=$(enfix_cli "$1" "$2" app-tokens create --username admin --name bench | tail -n 1)
  token=$(curl -fsS -H "App-Token: $app" -d "username=admin&password=$ADMIN_PASSWORD" "$3/api/v1/token/" |
    sed -E 's/.*"token": *"([0-9a-f]+)".*/\1/')
  echo "$app $token"
}
