# ClickHouse: Debian's clickhouse-server package (18.16 on bookworm), run in the foreground with
# the project's own config (docker/clickhouse/*.xml). Data: $DATA_DIR/clickhouse.
# shellcheck shell=bash

CLICKHOUSE_TEMPLATE_DIR="$STACK_REPO_DIR/docker/clickhouse"
CLICKHOUSE_CONF_DIR="$RUN_DIR/clickhouse"
CLICKHOUSE_DATA_DIR="$DATA_DIR/clickhouse"

clickhouse_install() {
  ensure_debian_packages clickhouse-server clickhouse-client gettext-base curl
}

# Renders the templates on every start, so changed settings apply to the existing data.
clickhouse_render_config() {
  [[ "$SHELFSTREAM_CLICKHOUSE_USER" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] \
    || die "SHELFSTREAM_CLICKHOUSE_USER must be letters, digits and '_' (it becomes an XML element name)"
  mkdir -p "$CLICKHOUSE_CONF_DIR" "$CLICKHOUSE_DATA_DIR"
  # Only the password's hash lands on disk; the hash of "" accepts an empty password.
  local f sha vars
  sha="$(printf '%s' "$SHELFSTREAM_CLICKHOUSE_PASSWORD" | sha256sum | cut -d' ' -f1)"
  # shellcheck disable=SC2016 # envsubst takes the names literally: only these are replaced
  vars='${SHELFSTREAM_HOST} ${SHELFSTREAM_CLICKHOUSE_HTTP_PORT} ${SHELFSTREAM_CLICKHOUSE_TCP_PORT} ${SHELFSTREAM_CLICKHOUSE_USER} ${CLICKHOUSE_DATA_DIR} ${CLICKHOUSE_PASSWORD_SHA256}'
  for f in config.xml users.xml; do
    CLICKHOUSE_DATA_DIR="$CLICKHOUSE_DATA_DIR" CLICKHOUSE_PASSWORD_SHA256="$sha" \
      envsubst "$vars" <"$CLICKHOUSE_TEMPLATE_DIR/$f" >"$CLICKHOUSE_CONF_DIR/$f"
  done
  chmod 600 "$CLICKHOUSE_CONF_DIR/users.xml"
}

clickhouse_start() {
  require_free_port clickhouse "$SHELFSTREAM_CLICKHOUSE_HTTP_PORT" SHELFSTREAM_CLICKHOUSE_HTTP_PORT
  require_free_port clickhouse "$SHELFSTREAM_CLICKHOUSE_TCP_PORT" SHELFSTREAM_CLICKHOUSE_TCP_PORT
  clickhouse_render_config
  # Runs as the invoking user (root is accepted by 18.16); without --daemon it stays in the foreground.
  start_process clickhouse /usr/sbin/clickhouse-server --config-file="$CLICKHOUSE_CONF_DIR/config.xml"
  wait_until clickhouse 60 clickhouse_healthy
}

# /ping answers without authentication; SELECT 1 proves the configured user can query.
clickhouse_healthy() {
  local url="http://$SHELFSTREAM_HOST:$SHELFSTREAM_CLICKHOUSE_HTTP_PORT"
  [ "$(curl -fsS --max-time 2 "$url/ping")" = "Ok." ] || return 1
  [ "$(curl -fsS --max-time 5 -u "$SHELFSTREAM_CLICKHOUSE_USER:$SHELFSTREAM_CLICKHOUSE_PASSWORD" \
    --data-binary 'SELECT 1' "$url/")" = "1" ]
}

clickhouse_describe() {
  printf 'http://%s:%s native=%s:%s user=%s data=%s\n' \
    "$SHELFSTREAM_HOST" "$SHELFSTREAM_CLICKHOUSE_HTTP_PORT" "$SHELFSTREAM_HOST" "$SHELFSTREAM_CLICKHOUSE_TCP_PORT" \
    "$SHELFSTREAM_CLICKHOUSE_USER" "$CLICKHOUSE_DATA_DIR"
}
