import { useTranslation } from '@/lib/use-translation.tsx';
import type reportsEn from '@/locales/reports.en.json';

type Keys = `reports.${keyof (typeof reportsEn)['reports']}`;

/**
 * `t` for the reports strings (locales/reports.*.json), typed on that file's keys: they reach the app's
 * translation type only once merged into locales/pages.*.ts.
 */
export function useReportsText() {
  const { t, i18n } = useTranslation();
  return { t: t as unknown as (key: Keys, options?: Record<string, unknown>) => string, i18n };
}
