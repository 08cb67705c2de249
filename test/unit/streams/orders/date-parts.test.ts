import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dateParts } from '../../../../streams/orders/date-parts.ts';

const at = (iso: string): number => Date.parse(`${iso}Z`);

describe('dateParts', () => {
  it('gives ISO weeks and weekdays at year boundaries as Python’s date.isocalendar() does', () => {
    // [date, ISO week, ISO weekday], from Python's datetime.date.isocalendar().
    const cases: [string, number, number][] = [
      ['2020-12-31', 53, 4],
      ['2021-01-03', 53, 7],
      ['2021-01-04', 1, 1],
      ['2024-12-30', 1, 1],
      ['2023-01-01', 52, 7],
      ['2024-02-29', 9, 4],
      ['2026-06-15', 25, 1],
      ['1970-01-01', 1, 4],
    ];
    for (const [date, week, weekday] of cases) {
      const parts = dateParts(at(`${date}T12:00:00`));
      assert.deepEqual([parts.isoWeek, parts.dayOfWeek], [week, weekday], date);
    }
  });

  it('reads year, quarter, month and day in UTC, at the first and last millisecond of a day', () => {
    assert.deepEqual(dateParts(at('2023-07-17T00:00:00.000')), { year: 2023, quarter: 3, month: 7, day: 17, dayOfWeek: 1, isoWeek: 29 });
    assert.deepEqual(dateParts(at('2023-12-31T23:59:59.999')), { year: 2023, quarter: 4, month: 12, day: 31, dayOfWeek: 7, isoWeek: 52 });
    assert.deepEqual(dateParts(at('2024-04-01T00:00:00.000')), { year: 2024, quarter: 2, month: 4, day: 1, dayOfWeek: 1, isoWeek: 14 });
  });
});
