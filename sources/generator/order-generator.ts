import type { OrderStatus, PaymentMethod, SalesOrder } from '../../schemas/types/sales-order.ts';
import { DiurnalClock } from './diurnal-clock.ts';
import type { GeneratedEvent, GeneratorOptions } from './generated-event.ts';
import { SeededRandom } from '../seeded-random.ts';
import { syntheticCatalog } from './synthetic-catalog.ts';
import { CITIES, COUNTRIES, FIRST_NAMES, LAST_NAMES } from './vocabulary.ts';
import { WeightedChoice, zipfWeights } from './weighted-choice.ts';

const DAY_MS = 86_400_000;
const CUSTOMERS = 50_000;
const SELLERS = 1_500;
/** Shares seen in the sales dataset (quantities, discounts, payment methods and statuses). */
const QUANTITY = new WeightedChoice<number>([[1, 0.35], [2, 0.25], [3, 0.18], [4, 0.12], [5, 0.1]]);
const DISCOUNT_BPS = new WeightedChoice<number>([[0, 0.41], [500, 0.18], [1000, 0.13], [1500, 0.13], [2000, 0.11], [2500, 0.02], [3000, 0.02]]);
const PAYMENT = new WeightedChoice<PaymentMethod>([
  ['CREDIT_CARD', 0.34], ['DEBIT_CARD', 0.21], ['UPI', 0.17], ['AMAZON_PAY', 0.15], ['NET_BANKING', 0.11], ['CASH_ON_DELIVERY', 0.02],
]);
const STATUS = new WeightedChoice<OrderStatus>([['DELIVERED', 0.7], ['SHIPPED', 0.13], ['PENDING', 0.07], ['CANCELLED', 0.07], ['RETURNED', 0.03]]);
const COUNTRY = new WeightedChoice(COUNTRIES);
/** Repeat customers: a Zipf over customer ids, gentler than products'. */
const CUSTOMER = new WeightedChoice(zipfWeights(Array.from({ length: CUSTOMERS }, (_, i) => i), 0.6));
/** The dataset files a product under another category in some rows; so do we. */
const CATEGORY_SLIP = 0.15;
const NO_TAX = 0.05;
const FREE_SHIPPING = 0.1;

/**
 * Synthetic sales orders like the Amazon sales dataset's, with realistic skew: Zipf-popular
 * categories and products, log-normal prices around each product's own, repeat customers, event
 * times that follow the day. Totals are exact in cents: quantity × price × (1 − discount), rounded
 * half up, plus tax and shipping. Deterministic: the same options give the same orders.
 */
export function* generateOrders(options: GeneratorOptions): Generator<GeneratedEvent<SalesOrder>> {
  const catalog = syntheticCatalog(options.seed, options.catalogSize);
  const root = new SeededRandom(options.seed);
  const random = root.fork(2);
  const clock = new DiurnalClock(root.fork(3), options.start, options.eventsPerSecond);
  for (let i = 0; i < options.count; i++) {
    const timestamp = clock.next();
    const product = catalog.sample(random);
    const customer = CUSTOMER.sample(random);
    const quantity = QUANTITY.sample(random);
    const unit = Math.max(1, Math.round(product.basePriceMinor * random.logNormal(0, 0.08)));
    const discount = DISCOUNT_BPS.sample(random);
    const net = Math.floor((quantity * unit * (10_000 - discount) + 5_000) / 10_000);
    const tax = random.chance(NO_TAX) ? 0 : Math.round(net * (0.05 + 0.13 * random.next()));
    const shipping = random.chance(FREE_SHIPPING) ? 0 : random.int(0, 1_500);
    const [city, state] = random.pick(CITIES);
    const order: SalesOrder = {
      order_id: `ORD${String(i + 1).padStart(7, '0')}`,
      order_date: Math.floor(timestamp / DAY_MS),
      customer_id: `CUST${String(customer + 1).padStart(6, '0')}`,
      customer_name: customerName(customer),
      product_id: product.productId,
      product_name: product.name,
      category: random.chance(CATEGORY_SLIP) ? random.pick(catalog.categories) : product.category,
      brand: product.brand,
      quantity,
      unit_price_minor: unit,
      discount_bps: discount,
      tax_minor: tax,
      shipping_cost_minor: shipping,
      total_amount_minor: net + tax + shipping,
      currency: 'USD',
      payment_method: PAYMENT.sample(random),
      order_status: STATUS.sample(random),
      city,
      state,
      country: COUNTRY.sample(random),
      seller_id: `SELL${String(random.int(1, SELLERS)).padStart(5, '0')}`,
    };
    yield { key: order.order_id, value: order, timestamp };
  }
}

/** A customer's name, fixed by the id; 200 names for 50,000 ids, so one name has many ids, as in the dataset. */
function customerName(customer: number): string {
  const first = FIRST_NAMES[customer % FIRST_NAMES.length] ?? 'Aarav';
  const last = LAST_NAMES[Math.floor(customer / FIRST_NAMES.length) % LAST_NAMES.length] ?? 'Patel';
  return `${first} ${last}`;
}
