# Iceberg REST catalog: Apache Iceberg's own REST catalog server (the runnable jar published as
# org.apache.iceberg:iceberg-open-api), with table metadata in a SQLite file and table files
# written through S3FileIO into MinIO's warehouse bucket.
# shellcheck shell=bash

ICEBERG_VERSION="1.10.1"
ICEBERG_REST_DIR="$SHELFSTREAM_CACHE_DIR/iceberg-rest-$ICEBERG_VERSION"
# The jar bundles the server, the JDBC catalog, sqlite-jdbc, Jetty and the AWS SDK v2.
ICEBERG_REST_JAR="$ICEBERG_REST_DIR/iceberg-open-api-$ICEBERG_VERSION.jar"
ICEBERG_REST_LAUNCHER="$STACK_REPO_DIR/docker/iceberg-rest/LoopbackRESTCatalogServer.java"
ICEBERG_REST_URL="http://$SHELFSTREAM_HOST:$SHELFSTREAM_ICEBERG_PORT"

# Compiled launcher classes are keyed by the source's hash, so editing the source recompiles.
iceberg_rest_classes() {
  local sum
  sum="$(sha256sum "$ICEBERG_REST_LAUNCHER")"
  printf '%s/launcher-%s' "$ICEBERG_REST_DIR" "${sum:0:12}"
}

iceberg_rest_install() {
  ensure_debian_packages openjdk-17-jdk-headless maven curl
  if [ ! -f "$ICEBERG_REST_JAR" ]; then
    say "fetching iceberg-open-api $ICEBERG_VERSION (about 210 MB) from Maven Central"
    mvn -B -q -C org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
      -Dartifact="org.apache.iceberg:iceberg-open-api:$ICEBERG_VERSION" \
      -DoutputDirectory="$ICEBERG_REST_DIR" >"$LOG_DIR/iceberg-rest-install.log" 2>&1 \
      || die "fetching iceberg-open-api failed; see $LOG_DIR/iceberg-rest-install.log"
  fi
  local classes
  classes="$(iceberg_rest_classes)"
  [ -d "$classes" ] && return 0
  rm -rf "$ICEBERG_REST_DIR"/launcher-*
  javac -cp "$ICEBERG_REST_JAR" -d "$classes.tmp" "$ICEBERG_REST_LAUNCHER" >>"$LOG_DIR/iceberg-rest-install.log" 2>&1 \
    || die "compiling $ICEBERG_REST_LAUNCHER failed; see $LOG_DIR/iceberg-rest-install.log"
  mv "$classes.tmp" "$classes"
}

iceberg_rest_start() {
  require_free_port iceberg-rest "$SHELFSTREAM_ICEBERG_PORT" SHELFSTREAM_ICEBERG_PORT
  minio_healthy 2>/dev/null || die "iceberg-rest stores table files in MinIO: run 'docker/local-stack up minio' first"
  mkdir -p "$DATA_DIR/iceberg-rest"
  # CATALOG_* variables are the server's catalog properties (see the launcher source).
  # One JDBC connection: SQLite allows one writer, and a second pooled connection only adds
  # "database is locked" failures under concurrent commits.
  CATALOG_URI="jdbc:sqlite:$DATA_DIR/iceberg-rest/catalog.db" \
    CATALOG_CLIENTS=1 \
    CATALOG_WAREHOUSE="s3://$SHELFSTREAM_ICEBERG_WAREHOUSE_BUCKET/" \
    CATALOG_IO__IMPL=org.apache.iceberg.aws.s3.S3FileIO \
    CATALOG_S3_ENDPOINT="http://$SHELFSTREAM_HOST:$SHELFSTREAM_MINIO_PORT" \
    CATALOG_S3_PATH__STYLE__ACCESS=true \
    CATALOG_REST_HOST="$SHELFSTREAM_HOST" \
    CATALOG_REST_PORT="$SHELFSTREAM_ICEBERG_PORT" \
    AWS_ACCESS_KEY_ID="$SHELFSTREAM_S3_ACCESS_KEY" \
    AWS_SECRET_ACCESS_KEY="$SHELFSTREAM_S3_SECRET_KEY" \
    AWS_REGION="$SHELFSTREAM_S3_REGION" \
    start_process iceberg-rest java -Xmx512m -cp "$(iceberg_rest_classes):$ICEBERG_REST_JAR" \
      org.apache.iceberg.rest.LoopbackRESTCatalogServer
  wait_until iceberg-rest 90 iceberg_rest_healthy
}

iceberg_rest_healthy() {
  curl -fsS --max-time 2 -o /dev/null "$ICEBERG_REST_URL/v1/config"
}

iceberg_rest_describe() {
  echo "$ICEBERG_REST_URL warehouse=s3://$SHELFSTREAM_ICEBERG_WAREHOUSE_BUCKET/ data=$DATA_DIR/iceberg-rest"
}
