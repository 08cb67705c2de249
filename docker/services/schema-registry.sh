# Schema Registry: Shelfstream's own Confluent-compatible registry (schemas/registry), a Node
# process that keeps every schema in Kafka's compacted topic (SHELFSTREAM_SCHEMA_REGISTRY_TOPIC,
# default _schemas), so it needs Kafka up first and has no data directory of its own.
# shellcheck shell=bash

SCHEMA_REGISTRY_URL="http://$SHELFSTREAM_HOST:$SHELFSTREAM_SCHEMA_REGISTRY_PORT"

# Runs from this repository's node_modules: nothing to download beyond `npm ci`.
schema_registry_install() {
  ensure_debian_packages curl
  if [ ! -f "$STACK_REPO_DIR/node_modules/tsx/package.json" ] || [ ! -d "$STACK_REPO_DIR/node_modules/fastify" ]; then
    die "the schema registry runs from the repository's node_modules: run 'npm ci' in $STACK_REPO_DIR first"
  fi
}

schema_registry_start() {
  require_free_port schema-registry "$SHELFSTREAM_SCHEMA_REGISTRY_PORT" SHELFSTREAM_SCHEMA_REGISTRY_PORT
  kafka_healthy || die "the schema registry stores its schemas in Kafka: start kafka first"
  # `--import tsx` resolves from the working directory, hence the repository as cwd.
  (cd "$STACK_REPO_DIR" && start_process schema-registry node --import tsx "$STACK_REPO_DIR/schemas/registry/registry-main.ts")
  # The registry answers only once it has replayed the whole topic.
  wait_until schema-registry 120 schema_registry_healthy
}

# A real API call. With basic auth on, the credentials go to curl through stdin, not argv.
schema_registry_healthy() {
  if [ -n "${SHELFSTREAM_SCHEMA_REGISTRY_BASIC_AUTH:-}" ]; then
    printf 'user = "%s"\n' "$SHELFSTREAM_SCHEMA_REGISTRY_BASIC_AUTH" \
      | curl -fsS --max-time 3 -K - "$SCHEMA_REGISTRY_URL/subjects" >/dev/null
  else
    curl -fsS --max-time 3 "$SCHEMA_REGISTRY_URL/subjects" >/dev/null
  fi
}

schema_registry_describe() {
  printf '%s topic=%s%s%s' "$SCHEMA_REGISTRY_URL" "${SHELFSTREAM_SCHEMA_REGISTRY_TOPIC:-_schemas}" \
    "${SHELFSTREAM_SCHEMA_REGISTRY_BASIC_AUTH:+ basic-auth}" \
    "$([ "${SHELFSTREAM_SCHEMA_REGISTRY_READ_ONLY:-false}" = true ] && echo ' read-only')"
}
