"""pyiceberg as another writer of a table, with its random 63-bit snapshot ids; prints one JSON document.

Usage:
  iceberg-snapshot-ids.py append <namespace.table> <first-id> <count>
      Creates the table unless it exists (id long, category string, event_time timestamptz; partitioned
      by category: pyiceberg appends to a day partition only with its optional Rust core) and appends rows id first-id.. (category "py", event_time id hours after
      2026-01-01) until the head's snapshot id is above 2^53, as most of pyiceberg's are; prints the
      head's id and the ids appended.
  iceberg-snapshot-ids.py history <namespace.table>
      Prints the snapshots (ids and parents) and each manifest's added_snapshot_id of the head.
Snapshot ids are printed as strings: a JSON number that large is rounded by JavaScript's JSON.parse.
The catalog and S3 settings come from the environment (rest_catalog.py).
"""

import datetime
import json
import sys

import pyarrow as pa
from pyiceberg.exceptions import NoSuchTableError
from pyiceberg.partitioning import PartitionField, PartitionSpec
from pyiceberg.schema import Schema
from pyiceberg.transforms import IdentityTransform
from pyiceberg.types import LongType, NestedField, StringType, TimestamptzType
from rest_catalog import rest_catalog

SCHEMA = Schema(
    NestedField(1, "id", LongType(), required=False),
    NestedField(2, "category", StringType(), required=False),
    NestedField(3, "event_time", TimestamptzType(), required=False),
)
SPEC = PartitionSpec(PartitionField(source_id=2, field_id=1000, transform=IdentityTransform(), name="category"))
JAN1 = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)


def append(name, first, count):
    cat = rest_catalog()
    try:
        table = cat.load_table(name)
    except NoSuchTableError:
        cat.create_namespace_if_not_exists(name.rsplit(".", 1)[0])
        table = cat.create_table(name, schema=SCHEMA, partition_spec=SPEC)
    appended = []
    # One in 1024 of pyiceberg's ids is below 2^53: append again until the head's is above.
    for attempt in range(8):
        ids = list(range(first + attempt * count, first + (attempt + 1) * count))
        rows = pa.table(
            {
                "id": pa.array(ids, pa.int64()),
                "category": pa.array(["py"] * len(ids), pa.string()),
                "event_time": pa.array([JAN1 + datetime.timedelta(hours=i) for i in ids], pa.timestamp("us", tz="UTC")),
            }
        )
        table.append(rows)
        appended += ids
        if table.current_snapshot().snapshot_id > 2**53:
            break
    print(json.dumps({"snapshot_id": str(table.current_snapshot().snapshot_id), "ids": appended}))


def history(name):
    table = rest_catalog().load_table(name)
    manifests = table.current_snapshot().manifests(table.io)
    print(
        json.dumps(
            {
                "snapshots": [
                    {"snapshot_id": str(s.snapshot_id), "parent_id": None if s.parent_snapshot_id is None else str(s.parent_snapshot_id), "operation": s.summary.operation.value}
                    for s in table.snapshots()
                ],
                "manifest_snapshot_ids": sorted(str(m.added_snapshot_id) for m in manifests),
            }
        )
    )


if __name__ == "__main__":
    command, table_name = sys.argv[1], sys.argv[2]
    if command == "append":
        append(table_name, int(sys.argv[3]), int(sys.argv[4]))
    else:
        history(table_name)
