"""The order-revenue job (topology/order-revenue-topology.ts) in Spark Structured Streaming.

Reads the orders topic from its earliest offset, decodes the Confluent wire format (magic byte 0,
a 4-byte schema id, then Avro binary written with schemas/avro/sales-order.avsc, the only version
registered, so the id is not looked up) with from_avro, keeps the orders that pass the business
rules (streams/orders/order-rules.ts), groups them by `category|country|currency` into tumbling
event-time windows (the record timestamp), and writes each window's final result to the output
topic as JSON keyed `group|windowStart`, as the Kafka Streams peer does (bench/kafka-streams).

Runs once over what the topic holds when it starts (Trigger.AvailableNow), in local mode, then
prints one JSON line: records taken in, seconds, micro-batches, rows the watermark dropped, and the
JVM's CPU seconds over the query and its peak resident memory.

Usage: order_revenue_peer.py --bootstrap B --input T --output T --avsc F --jars J1,J2 [--window-ms
60000] [--watermark-ms 15000] [--partitions 3] [--max-offsets-per-trigger N] [--checkpoint DIR]
"""

import argparse
import json
import os
import tempfile
import time

from pyspark.sql import Column, SparkSession
from pyspark.sql import functions as F
from pyspark.sql.avro.functions import from_avro

HEADER = 5
PERMILLES = (500, 900, 990)
# streams/aggregations/quantiles.ts: a DDSketch of @datadog/sketches-js at relative accuracy 0.01,
# values in logarithmic bins; bench/kafka-streams/OrderValueQuantiles.java ports it to the JVM, and
# this file to Spark SQL, whose log, log1p, log2 and pow are the JVM's StrictMath (fdlibm, as V8's).
RELATIVE_ACCURACY = 0.01
GAMMA_MANTISSA = 2 * RELATIVE_ACCURACY / (1 - RELATIVE_ACCURACY)
GAMMA = 1 + GAMMA_MANTISSA


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    for name in ("bootstrap", "input", "output", "avsc", "jars"):
        parser.add_argument(f"--{name}", required=True)
    parser.add_argument("--window-ms", type=int, default=60_000)
    parser.add_argument("--watermark-ms", type=int, default=15_000)
    parser.add_argument("--partitions", type=int, default=3)
    parser.add_argument("--max-offsets-per-trigger", type=int, default=0, help="0: everything in one micro-batch")
    parser.add_argument("--checkpoint")
    return parser.parse_args()


def valid(currencies: list[str]) -> Column:
    """order-rules.ts: the rules an order must pass to be counted."""
    amounts = ("unit_price_minor", "tax_minor", "shipping_cost_minor", "total_amount_minor")
    rule = F.col("quantity") > 0
    for amount in amounts:
        rule = rule & (F.col(amount) >= 0)
    # JavaScript's trim() strips Unicode spaces and the BOM as well as ASCII whitespace.
    blank = F.col("category").rlike(r"^[\s\p{Z}\x{FEFF}]*$")
    return (
        rule
        & F.col("discount_bps").between(0, 10_000)
        & ~blank
        & F.col("currency").rlike("^[A-Z]{3}$")
        & F.col("currency").isin(currencies)
    )


def log2(amount: Column) -> Column:
    """V8's log2 is exact for powers of two, where log(v) / log(2) may miss by a bit; the others as Spark's log2."""
    power_of_two = amount.bitwiseAND(amount - 1) == 0
    return F.when(power_of_two, F.bit_count(amount - 1).cast("double")).otherwise(F.log2(amount))


def quantile(permille: int, multiplier: float) -> Column:
    """
    The DDSketch estimate at `permille`, as OrderValueQuantiles.at: the value of the bin holding
    rank q * (count - 1), zeros first, clamped to the exact min and max and rounded half up. With
    the window's non-zero bin keys sorted, the bin where the running count first passes the rank is
    the one at index floor(rank) - zeros.
    """
    rank = F.lit(permille / 1000.0) * (F.col("count") - 1).cast("double")
    index = (F.floor(rank) - F.col("zeros")).cast("int")
    key = F.get(F.col("bins"), index).cast("double")
    value = F.pow(F.lit(2.0), key / F.lit(multiplier)) * F.lit(2 / (1 + GAMMA))
    estimate = F.when(rank >= F.col("zeros"), value).otherwise(F.lit(0.0))
    clamped = F.least(F.col("max").cast("double"), F.greatest(F.col("min").cast("double"), estimate))
    return F.round(clamped, 0).cast("long").alias(f"p{permille}")


