import { act, render, screen } from '@testing-library/react';
import { Suspense } from 'react';
import { I18nProvider, useTranslation } from '@/lib/use-translation.tsx';
import { describe, expect, it } from 'vitest';
import { enCore } from '@/locales/core.en.ts';
import { frCore } from '@/locales/core.fr.ts';
import { createI18n, pageStringsPending, switchLanguage } from './i18n.ts';
import { PageStrings } from './page-strings.tsx';

function MembersTitle() {
  const { t } = useTranslation();
  return <h1>{t('members.title')}</h1>;
}

describe('page strings loaded on demand', () => {
  it(
    'the first load has the core strings only; a page waits for its strings, then renders translated',
    { timeout: 30_000 },
    async () => {
      const i18n = createI18n('en', { en: enCore });
      expect(i18n.exists('members.title')).toBe(false);
      expect(i18n.t('inbox.views.mine')).not.toBe('inbox.views.mine');
      const view = (
        <I18nProvider i18n={i18n}>
          <Suspense fallback={<p>Loading…</p>}>
            <PageStrings>
              <MembersTitle />
            </PageStrings>
          </Suspense>
        </I18nProvider>
      );
      // Inside act, until the strings arrived: React then retries the suspended page.
      await act(() => {
        render(view);
        return pageStringsPending(i18n) ?? Promise.resolve();
      });
      expect(await screen.findByRole('heading', { name: 'Members' }, { timeout: 20_000 })).toBeTruthy();
      expect(pageStringsPending(i18n)).toBeNull();
    },
  );

  it('switching language after a page was opened fetches both string sets of the new language', async () => {
    const i18n = createI18n('en', { en: enCore, fr: frCore });
    await pageStringsPending(i18n);
    await switchLanguage(i18n, 'fr');
    expect(i18n.language).toBe('fr');
    expect(pageStringsPending(i18n)).toBeNull();
    expect(i18n.t('members.title')).toBe('Membres');
  });
});
