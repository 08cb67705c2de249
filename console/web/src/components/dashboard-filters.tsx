import { LAST_RANGES, type LastRange } from '../dashboard/dashboard-types.ts';
import { setQuery, type Route } from '../route.ts';

/** A filter offered: its URL key, its label, and the values it may take now. */
export interface FilterChoice {
  readonly name: string;
  readonly label: string;
  readonly values: readonly string[];
}

/** The view's query as the dashboard's stream takes it: the range keys and `names`, from the URL. */
export function viewQuery(route: Route, names: readonly string[], more: Record<string, string> = {}): string {
  const keys = ['last', 'from', 'to', ...names];
  const pairs = keys.flatMap((k) => (route.query.get(k) === null ? [] : [[k, route.query.get(k) ?? '']]));
  return new URLSearchParams([...Object.entries(more), ...pairs]).toString();
}

/** The range (`last`, or a fixed `from`–`to` shared by link) and the filters, all kept in the URL. */
export function DashboardFilters({ route, choices, defaultLast }: { route: Route; choices: readonly FilterChoice[]; defaultLast: LastRange }) {
  const fixed = route.query.get('from') !== null;
  return (
    <div class="filters">
      <label>
        Range{' '}
        <select
          data-testid="filter-range"
          value={fixed ? 'fixed' : (route.query.get('last') ?? defaultLast)}
          onChange={(e) => {
            const value = e.currentTarget.value;
            if (value !== 'fixed') setQuery(route, { last: value, from: '', to: '' });
          }}
        >
          {Object.keys(LAST_RANGES).map((k) => <option key={k} value={k}>last {k}</option>)}
          {fixed ? <option value="fixed">{`${route.query.get('from') ?? ''} → ${route.query.get('to') ?? ''}`}</option> : null}
        </select>
      </label>
      {choices.map(({ name, label, values }) => {
        const current = route.query.get(name) ?? '';
        const options = current === '' || values.includes(current) ? values : [current, ...values];
        return (
          <label key={name}>
            {label}{' '}
            <select data-testid={`filter-${name}`} value={current} onChange={(e) => { setQuery(route, { [name]: e.currentTarget.value }); }}>
              <option value="">all</option>
              {options.map((v) => <option key={v} value={v}>{v}</option>)}
            </select>
          </label>
        );
      })}
    </div>
  );
}

