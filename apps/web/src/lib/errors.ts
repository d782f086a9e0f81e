import type { ErrorCode, HISTORY_FEATURE } from '@perch/shared';
import { useTranslation } from '@/lib/use-translation.tsx';
import { isApiError } from './trpc.ts';

/** The server's stable error code (`error.data.perchCode`), or null for a network failure or a non-API error. */
export function perchCodeOf(error: unknown): ErrorCode | null {
  if (!isApiError(error)) return null;
  return error.data?.perchCode ?? null;
}

/** Field errors from a zod validation on the server, by input field name. */
export function fieldErrorsOf(error: unknown): Record<string, string[]> {
  if (!isApiError(error)) return {};
  const fields = error.data?.fieldErrors;
  return fields && typeof fields === 'object' ? fields : {};
}

function retryAfterSecondsOf(error: unknown): number | null {
  if (!isApiError(error)) return null;
  const value = error.data?.details?.['retryAfterSeconds'];
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;
}

/** A duration such as "45 seconds" / "3 minutes", in the interface language, without plural keys. */
export function formatWait(seconds: number, locale: string): string {
  const minutes = Math.ceil(seconds / 60);
  const [value, unit] = seconds < 60 ? [Math.ceil(seconds), 'second'] : [minutes, 'minute'];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}

/** PAYMENT_REQUIRED's `feature` for a conversation older than its plan's history (a literal: first-load code). */
const HISTORY: typeof HISTORY_FEATURE = 'history';

/**
 * A plan or seat refusal's specifics (PAYMENT_REQUIRED details: the cheapest plan, the seats taken, or the days of
 * history the plan keeps when a conversation is older).
 */
function paymentDetailsOf(error: unknown): { planId?: string; seats?: number; historyDays?: number } {
  if (!isApiError(error)) return {};
  const details = error.data?.details ?? {};
  return {
    ...(typeof details['planId'] === 'string' ? { planId: details['planId'] } : {}),
    ...(details['feature'] === 'seats' && typeof details['seats'] === 'number' ? { seats: details['seats'] } : {}),
    ...(details['feature'] === HISTORY && typeof details['retentionDays'] === 'number'
      ? { historyDays: details['retentionDays'] }
      : {}),
  };
}

/** Whether the error is a conversation older than the history its brand's plan keeps (docs/billing.md, Retention). */
export const isHiddenHistory = (error: unknown) => paymentDetailsOf(error).historyDays !== undefined;

/** Plan names are proper nouns, the same in every language: "pro" → "Pro". */
export const planName = (id: string) => id.charAt(0).toUpperCase() + id.slice(1);

/**
 * Turns any error into a translated sentence. `overrides` lets a screen say something more precise for a code
 * (e.g. NOT_FOUND on an invitation link).
 */
export function useErrorMessage() {
  const { t, i18n } = useTranslation();
  return (error: unknown, overrides: Partial<Record<ErrorCode, string>> = {}): string => {
    const code = perchCodeOf(error);
    if (code === null) return isApiError(error) ? t('errors.NETWORK') : t('errors.INTERNAL');
    const override = overrides[code];
    if (override) return override;
    if (code === 'PAYMENT_REQUIRED') {
      const { planId, seats, historyDays } = paymentDetailsOf(error);
      if (seats !== undefined) return t('errors.PAYMENT_REQUIRED_seats', { seats });
      if (historyDays !== undefined) return t('errors.PAYMENT_REQUIRED_history', { days: historyDays });
      if (planId) return t('errors.PAYMENT_REQUIRED_plan', { plan: planName(planId) });
    }
    if (code === 'TOO_MANY_ATTEMPTS') {
      const wait = retryAfterSecondsOf(error);
      if (wait !== null) return t('errors.TOO_MANY_ATTEMPTS_wait', { duration: formatWait(wait, i18n.language) });
    }
    return t(`errors.${code}`);
  };
}
