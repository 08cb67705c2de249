package dev.shelfstream.bench;

import java.util.Currency;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.avro.generic.GenericRecord;

/** streams/orders/order-rules.ts in Java: the business rules an order must pass to be counted. */
final class OrderRules {
  private static final Pattern CURRENCY_CODE = Pattern.compile("^[A-Z]{3}$");
  private static final Set<String> ISO_4217 =
      Currency.getAvailableCurrencies().stream().map(Currency::getCurrencyCode).collect(Collectors.toUnmodifiableSet());

  private OrderRules() {}

  static boolean valid(GenericRecord o) {
    long unit = (Long) o.get("unit_price_minor");
    long tax = (Long) o.get("tax_minor");
    long shipping = (Long) o.get("shipping_cost_minor");
    long total = (Long) o.get("total_amount_minor");
    int discount = (Integer) o.get("discount_bps");
    String currency = o.get("currency").toString();
    return (Integer) o.get("quantity") > 0
        && unit >= 0 && tax >= 0 && shipping >= 0 && total >= 0
        && discount >= 0 && discount <= 10_000
        && !o.get("category").toString().trim().isEmpty()
        && CURRENCY_CODE.matcher(currency).matches() && ISO_4217.contains(currency);
  }

  /** streams/orders/order-group.ts: `category|country|currency`, the repartition key and the windows' key. */
  static String groupKey(GenericRecord o) {
    return o.get("category") + "|" + o.get("country") + "|" + o.get("currency");
  }
}
