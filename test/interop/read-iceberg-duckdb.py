"""Reads an Iceberg table with DuckDB's iceberg extension straight from its metadata file on MinIO.

Usage: read-iceberg-duckdb.py <metadata-location>   (s3://bucket/.../metadata/NNNNN-....metadata.json)
S3 settings come from the environment (SHELFSTREAM_S3_ENDPOINT, SHELFSTREAM_S3_ACCESS_KEY,
SHELFSTREAM_S3_SECRET_KEY, SHELFSTREAM_S3_REGION). Prints {"rows": [...]} as arrow_rows gives them.

The extensions come from their PyPI wheels (duckdb-extension-*, pinned in duckdb.txt at DuckDB's own
version) and are loaded from the wheels' files: autoinstall and autoload are off, so a run never
downloads an extension and a version mismatch fails here instead of fetching another build.
"""

import json
import os
import sys
import urllib.parse
from pathlib import Path

import duckdb
import duckdb_extension_avro
import duckdb_extension_httpfs
import duckdb_extension_iceberg

from arrow_rows import arrow_rows

# The iceberg extension reads manifests and manifest lists through avro; with autoload off it must be loaded too.
EXTENSIONS = [(duckdb_extension_httpfs, "httpfs"), (duckdb_extension_avro, "avro"), (duckdb_extension_iceberg, "iceberg")]


def extension_file(package, name):
    return Path(package.__file__).parent / "extensions" / f"v{duckdb.__version__}" / f"{name}.duckdb_extension"


def main():
    metadata_location = sys.argv[1]
    env = os.environ
    endpoint = urllib.parse.urlsplit(env["SHELFSTREAM_S3_ENDPOINT"])
    con = duckdb.connect(config={"autoinstall_known_extensions": False, "autoload_known_extensions": False})
    for package, name in EXTENSIONS:
        con.execute(f"LOAD '{extension_file(package, name)}'")
    con.execute(
        "CREATE SECRET minio (TYPE s3, KEY_ID $key, SECRET $secret, REGION $region, ENDPOINT $endpoint, URL_STYLE 'path', USE_SSL $ssl)",
        {
            "key": env["SHELFSTREAM_S3_ACCESS_KEY"],
            "secret": env["SHELFSTREAM_S3_SECRET_KEY"],
            "region": env["SHELFSTREAM_S3_REGION"],
            "endpoint": endpoint.netloc,
            "ssl": endpoint.scheme == "https",
        },
    )
    table = con.execute("SELECT * FROM iceberg_scan(?)", [metadata_location]).to_arrow_table()
    print(json.dumps({"rows": arrow_rows(table)}))


if __name__ == "__main__":
    main()
