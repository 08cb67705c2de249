package dev.shelfstream.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

/**
 * SalesOrder values in the Confluent wire format: magic byte 0, a 4-byte schema id, then Avro
 * binary. The writer schema is schemas/avro/sales-order.avsc (the only version registered), so
 * the id is not looked up. Not thread-safe: one per stream task.
 */
final class OrderDecoder {
  private static final int HEADER = 5;

  private final GenericDatumReader<GenericRecord> reader;
  private BinaryDecoder decoder;
  private GenericRecord reuse;

  OrderDecoder(Schema schema) {
    this.reader = new GenericDatumReader<>(schema);
  }

  static Schema schema(Path avsc) throws IOException {
    try (InputStream in = Files.newInputStream(avsc)) {
      return new Schema.Parser().parse(in);
    }
  }

  /** The order, or null when the value is not a framed SalesOrder (the peer skips it, as ours dead-letters it). */
  GenericRecord decode(byte[] value) {
    if (value == null || value.length < HEADER || value[0] != 0) return null;
    try {
      decoder = DecoderFactory.get().binaryDecoder(value, HEADER, value.length - HEADER, decoder);
      reuse = reader.read(reuse, decoder);
      return reuse;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
