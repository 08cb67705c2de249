"""Runs SQL statements in one chDB session (ClickHouse in-process) for the tests.

Each line on stdin is a JSON list of statements; for each line, one line on stdout: {"results":
[rows of statement 1, rows of statement 2, ...]} with rows as JSON objects (64-bit integers as
numbers, as the server is asked to give them), or {"error": "..."} at the first statement that
fails. The session lives as long as the process, so a test sends migrations, inserts and queries
line by line. Usage: run-chdb.py [session-dir]
"""
import json
import sys
import tempfile

from chdb import session


def main() -> None:
    path = sys.argv[1] if len(sys.argv) > 1 else tempfile.mkdtemp(prefix="chdb-")
    sess = session.Session(path)
    sess.query("SET output_format_json_quote_64bit_integers = 0")
    for line in sys.stdin:
        if not line.strip():
            continue
        results = []
        try:
            for statement in json.loads(line):
                text = str(sess.query(statement, "JSONEachRow"))
                results.append([json.loads(row) for row in text.splitlines() if row.strip()])
            answer = {"results": results}
        except Exception as error:  # the test shows chDB's own message
            answer = {"error": str(error)}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
