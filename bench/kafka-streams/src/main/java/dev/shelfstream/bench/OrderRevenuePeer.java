package dev.shelfstream.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The order-revenue job (topology/order-revenue-topology.ts) in Kafka Streams, exactly-once v2:
 * decode and validate orders, re-key them by category|country|currency through a repartition
 * topic, aggregate tumbling windows in event time (the record timestamp) and write every window's
 * latest result to the output topic as JSON, keyed `group|windowStart`.
 *
 * Runs until `records` orders have entered the windowed aggregation, then closes (committing the
 * last transaction) and prints one JSON line: seconds from the first order taken in to the last
 * one aggregated, and the records Kafka Streams dropped as late.
 *
 * Arguments, as key=value: bootstrap, application, input, output, records, avsc, window-ms, grace-ms, threads.
 */
public final class OrderRevenuePeer {
  private static final Duration CLOSE_TIMEOUT = Duration.ofMinutes(2);
  private static final long POLL_MS = 10;

  private OrderRevenuePeer() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> a = arguments(args);
    long expected = Long.parseLong(a.get("records"));
    Schema schema = OrderDecoder.schema(Path.of(a.get("avsc")));
    AtomicLong firstIn = new AtomicLong();
    AtomicLong lastIn = new AtomicLong();
    AtomicLong aggregated = new AtomicLong();
    Topology topology = topology(a, schema, firstIn, lastIn, aggregated, expected);

    Path stateDir = Files.createTempDirectory("kafka-streams-peer-");
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, a.get("application"));
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, a.get("bootstrap"));
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, a.getOrDefault("threads", "1"));
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);

    AtomicReference<Throwable> failure = new AtomicReference<>();
    try (KafkaStreams streams = new KafkaStreams(topology, p)) {
      streams.setUncaughtExceptionHandler(e -> {
        failure.set(e);
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
      });
      streams.start();
      while (aggregated.get() < expected && failure.get() == null) Thread.sleep(POLL_MS);
      double dropped = droppedRecords(streams);
      streams.close(CLOSE_TIMEOUT);
      streams.cleanUp();
      if (failure.get() != null) throw new IllegalStateException("Kafka Streams stopped on an error", failure.get());
      double seconds = (lastIn.get() - firstIn.get()) / 1e9;
      System.out.println("{\"records\":" + aggregated.get() + ",\"seconds\":" + seconds + ",\"droppedRecords\":" + (long) dropped + "}");
    }
  }

  static Topology topology(Map<String, String> a, Schema schema, AtomicLong firstIn, AtomicLong lastIn, AtomicLong aggregated, long expected) {
    ThreadLocal<OrderDecoder> decoders = ThreadLocal.withInitial(() -> new OrderDecoder(schema));
    Duration window = Duration.ofMillis(Long.parseLong(a.getOrDefault("window-ms", "60000")));
    Duration grace = Duration.ofMillis(Long.parseLong(a.get("grace-ms")));
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(a.get("input"), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("orders"))
        .peek((k, v) -> firstIn.compareAndSet(0, System.nanoTime()), Named.as("first-in"))
        .flatMap((k, v) -> {
          GenericRecord o = decoders.get().decode(v);
          return o == null || !OrderRules.valid(o) ? List.<KeyValue<String, byte[]>>of() : List.of(KeyValue.pair(OrderRules.groupKey(o), v));
        }, Named.as("decode-validate-rekey"))
        // The order's bytes go on as they came; the windows' side decodes them again, as ours does.
        .repartition(Repartitioned.<String, byte[]>as("orders-by-category-country-currency").withKeySerde(Serdes.String()).withValueSerde(Serdes.ByteArray()))
        .peek((k, v) -> {
          if (aggregated.incrementAndGet() == expected) lastIn.set(System.nanoTime());
        }, Named.as("last-in"))
        .groupByKey(Grouped.with(Serdes.String(), Serdes.ByteArray()))
        .windowedBy(TimeWindows.ofSizeAndGrace(window, grace))
        .aggregate(
            OrderWindow::new,
            (k, v, w) -> {
              GenericRecord o = decoders.get().decode(v);
              return w.add((Long) o.get("total_amount_minor"), o.get("customer_id").toString());
            },
            Named.as("revenue-windows"),
            Materialized.<String, OrderWindow, WindowStore<Bytes, byte[]>>as("revenue-windows").withKeySerde(Serdes.String()).withValueSerde(OrderWindow.serde()))
        .toStream(Named.as("window-results"))
        .map((wk, w) -> KeyValue.pair(wk.key() + "|" + wk.window().start(), w.toJson(wk.window().start(), wk.window().end())), Named.as("to-json"))
        .to(a.get("output"), Produced.with(Serdes.String(), Serdes.String()));
    return builder.build();
  }

  private static double droppedRecords(KafkaStreams streams) {
    double total = 0;
    for (Metric m : streams.metrics().values()) {
      if (m.metricName().name().equals("dropped-records-total") && m.metricValue() instanceof Double d) total += d;
    }
    return total;
  }

  private static Map<String, String> arguments(String[] args) {
    Map<String, String> map = new HashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq < 1) throw new IllegalArgumentException("arguments are key=value: " + arg);
      map.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    for (String required : List.of("bootstrap", "application", "input", "output", "records", "avsc", "grace-ms")) {
      if (!map.containsKey(required)) throw new IllegalArgumentException("missing " + required + "=");
    }
    return map;
  }
}
