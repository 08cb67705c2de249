"""Reads an Iceberg table with pyiceberg through the REST catalog and MinIO; prints one JSON document.

Usage: read-iceberg.py <namespace.table> [--filter EXPR]...
The catalog and S3 settings come from the environment (SHELFSTREAM_ICEBERG_CATALOG_URL,
SHELFSTREAM_ICEBERG_WAREHOUSE, SHELFSTREAM_S3_ENDPOINT, SHELFSTREAM_S3_ACCESS_KEY,
SHELFSTREAM_S3_SECRET_KEY, SHELFSTREAM_S3_REGION), so no secret shows in a process listing.
Prints the rows (timestamps as epoch microseconds, decimals as strings, bytes as hex, sorted by
their JSON), the snapshots with their summaries, the data files a full scan plans and, per
--filter, the files and rows the filtered scan plans and reads.
"""

import argparse
import json

from arrow_rows import arrow_rows
from rest_catalog import rest_catalog


def rows_of(scan):
    return arrow_rows(scan.to_arrow())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("table")
    parser.add_argument("--filter", action="append", default=[])
    args = parser.parse_args()
    table = rest_catalog().load_table(args.table)
    scan = table.scan()
    out = {
        "rows": rows_of(scan),
        "files": len(list(scan.plan_files())),
        "snapshots": [
            {"snapshot_id": s.snapshot_id, "parent_id": s.parent_snapshot_id, "summary": s.summary.additional_properties | {"operation": s.summary.operation.value}}
            for s in table.snapshots()
        ],
        "filtered": [],
    }
    for expression in args.filter:
        filtered = table.scan(row_filter=expression)
        out["filtered"].append({"filter": expression, "files": len(list(filtered.plan_files())), "rows": rows_of(filtered)})
    print(json.dumps(out))


if __name__ == "__main__":
    main()
