import { useTranslation } from '@/lib/use-translation.tsx';
import type billingEn from '@/locales/billing.en.json';

type Strings = (typeof billingEn)['billing'];
type Leaves<T, P extends string> = {
  [K in keyof T & string]: T[K] extends string ? `${P}.${K}` : Leaves<T[K], `${P}.${K}`>;
}[keyof T & string];
type Keys = Leaves<Strings, 'billing'>;

/** `t` for the billing strings (locales/billing.*.json), typed on that file's keys, and money in the page's language. */
export function useBillingText() {
  const { t, i18n } = useTranslation();
  const money = (cents: number, currency: string) =>
    new Intl.NumberFormat(i18n.language, { style: 'currency', currency }).format(cents / 100);
  return { t: t as unknown as (key: Keys, options?: Record<string, unknown>) => string, i18n, money };
}
