/**
 * Everything the composer computes with, loaded together through one dynamic `import()` (use-reply-tools.ts):
 * twitter-text (~100 KB) and the zod-backed `@perch/shared` barrel stay out of the inbox's first load (P8) and
 * out of the conversation pane's chunk; they arrive a few milliseconds after the pane opens.
 */
export { measureReply, X_POST_PRICES, X_URL_COST_FACTOR, type ReplyMeasure } from '@perch/shared/reply-text';
export {
  CANCELABLE_STATES,
  CANNED_VARIABLES,
  fillVariables,
  firstNameOf,
  hasVariables,
  REPLY_LIMITS,
  variablesIn,
} from '@perch/shared';
