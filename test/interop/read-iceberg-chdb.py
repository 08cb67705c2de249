"""Reads an Iceberg table with chDB (ClickHouse in-process) through its icebergS3 table function on MinIO.

Usage: read-iceberg-chdb.py <metadata-location> [select-list]   (s3://bucket/<table>/metadata/NNNNN-....metadata.json)
S3 settings come from the environment (SHELFSTREAM_S3_ENDPOINT, SHELFSTREAM_S3_ACCESS_KEY,
SHELFSTREAM_S3_SECRET_KEY). Prints {"rows": [...]} as arrow_rows gives them, of the select list
(default *; ClickHouse SQL, e.g. "* REPLACE (lower(hex(payload)) AS payload)").

icebergS3 takes the table's root and, left alone, picks the highest-numbered metadata file; the
table setting iceberg_metadata_file_path (inside the call: it is no query setting) pins the one the catalog names, as the other readers read it.
"""

import json
import os
import sys

import chdb

from arrow_rows import arrow_rows


def quoted(text):
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def main():
    bucket_and_key = sys.argv[1].removeprefix("s3://")
    select = sys.argv[2] if len(sys.argv) > 2 else "*"
    root, _, metadata_file = bucket_and_key.partition("/metadata/")
    env = os.environ
    url = f"{env['SHELFSTREAM_S3_ENDPOINT'].rstrip('/')}/{root}/"
    query = (
        f"SELECT {select} FROM icebergS3({quoted(url)}, {quoted(env['SHELFSTREAM_S3_ACCESS_KEY'])}, {quoted(env['SHELFSTREAM_S3_SECRET_KEY'])},"
        f" SETTINGS iceberg_metadata_file_path = {quoted('metadata/' + metadata_file)})"
    )
    print(json.dumps({"rows": arrow_rows(chdb.query(query, "ArrowTable"))}))


if __name__ == "__main__":
    main()
