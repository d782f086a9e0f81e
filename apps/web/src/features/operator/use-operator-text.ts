import { useTranslation } from '@/lib/use-translation.tsx';
import type operatorEn from '@/locales/operator.en.json';

type Strings = (typeof operatorEn)['operator'];
type Leaves<T, P extends string> = {
  [K in keyof T & string]: T[K] extends string ? `${P}.${K}` : Leaves<T[K], `${P}.${K}`>;
}[keyof T & string];
type Keys = Leaves<Strings, 'operator'>;

/**
 * `t` for the operator console's strings (locales/operator.*.json), typed on that file's keys; money and day
 * formats in the page's language. Comps end at midnight UTC: `lastDay` is the day before that instant, in UTC.
 */
export function useOperatorText() {
  const { t, i18n } = useTranslation();
  const money = (cents: number, currency: string) =>
    new Intl.NumberFormat(i18n.language, { style: 'currency', currency }).format(cents / 100);
  const lastDay = (endsAt: string) =>
    new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: 'UTC' }).format(
      new Date(Date.parse(endsAt) - 1),
    );
  return {
    t: t as unknown as (key: Keys, options?: Record<string, unknown>) => string,
    common: t,
    i18n,
    money,
    lastDay,
  };
}
