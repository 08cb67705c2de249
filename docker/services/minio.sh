# MinIO: the S3 store behind the Iceberg warehouse and the raw landing bucket.
# shellcheck shell=bash

# MinIO ships as source only through a registry we reach, so it is built with `go install`.
# The Go module proxy serves only the repository's final commit (archived 2026-02-13:
# RELEASE.2025-10-15T17-29-55Z plus maintenance commits), not the RELEASE tags themselves.
MINIO_MODULE_VERSION="v0.0.0-20260212201848-7aac2a2c5b7c"
MINIO_BIN="$SHELFSTREAM_CACHE_DIR/minio-$MINIO_MODULE_VERSION/minio"
MINIO_URL="http://$SHELFSTREAM_HOST:$SHELFSTREAM_MINIO_PORT"

minio_install() {
  ensure_debian_packages curl
  [ -x "$MINIO_BIN" ] && return 0
  command -v go >/dev/null || die "MinIO is built from source: install Go >= 1.24 first"
  say "building MinIO $MINIO_MODULE_VERSION from source (several minutes on a cold Go cache)"
  GOBIN="$(dirname "$MINIO_BIN")" GOTOOLCHAIN=local GOFLAGS="${GOFLAGS:-} -buildvcs=false" \
    go install "github.com/minio/minio@$MINIO_MODULE_VERSION" >"$LOG_DIR/minio-install.log" 2>&1 \
    || die "building MinIO failed; see $LOG_DIR/minio-install.log"
}

# minio_s3 CURL_ARGS...: a SigV4-signed S3 request; the credentials go through stdin, not argv.
minio_s3() {
  printf 'user = "%s:%s"\n' "$SHELFSTREAM_S3_ACCESS_KEY" "$SHELFSTREAM_S3_SECRET_KEY" \
    | curl -sS --max-time 10 -K - --aws-sigv4 "aws:amz:$SHELFSTREAM_S3_REGION:s3" "$@"
}

minio_create_bucket() {
  local out
  out="$(minio_s3 -X PUT -w '\nHTTP %{http_code}' "$MINIO_URL/$1")" || die "creating bucket $1 failed"
  [[ "$out" == *"HTTP 200" || "$out" == *BucketAlreadyOwnedByYou* ]] || die "creating bucket $1 failed: $out"
}

minio_start() {
  require_free_port minio "$SHELFSTREAM_MINIO_PORT" SHELFSTREAM_MINIO_PORT
  require_free_port minio "$SHELFSTREAM_MINIO_CONSOLE_PORT" SHELFSTREAM_MINIO_CONSOLE_PORT
  [ "${#SHELFSTREAM_S3_SECRET_KEY}" -ge 8 ] || die "MinIO needs SHELFSTREAM_S3_SECRET_KEY of at least 8 characters"
  mkdir -p "$DATA_DIR/minio"
  # Root credentials by environment so they stay off the process list; the site region makes
  # MinIO accept requests signed for SHELFSTREAM_S3_REGION.
  MINIO_ROOT_USER="$SHELFSTREAM_S3_ACCESS_KEY" MINIO_ROOT_PASSWORD="$SHELFSTREAM_S3_SECRET_KEY" \
    MINIO_SITE_REGION="$SHELFSTREAM_S3_REGION" MINIO_UPDATE=off \
    start_process minio "$MINIO_BIN" server "$DATA_DIR/minio" \
      --address "$SHELFSTREAM_HOST:$SHELFSTREAM_MINIO_PORT" \
      --console-address "$SHELFSTREAM_HOST:$SHELFSTREAM_MINIO_CONSOLE_PORT"
  wait_until minio 60 minio_healthy
  minio_create_bucket "$SHELFSTREAM_ICEBERG_WAREHOUSE_BUCKET"
  minio_create_bucket "$SHELFSTREAM_RAW_BUCKET"
}

minio_healthy() {
  curl -fsS --max-time 2 -o /dev/null "$MINIO_URL/minio/health/ready"
}

minio_describe() {
  echo "$MINIO_URL console=http://$SHELFSTREAM_HOST:$SHELFSTREAM_MINIO_CONSOLE_PORT buckets=$SHELFSTREAM_ICEBERG_WAREHOUSE_BUCKET,$SHELFSTREAM_RAW_BUCKET data=$DATA_DIR/minio"
}
