"""Confluent's own Python serdes against a Schema Registry, for Shelfstream's interop tests.

Values travel as JSON lines in Shelfstream's shapes: `date` as days since the epoch,
`timestamp-millis` as epoch milliseconds, `bytes` as {"$bytes": "<hex>"}, unions unwrapped.

  serialize   --registry URL --subject S --schema FILE     JSON lines in, framed hex lines out
  deserialize --registry URL                               framed hex lines in, JSON lines out
  produce     --registry URL --bootstrap HOST:PORT --topic T --schema FILE
              JSON lines {"key": "...", "value": {...}} in; Producer + AvroSerializer, <topic>-key/-value
  consume     --registry URL --bootstrap HOST:PORT --topic T --group G --count N [--timeout S]
              DeserializingConsumer + AvroDeserializer; JSON lines {"key", "value"} out
"""

import argparse
import datetime
import json
import sys
import time

from confluent_kafka import DeserializingConsumer, Producer
from confluent_kafka.schema_registry import SchemaRegistryClient
from confluent_kafka.schema_registry.avro import AvroDeserializer, AvroSerializer
from confluent_kafka.serialization import MessageField, SerializationContext

EPOCH_DAY = datetime.date(1970, 1, 1)
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
MILLISECOND = datetime.timedelta(milliseconds=1)


def to_python(value):
    """Shelfstream's JSON shape to what fastavro writes."""
    if isinstance(value, dict):
        if set(value) == {"$bytes"}:
            return bytes.fromhex(value["$bytes"])
        return {k: to_python(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_python(v) for v in value]
    return value


def to_json(value):
    """What fastavro reads to Shelfstream's JSON shape."""
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_json(v) for v in value]
    if isinstance(value, (bytes, bytearray)):
        return {"$bytes": bytes(value).hex()}
    if isinstance(value, datetime.datetime):
        return (value - EPOCH) // MILLISECOND
    if isinstance(value, datetime.date):
        return (value - EPOCH_DAY).days
    return value


def compact_schema(path):
    # Compact as JSON.stringify writes it, so both sides register the very same text.
    with open(path, encoding="utf-8") as f:
        return json.dumps(json.load(f), separators=(",", ":"), ensure_ascii=False)


def lines():
    for line in sys.stdin:
        if line.strip():
            yield line


def serialize(args, registry):
    subject = args.subject
    serializer = AvroSerializer(
        registry,
        compact_schema(args.schema),
        conf={"auto.register.schemas": True, "subject.name.strategy": lambda ctx, record_name: subject},
    )
    ctx = SerializationContext("interop", MessageField.VALUE)
    for line in lines():
        print(serializer(to_python(json.loads(line)), ctx).hex(), flush=True)


def deserialize(args, registry):
    deserializer = AvroDeserializer(registry)
    ctx = SerializationContext("interop", MessageField.VALUE)
    for line in lines():
        print(json.dumps(to_json(deserializer(bytes.fromhex(line.strip()), ctx))), flush=True)


def produce(args, registry):
    keys = AvroSerializer(registry, '"string"')
    values = AvroSerializer(registry, compact_schema(args.schema))
    producer = Producer({"bootstrap.servers": args.bootstrap, "acks": "all", "enable.idempotence": True})
    failures = []

    def delivered(error, message):
        if error is not None:
            failures.append(str(error))

    count = 0
    for line in lines():
        record = json.loads(line)
        producer.produce(
            args.topic,
            key=keys(record["key"], SerializationContext(args.topic, MessageField.KEY)),
            value=values(to_python(record["value"]), SerializationContext(args.topic, MessageField.VALUE)),
            on_delivery=delivered,
        )
        count += 1
    left = producer.flush(60)
    if left > 0 or failures:
        sys.exit(f"{left} records undelivered, failures: {failures}")
    print(json.dumps({"produced": count}))


def consume(args, registry):
    consumer = DeserializingConsumer(
        {
            "bootstrap.servers": args.bootstrap,
            "group.id": args.group,
            "auto.offset.reset": "earliest",
            "enable.auto.commit": False,
            "key.deserializer": AvroDeserializer(registry),
            "value.deserializer": AvroDeserializer(registry),
        }
    )
    consumer.subscribe([args.topic])
    deadline = time.monotonic() + args.timeout
    read = 0
    try:
        while read < args.count and time.monotonic() < deadline:
            message = consumer.poll(1.0)
            if message is None:
                continue
            if message.error() is not None:
                sys.exit(f"consumer error: {message.error()}")
            print(json.dumps({"key": message.key(), "value": to_json(message.value())}), flush=True)
            read += 1
    finally:
        consumer.close()
    if read < args.count:
        sys.exit(f"read {read} of {args.count} records before the {args.timeout} s deadline")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["serialize", "deserialize", "produce", "consume"])
    parser.add_argument("--registry", required=True)
    parser.add_argument("--subject")
    parser.add_argument("--schema")
    parser.add_argument("--bootstrap")
    parser.add_argument("--topic")
    parser.add_argument("--group")
    parser.add_argument("--count", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=60)
    args = parser.parse_args()
    registry = SchemaRegistryClient({"url": args.registry})
    {"serialize": serialize, "deserialize": deserialize, "produce": produce, "consume": consume}[args.command](args, registry)


if __name__ == "__main__":
    main()
