"""The project's REST catalog for pyiceberg, from the environment (SHELFSTREAM_ICEBERG_CATALOG_URL,
SHELFSTREAM_ICEBERG_WAREHOUSE, SHELFSTREAM_S3_*), so no secret shows in a process listing."""

import os

from pyiceberg.catalog import load_catalog


def rest_catalog():
    env = os.environ
    return load_catalog(
        "shelfstream",
        **{
            "type": "rest",
            "uri": env["SHELFSTREAM_ICEBERG_CATALOG_URL"],
            "warehouse": env["SHELFSTREAM_ICEBERG_WAREHOUSE"],
            "s3.endpoint": env["SHELFSTREAM_S3_ENDPOINT"],
            "s3.access-key-id": env["SHELFSTREAM_S3_ACCESS_KEY"],
            "s3.secret-access-key": env["SHELFSTREAM_S3_SECRET_KEY"],
            "s3.region": env["SHELFSTREAM_S3_REGION"],
            "s3.path-style-access": "true",
        },
    )
