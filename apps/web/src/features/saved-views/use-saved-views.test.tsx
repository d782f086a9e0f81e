import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { renderPage, settlePages } from '@/testing/render-page.tsx';
import { ids, meFixture } from '@/testing/fixtures.ts';
import { callsTo, trpcError } from '@/testing/trpc-mock.ts';
import { useCreateSavedView, useSavedViews, type SavedView } from './use-saved-views.ts';

const view = (id: string, name: string): SavedView => ({
  id,
  name,
  shared: false,
  ownerUserId: ids.user,
  mine: true,
  editable: true,
  definition: { view: 'all_open', filters: {}, sort: 'priority' },
  position: 0,
  createdAt: '2026-03-01T10:00:00.000Z',
  updatedAt: '2026-03-01T10:00:00.000Z',
});

function Probe() {
  const views = useSavedViews(ids.org);
  const create = useCreateSavedView(ids.org);
  return (
    <div>
      <ul aria-label="views">
        {(views.data ?? []).map((v) => (
          <li key={v.id}>{v.name}</li>
        ))}
      </ul>
      <button
        type="button"
        onClick={() =>
          void create
            .create({ name: 'Urgent', shared: true, definition: { filters: { priorities: ['urgent'] } } })
            .catch(() => {})
        }
      >
        save
      </button>
      {create.isError ? <p role="alert">refused</p> : null}
    </div>
  );
}

afterEach(settlePages);

describe('saved-view hooks', () => {
  it('list the views and create one with the organization, then refresh the list', async () => {
    let views = [view('0190a7e2-0000-7000-8000-0000000b1001', 'Mine')];
    renderPage(<Probe />, {
      resolvers: {
        'auth.me': () => meFixture('manager'),
        'savedViews.list': () => views,
        'savedViews.create': (input) => {
          const created = { ...view('0190a7e2-0000-7000-8000-0000000b1002', input.name), shared: true };
          views = [...views, created];
          return created;
        },
      },
    });
    expect(await screen.findByText('Mine')).toBeTruthy();
    await userEvent.setup().click(screen.getByRole('button', { name: 'save' }));
    expect(await screen.findByText('Urgent')).toBeTruthy();
    expect(callsTo('savedViews.create')[0]?.input).toEqual({
      organizationId: ids.org,
      name: 'Urgent',
      shared: true,
      definition: { filters: { priorities: ['urgent'] } },
    });
  });

  it('surface a refusal (sharing by an agent)', async () => {
    renderPage(<Probe />, {
      resolvers: {
        'auth.me': () => meFixture('agent'),
        'savedViews.list': () => [],
        'savedViews.create': () => Promise.reject(trpcError('FORBIDDEN')),
      },
    });
    await waitFor(() => expect(callsTo('savedViews.list')).toHaveLength(1));
    await userEvent.setup().click(screen.getByRole('button', { name: 'save' }));
    expect(await screen.findByRole('alert')).toBeTruthy();
  });
});
