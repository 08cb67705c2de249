package dev.shelfstream.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The measures of one window of orders that ours (streams/orders/order-measures.ts) gives exactly:
 * count, revenue (sum of total_amount_minor), smallest, largest, the distinct customers, kept as
 * a set (ours counts exactly up to 1000 customers a window, then estimates with HyperLogLog), and
 * the order-value quantiles, estimated from the same DDSketch bins as ours.
 */
final class OrderWindow {
  long count;
  long sum;
  long min = Long.MAX_VALUE;
  long max = Long.MIN_VALUE;
  final Set<String> customers = new HashSet<>();
  final OrderValueQuantiles quantiles = new OrderValueQuantiles();

  OrderWindow add(long amount, String customer) {
    count++;
    sum += amount;
    min = Math.min(min, amount);
    max = Math.max(max, amount);
    customers.add(customer);
    quantiles.add(amount);
    return this;
  }

  /** As to-window-aggregate.ts writes it: avg is sum / count rounded half up (Math.round in both). */
  String toJson(long windowStart, long windowEnd) {
    return "{\"window_start\":" + windowStart + ",\"window_end\":" + windowEnd + ",\"count\":" + count + ",\"sum\":" + sum
        + ",\"min\":" + min + ",\"max\":" + max + ",\"avg\":" + Math.round((double) sum / count)
        + ",\"distinct_count\":" + customers.size() + quantilesJson() + "}";
  }

  private String quantilesJson() {
    StringBuilder json = new StringBuilder();
    for (int permille : OrderValueQuantiles.PERMILLES) json.append(",\"p").append(permille).append("\":").append(quantiles.at(permille, count, min, max));
    return json.toString();
  }

  static Serde<OrderWindow> serde() {
    Serializer<OrderWindow> serializer = (topic, w) -> {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        out.writeLong(w.count);
        out.writeLong(w.sum);
        out.writeLong(w.min);
        out.writeLong(w.max);
        out.writeInt(w.customers.size());
        for (String c : w.customers) out.writeUTF(c);
        out.writeLong(w.quantiles.zeroCount);
        out.writeInt(w.quantiles.bins.size());
        for (var bin : w.quantiles.bins.entrySet()) {
          out.writeInt(bin.getKey());
          out.writeLong(bin.getValue());
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return bytes.toByteArray();
    };
    Deserializer<OrderWindow> deserializer = (topic, data) -> {
      if (data == null) return null;
      OrderWindow w = new OrderWindow();
      try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
        w.count = in.readLong();
        w.sum = in.readLong();
        w.min = in.readLong();
        w.max = in.readLong();
        for (int n = in.readInt(); n > 0; n--) w.customers.add(in.readUTF());
        w.quantiles.zeroCount = in.readLong();
        for (int n = in.readInt(); n > 0; n--) w.quantiles.bins.put(in.readInt(), in.readLong());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return w;
    };
    return Serdes.serdeFrom(serializer, deserializer);
  }
}