def jvm_usage(pid: int) -> tuple[float, int]:
    """CPU seconds (user + system) and peak resident bytes of a process, from /proc."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    cpu = (int(fields[11]) + int(fields[12])) / ticks
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        peak = next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmHWM:"))
    return cpu, peak


def main() -> None:
    a = arguments()
    spark = (
        SparkSession.builder.master("local[2]")
        .appName("order-revenue-peer")
        .config("spark.jars", a.jars)
        .config("spark.driver.memory", "2g")
        .config("spark.ui.enabled", "false")
        # One state partition per repartition-topic partition of ours, not Spark's 200.
        .config("spark.sql.shuffle.partitions", str(a.partitions))
        # Every micro-batch's progress, for the totals below (Spark keeps the last 100 by default).
        .config("spark.sql.streaming.numRecentProgressUpdates", "1000000")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    jvm = spark._jvm  # noqa: SLF001: py4j is the only way to the driver JVM's pid and ISO 4217 list
    pid = int(jvm.java.lang.ProcessHandle.current().pid())
    # The same ISO 4217 list as the Kafka Streams peer: the JVM's.
    currencies = sorted(str(c.getCurrencyCode()) for c in jvm.java.util.Currency.getAvailableCurrencies())
    # Computed by Spark so that the constant is StrictMath's to the last bit, as in the JVM peer.
    multiplier = spark.sql(f"SELECT (1 / log1p(CAST({GAMMA_MANTISSA!r} AS DOUBLE))) * ln(2D) AS m").first()["m"]
    with open(a.avsc, encoding="utf-8") as f:
        schema = f.read()

    source = (
        spark.readStream.format("kafka")
        .option("kafka.bootstrap.servers", a.bootstrap)
        .option("subscribe", a.input)
        .option("startingOffsets", "earliest")
        # Transactional producers leave markers; count only committed records, as ours reads.
        .option("kafka.isolation.level", "read_committed")
    )
    if a.max_offsets_per_trigger > 0:
        source = source.option("maxOffsetsPerTrigger", a.max_offsets_per_trigger)
    framed = source.load().where((F.length("value") >= HEADER) & (F.substring("value", 1, 1) == F.lit(bytes([0]))))
    body = F.expr(f"substring(value, {HEADER + 1})")
    orders = (
        framed.select(F.col("timestamp").alias("event_time"), from_avro(body, schema, {"mode": "PERMISSIVE"}).alias("o"))
        .where(F.col("o").isNotNull())
        .select("event_time", "o.*")
        .where(valid(currencies))
        .withColumn("amount", F.col("total_amount_minor"))
        .withColumn("group", F.concat_ws("|", "category", "country", "currency"))
        .withColumn("bin", F.when(F.col("amount") > 0, F.ceil(log2(F.col("amount")) * F.lit(multiplier))))
    )
    windows = (
        orders.withWatermark("event_time", f"{a.watermark_ms} milliseconds")
        .groupBy(F.window("event_time", f"{a.window_ms} milliseconds"), "group")
        .agg(
            F.count("*").alias("count"),
            F.sum("amount").alias("sum"),
            F.min("amount").alias("min"),
            F.max("amount").alias("max"),
            # Exact; streaming aggregations take no count(DISTINCT).
            F.size(F.collect_set("customer_id")).alias("distinct_count"),
            F.count_if(F.col("bin").isNull()).alias("zeros"),
            F.sort_array(F.collect_list("bin")).alias("bins"),
        )
    )
    start = F.unix_millis(F.col("window.start"))
    results = windows.select(
        F.concat_ws("|", "group", start.cast("string")).alias("key"),
        F.to_json(
            F.struct(
                start.alias("window_start"),
                F.unix_millis(F.col("window.end")).alias("window_end"),
                "count",
                "sum",
                "min",
                "max",
                F.round(F.col("sum") / F.col("count"), 0).cast("long").alias("avg"),
                "distinct_count",
                *(quantile(p, multiplier) for p in PERMILLES),
            )
        ).alias("value"),
    )

    checkpoint = a.checkpoint or tempfile.mkdtemp(prefix="spark-peer-")
    cpu_before, _ = jvm_usage(pid)
    started = time.perf_counter()
    query = (
        results.writeStream.format("kafka")
        .option("kafka.bootstrap.servers", a.bootstrap)
        .option("topic", a.output)
        .option("checkpointLocation", checkpoint)
        # A window leaves once, when the watermark passes its end: the final result, as ours emits it.
        .outputMode("append")
        .trigger(availableNow=True)
        .start()
    )
    query.awaitTermination()
    seconds = time.perf_counter() - started
    cpu_after, peak = jvm_usage(pid)
    progress = query.recentProgress
    data_batches = [p for p in progress if p["numInputRows"] > 0]
    result = {
        "records": sum(p["numInputRows"] for p in progress),
        "seconds": seconds,
        "batches": len(data_batches),
        "batchSeconds": sum(p["durationMs"].get("triggerExecution", 0) for p in data_batches) / 1000,
        "droppedByWatermark": sum(s.get("numRowsDroppedByWatermark", 0) for p in progress for s in p["stateOperators"]),
        "windowsInState": progress[-1]["stateOperators"][0]["numRowsTotal"] if progress and progress[-1]["stateOperators"] else 0,
        "jvmCpuSeconds": cpu_after - cpu_before,
        "jvmPeakRssBytes": peak,
        "sparkVersion": spark.version,
    }
    spark.stop()
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
