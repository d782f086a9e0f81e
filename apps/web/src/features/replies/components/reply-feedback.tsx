import { useTranslation } from '@/lib/use-translation.tsx';
import type { ReplyCheck } from '../reply-check.ts';
import type { ReplyTools } from '../use-reply-tools.ts';

/** Near the limit, the remaining count is announced to screen readers as it changes (not on every keystroke). */
const ANNOUNCE_BELOW = 20;

function usd(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: 'USD',
    minimumFractionDigits: 2,
    maximumFractionDigits: 3,
  }).format(value);
}

/**
 * The count (no figure until the counter has loaded, rather than a wrong one): characters left, or the exact
 * figure against the limit once it is reached ("301 / 280"), and what stops or warns about a send.
 */
export function ReplyCount({ check, id }: { check: ReplyCheck | null; id: string }) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language);
  if (!check) return <span className="reply-count" id={id} />;
  const atLimit = check.remaining <= 0;
  const shown = atLimit
    ? t('replies.count.figure', { count: number.format(check.count), max: number.format(check.max) })
    : t('replies.count.remaining', { count: check.remaining, formatted: number.format(check.remaining) });
  const announced = check.over
    ? t('replies.count.over', { over: number.format(check.over) })
    : check.remaining <= ANNOUNCE_BELOW
      ? shown
      : '';
  return (
    <>
      <span className={check.over ? 'reply-count reply-count-over' : 'reply-count'} id={id}>
        {shown}
      </span>
      <span className="visually-hidden" role="status">
        {announced}
      </span>
    </>
  );
}

/** Why the text cannot be sent yet, and what it costs: shown under the field, before any attempt. */
export function ReplyWarnings({ check, tools }: { check: ReplyCheck | null; tools: ReplyTools | null }) {
  const { t, i18n } = useTranslation();
  if (!check || !tools) return null;
  const number = new Intl.NumberFormat(i18n.language);
  const prices = tools.X_POST_PRICES;
  const items: { key: string; text: string; danger?: boolean }[] = [];
  if (check.over)
    items.push({ key: 'over', text: t('replies.count.over', { over: number.format(check.over) }), danger: true });
  if (check.unfilled.length) {
    const names = check.unfilled.map((name) => `{{${name}}}`).join(', ');
    items.push({ key: 'unfilled', text: t('replies.variables.unfilled', { names }), danger: true });
  }
  if (check.uncounted)
    items.push({ key: 'uncounted', text: t('replies.count.uncounted', { mentions: check.uncounted }) });
  if (check.hasUrl) {
    items.push({
      key: 'url',
      text: t('replies.urlCost', {
        factor: tools.X_URL_COST_FACTOR,
        withUrl: usd(prices.withUrl, i18n.language),
        plain: usd(prices.plain, i18n.language),
      }),
    });
  }
  if (items.length === 0) return null;
  return (
    <ul className="reply-warnings">
      {items.map((item) => (
        <li key={item.key} className={item.danger ? 'reply-warning reply-warning-danger' : 'reply-warning'}>
          {item.text}
        </li>
      ))}
    </ul>
  );
}
