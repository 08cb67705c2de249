# Shared helpers for docker/local-stack: paths, port settings, process and health handling.
# Every setting is an environment variable with a default, the same names docker-compose.yml uses.
# shellcheck shell=bash

STACK_REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export SHELFSTREAM_STACK_DIR="${SHELFSTREAM_STACK_DIR:-$STACK_REPO_DIR/.stack}"
# Downloads and builds outlive a clone: a fresh checkout on the same machine reuses them.
export SHELFSTREAM_CACHE_DIR="${SHELFSTREAM_CACHE_DIR:-$HOME/.cache/shelfstream}"
export SHELFSTREAM_HOST="${SHELFSTREAM_HOST:-127.0.0.1}"

export SHELFSTREAM_KAFKA_PORT="${SHELFSTREAM_KAFKA_PORT:-9092}"
export SHELFSTREAM_KAFKA_CONTROLLER_PORT="${SHELFSTREAM_KAFKA_CONTROLLER_PORT:-9093}"
# Max heap of the broker JVM: the box has 2 cores and is shared with the other services.
export SHELFSTREAM_KAFKA_HEAP="${SHELFSTREAM_KAFKA_HEAP:-1g}"
export SHELFSTREAM_MINIO_PORT="${SHELFSTREAM_MINIO_PORT:-9000}"
export SHELFSTREAM_MINIO_CONSOLE_PORT="${SHELFSTREAM_MINIO_CONSOLE_PORT:-9001}"
# ClickHouse's native port moves off 9000, which MinIO holds.
export SHELFSTREAM_CLICKHOUSE_HTTP_PORT="${SHELFSTREAM_CLICKHOUSE_HTTP_PORT:-8123}"
export SHELFSTREAM_CLICKHOUSE_TCP_PORT="${SHELFSTREAM_CLICKHOUSE_TCP_PORT:-19000}"
# ClickHouse's only user, reachable from localhost only; an empty password means none.
export SHELFSTREAM_CLICKHOUSE_USER="${SHELFSTREAM_CLICKHOUSE_USER:-default}"
export SHELFSTREAM_CLICKHOUSE_PASSWORD="${SHELFSTREAM_CLICKHOUSE_PASSWORD:-}"
export SHELFSTREAM_ICEBERG_PORT="${SHELFSTREAM_ICEBERG_PORT:-8181}"
export SHELFSTREAM_SCHEMA_REGISTRY_PORT="${SHELFSTREAM_SCHEMA_REGISTRY_PORT:-8081}"

export SHELFSTREAM_S3_ACCESS_KEY="${SHELFSTREAM_S3_ACCESS_KEY:-shelfstream}"
export SHELFSTREAM_S3_SECRET_KEY="${SHELFSTREAM_S3_SECRET_KEY:-shelfstream-secret}"
export SHELFSTREAM_S3_REGION="${SHELFSTREAM_S3_REGION:-us-east-1}"
export SHELFSTREAM_ICEBERG_WAREHOUSE_BUCKET="${SHELFSTREAM_ICEBERG_WAREHOUSE_BUCKET:-warehouse}"
export SHELFSTREAM_RAW_BUCKET="${SHELFSTREAM_RAW_BUCKET:-raw}"

LOG_DIR="$SHELFSTREAM_STACK_DIR/logs"
RUN_DIR="$SHELFSTREAM_STACK_DIR/run"
DATA_DIR="$SHELFSTREAM_STACK_DIR/data"
mkdir -p "$LOG_DIR" "$RUN_DIR" "$DATA_DIR" "$SHELFSTREAM_CACHE_DIR"

say() { printf '[local-stack] %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

# apt-get only when a package is missing; `apt-get update` once per run.
APT_UPDATED=0
ensure_debian_packages() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing Debian packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  if [ "$APT_UPDATED" -eq 0 ]; then $sudo apt-get update -qq >"$LOG_DIR/apt-update.log" 2>&1; APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >"$LOG_DIR/apt-install.log" 2>&1 \
    || die "apt-get install ${missing[*]} failed; see $LOG_DIR/apt-install.log"
}

pid_file() { printf '%s/%s.pid' "$RUN_DIR" "$1"; }

is_running() {
  local f; f="$(pid_file "$1")"
  [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null
}

# start_process NAME CMD...: runs CMD detached in its own session, logging to $LOG_DIR/NAME.log.
start_process() {
  local name="$1"; shift
  setsid nohup "$@" >>"$LOG_DIR/$name.log" 2>&1 < /dev/null &
  echo $! >"$(pid_file "$name")"
}

# stop_process NAME: SIGTERM the process group, then SIGKILL after a grace period.
stop_process() {
  local name="$1" f pid
  f="$(pid_file "$name")"
  [ -f "$f" ] || return 0
  pid="$(cat "$f")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL -- "-$pid" 2>/dev/null || true
  fi
  rm -f "$f"
}

port_open() { (exec 3<>"/dev/tcp/$SHELFSTREAM_HOST/$1") 2>/dev/null; }

# wait_until NAME SECONDS CHECK...: polls CHECK until it succeeds, the process dies, or time runs out.
wait_until() {
  local name="$1" seconds="$2"; shift 2
  local deadline=$((SECONDS + seconds))
  while [ $SECONDS -lt $deadline ]; do
    if "$@" >/dev/null 2>&1; then return 0; fi
    is_running "$name" || { tail -n 30 "$LOG_DIR/$name.log" >&2; die "$name exited while starting; log: $LOG_DIR/$name.log"; }
    sleep 0.5
  done
  tail -n 30 "$LOG_DIR/$name.log" >&2
  die "$name not healthy after ${seconds}s; log: $LOG_DIR/$name.log"
}

# A port held by something that is not ours is a clear error, not a confusing start failure.
require_free_port() {
  local name="$1" port="$2" var="$3"
  port_open "$port" && die "port $port for $name is already in use by another process; set $var to a free port"
  return 0
}
