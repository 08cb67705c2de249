import type { WindowClock, WindowMarks } from '../dashboard/dashboard-types.ts';
import { utc } from '../sales/sales-format.ts';

const LABELS = { open: 'open', grace: 'in grace', final: 'final' } as const;
const MEANINGS = {
  open: 'its window has not ended: the watermark is before its end',
  grace: 'its window has ended, and records within the grace period may still change it',
  final: 'its window is past its end plus the grace period',
} as const;

/** A number's window state, and "corrected" when a late record changed it after it was final. */
export function WindowMark({ marks }: { marks: WindowMarks }) {
  return (
    <span class="window-marks">
      <span class={`window-mark ${marks.state}`} data-testid="window-state" data-state={marks.state} title={MEANINGS[marks.state]}>
        {LABELS[marks.state]}
      </span>
      {marks.corrected ? (
        <span class="window-mark corrected" data-testid="window-corrected" title="a late record changed a window of this number after it was final">
          corrected
        </span>
      ) : null}
    </span>
  );
}

/** What the marks are judged against: the watermark proxy and the grace. */
export function WindowClockNote({ clock }: { clock: WindowClock }) {
  const minutes = clock.graceMs / 60_000;
  return (
    <span data-testid="window-clock">
      watermark {clock.watermarkMs === null ? 'none yet' : `${utc(clock.watermarkMs)} UTC`} (latest event time in ClickHouse), grace{' '}
      {Number.isInteger(minutes) ? `${minutes} min` : `${clock.graceMs / 1000} s`} (SHELFSTREAM_CONSOLE_WINDOW_GRACE_MS)
    </span>
  );
}
