import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Suspense, use } from 'react';
import { describe, expect, it } from 'vitest';
import { Link } from '@/components/link.tsx';
import { NavLink } from '@/components/nav-link.tsx';
import { Route, Router, Switch } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { browserLocation, deferredLocation, useSearchParams } from './location.ts';

/** An in-memory address that records its history entries, read by the test. */
function recorded(path: string) {
  const memory = memoryLocation({ path, record: true });
  return { memory, hook: deferredLocation(memory.hook, memory.searchHook) };
}

describe('links', () => {
  it('push a history entry, except to the address already shown (replaced, so Back leaves the page)', async () => {
    const { memory, hook } = recorded('/o/1/inbox/all_open?brand=b');
    render(
      <Router hook={hook}>
        <Link to="/o/1/inbox/all_open?brand=b">All open</Link>
        <Link to="/o/1/inbox/mine?brand=b">Mine</Link>
      </Router>,
    );
    const user = userEvent.setup();
    await user.click(screen.getByRole('link', { name: 'All open' }));
    expect(memory.history).toEqual(['/o/1/inbox/all_open?brand=b']);
    await user.click(screen.getByRole('link', { name: 'Mine' }));
    expect(memory.history).toEqual(['/o/1/inbox/all_open?brand=b', '/o/1/inbox/mine?brand=b']);
  });

  it('mark the current page on its path and below, ignoring the query string (`end`: its path only)', () => {
    const { hook } = recorded('/o/1/settings/members/');
    render(
      <Router hook={hook}>
        <NavLink to="/o/1?brand=b" end>
          Overview
        </NavLink>
        <NavLink to="/o/1/settings/members?brand=b">Members</NavLink>
        <NavLink to="/o/1/settings/brands">Brands</NavLink>
        <NavLink to="/o/1/settings">Settings</NavLink>
      </Router>,
    );
    const link = (name: string) => screen.getByRole('link', { name });
    expect(link('Members').getAttribute('aria-current')).toBe('page');
    expect(link('Members').className).toBe('active');
    expect(link('Members').getAttribute('href')).toBe('/o/1/settings/members?brand=b');
    expect(link('Settings').getAttribute('aria-current')).toBe('page');
    for (const name of ['Overview', 'Brands']) {
      expect(link(name).getAttribute('aria-current')).toBeNull();
      expect(link(name).className).toBe('');
    }
  });
});

function SearchProbe() {
  const [params, setParams] = useSearchParams();
  return (
    <>
      <output data-testid="q">{params.get('q')}</output>
      <button type="button" onClick={() => setParams({ q: '%41 & 100%' }, { replace: true })}>
        Search
      </button>
      <button
        type="button"
        onClick={() =>
          setParams((current) => {
            current.delete('q');
            return current;
          })
        }
      >
        Clear
      </button>
    </>
  );
}

describe('useSearchParams', () => {
  it('reads the text as written (no second decoding) and writes it back, replacing or pushing', async () => {
    const { memory, hook } = recorded('/o/1/audit?action=x');
    render(
      <Router hook={hook}>
        <SearchProbe />
      </Router>,
    );
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Search' }));
    expect(screen.getByTestId('q').textContent).toBe('%41 & 100%');
    expect(memory.history).toEqual(['/o/1/audit?q=%2541+%26+100%25']);
    await user.click(screen.getByRole('button', { name: 'Clear' }));
    expect(memory.history).toEqual(['/o/1/audit?q=%2541+%26+100%25', '/o/1/audit']);
  });
});

describe('a deferred location', () => {
  it('keeps the current page on screen while the next one is still loading', async () => {
    const { memory, hook } = recorded('/a');
    let load = () => {};
    const loaded = new Promise<void>((resolve) => (load = resolve));
    function Slow() {
      use(loaded);
      return <p>Page B</p>;
    }
    render(
      <Router hook={hook}>
        <Suspense fallback={<p>Loading</p>}>
          <Switch>
            <Route path="/a">
              <p>Page A</p>
            </Route>
            <Route path="/b">
              <Slow />
            </Route>
          </Switch>
        </Suspense>
      </Router>,
    );
    await act(async () => {
      memory.navigate('/b');
      await Promise.resolve();
    });
    expect(screen.getByText('Page A')).toBeTruthy();
    expect(screen.queryByText('Loading')).toBeNull();
    await act(async () => {
      load();
      await loaded;
    });
    expect(await screen.findByText('Page B')).toBeTruthy();
  });
});

describe("the browser's address", () => {
  it('follows links and query-string changes in the History API, and comes back with Back', async () => {
    window.history.replaceState(null, '', '/o/1/audit');
    render(
      <Router hook={browserLocation}>
        <Switch>
          <Route path="/o/:organizationId/audit">
            <p>Audit</p>
            <SearchProbe />
            <Link to="/o/1/billing">Billing</Link>
          </Route>
          <Route path="/o/:organizationId/billing">
            <p>Billing page</p>
          </Route>
        </Switch>
      </Router>,
    );
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Search' }));
    expect(window.location.search).toBe('?q=%2541+%26+100%25');
    expect(screen.getByTestId('q').textContent).toBe('%41 & 100%');
    await user.click(screen.getByRole('link', { name: 'Billing' }));
    expect(await screen.findByText('Billing page')).toBeTruthy();
    expect(window.location.pathname).toBe('/o/1/billing');
    await act(async () => {
      const popped = new Promise((resolve) => window.addEventListener('popstate', resolve, { once: true }));
      window.history.back();
      await popped;
    });
    expect(await screen.findByText('Audit')).toBeTruthy();
    expect(screen.getByTestId('q').textContent).toBe('%41 & 100%');
  });
});
