package dev.shelfstream.bench;

import java.util.Map;
import java.util.TreeMap;

/**
 * Order-value quantiles as ours estimates them (streams/aggregations/quantiles.ts, a DDSketch of
 * @datadog/sketches-js 2.1 at relative accuracy 0.01): values counted in logarithmic bins, key
 * ceil(log2(v) * multiplier), a quantile the value of the bin holding rank q * (count - 1), clamped
 * to the exact min and max. The same bins give the same estimates, so the two sides can be compared
 * exactly. StrictMath is fdlibm, from which V8's Math functions are ported; a last-bit difference in
 * a logarithm would move a key only for a value on a bin's very edge.
 * Amounts are never negative (the rules reject them), so there is no negative store.
 */
final class OrderValueQuantiles {
  static final int[] PERMILLES = {500, 900, 990};
  private static final double RELATIVE_ACCURACY = 0.01;
  private static final double GAMMA_MANTISSA = 2 * RELATIVE_ACCURACY / (1 - RELATIVE_ACCURACY);
  private static final double GAMMA = 1 + GAMMA_MANTISSA;
  private static final double MULTIPLIER = (1 / StrictMath.log1p(GAMMA_MANTISSA)) * StrictMath.log(2);
  private static final double MIN_POSSIBLE = StrictMath.pow(2, -1023) * GAMMA;

  final TreeMap<Integer, Long> bins = new TreeMap<>();
  long zeroCount;

  void add(long value) {
    if (value > MIN_POSSIBLE) bins.merge(key(value), 1L, Long::sum);
    else zeroCount++;
  }

  private static int key(double value) {
    return (int) Math.ceil(log2(value) * MULTIPLIER);
  }

  /** Exact for powers of two, as the FreeBSD log2 that V8 ports is. */
  private static double log2(double value) {
    long bits = Double.doubleToRawLongBits(value);
    if ((bits & 0x000fffffffffffffL) == 0) return Math.getExponent(value);
    return StrictMath.log(value) / StrictMath.log(2);
  }

  private static double value(int key) {
    return StrictMath.pow(2, key / MULTIPLIER) * (2 / (1 + GAMMA));
  }

  /** The estimate at `permille` of `count` values between `min` and `max`, rounded as to-window-aggregate.ts does. */
  long at(int permille, long count, long min, long max) {
    double rank = permille / 1000.0 * (count - 1);
    double estimate = 0;
    if (rank >= zeroCount) {
      double running = zeroCount;
      estimate = value(bins.lastKey());
      for (Map.Entry<Integer, Long> bin : bins.entrySet()) {
        running += bin.getValue();
        if (running > rank) {
          estimate = value(bin.getKey());
          break;
        }
      }
    }
    return Math.round(Math.min(max, Math.max(min, estimate)));
  }
}
