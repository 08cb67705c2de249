"""Rows of an Arrow table as plain JSON values, so every Iceberg reader's output compares alike.

Timestamps become epoch microseconds, dates days since the epoch, decimals strings, bytes hex, and
maps (which pyarrow gives as lists of key/value tuples) objects; rows are sorted by their JSON.
"""

import datetime
import decimal
import json


def plain(value):
    if isinstance(value, datetime.datetime):
        epoch = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
        return (value - epoch) // datetime.timedelta(microseconds=1)
    if isinstance(value, datetime.date):
        return (value - datetime.date(1970, 1, 1)).days
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, (bytes, bytearray)):
        return value.hex()
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        if value and all(isinstance(item, tuple) and len(item) == 2 for item in value):
            return {key: plain(item) for key, item in value}
        return [plain(item) for item in value]
    return value


def arrow_rows(table):
    rows = [plain(row) for row in table.to_pylist()]
    return sorted(rows, key=lambda row: json.dumps(row, sort_keys=True))
