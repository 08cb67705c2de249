export type { Window, WindowKind, WindowAssigner } from './window.ts';
export { windowContains } from './window.ts';
export { tumbling, type TumblingOptions } from './tumbling.ts';
export { hopping, type HoppingOptions } from './hopping.ts';
export { session, type SessionAssigner, type SessionMerge, type SessionOptions } from './session.ts';
export { WatermarkTracker, END_OF_INPUT, NO_WATERMARK, WATERMARK_KEY, type WatermarkEntry, type WatermarkTrackerOptions } from './watermark-tracker.ts';
export { windowClosePolicy, type WindowClosePolicy, type WindowClosePolicyOptions } from './window-close-policy.ts';
