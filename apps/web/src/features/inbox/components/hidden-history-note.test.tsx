import type { HiddenHistory } from '@perch/shared';
import { render, screen } from '@testing-library/react';
import { I18nProvider } from '@/lib/use-translation.tsx';
import { describe, expect, it } from 'vitest';
import { createI18n } from '@/lib/i18n.ts';
import { en } from '@/locales/en.ts';
import { fr } from '@/locales/fr.ts';
import { brandsFixture, ids } from '@/testing/fixtures.ts';
import { TestRouter } from '@/testing/test-router.tsx';
import { HiddenHistoryNote } from './hidden-history-note.tsx';

const free: HiddenHistory = {
  brandId: ids.brandCargo,
  planId: 'free',
  retentionDays: 30,
  before: '2026-10-31T00:00:00.000Z',
  upgradePlanId: 'pro',
};

function renderNote(props: Partial<Parameters<typeof HiddenHistoryNote>[0]>, locale: 'en' | 'fr' = 'en') {
  return render(
    <TestRouter>
      <I18nProvider i18n={createI18n(locale, { en, fr })}>
        <HiddenHistoryNote
          hidden={[free]}
          brands={brandsFixture}
          named={false}
          role="owner"
          organizationId={ids.org}
          {...props}
        />
      </I18nProvider>
    </TestRouter>,
  );
}

describe('hidden history note', () => {
  it('offers the upgrade to those who may buy a plan', () => {
    renderNote({});
    expect(screen.getByRole('note').textContent).toBe(
      'Older history is hidden on the Free plan (30 days). Upgrade to Pro to see it',
    );
    expect(screen.getByRole('link', { name: 'Upgrade to Pro to see it' }).getAttribute('href')).toBe(
      `/o/${ids.org}/billing`,
    );
  });

  it('names the brand when the list holds several, in French too', () => {
    renderNote({ named: true, role: 'manager' }, 'fr');
    expect(screen.getByRole('note').textContent).toBe(
      'Skyward Cargo : l’historique plus ancien est masqué avec l’offre Free (30 jours).',
    );
    expect(screen.queryByRole('link')).toBeNull();
  });

  it('says nothing when nothing is hidden', () => {
    const { container } = renderNote({ hidden: [] });
    expect(container.textContent).toBe('');
  });
});
