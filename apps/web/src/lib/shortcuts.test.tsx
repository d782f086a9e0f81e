import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { keyName, ShortcutsProvider, useShortcutList, useShortcuts, type Shortcut } from './shortcuts.tsx';

function Bind({ shortcuts, enabled = true }: { shortcuts: Shortcut[]; enabled?: boolean }) {
  useShortcuts(shortcuts, enabled);
  return null;
}

function List() {
  const list = useShortcutList();
  return <output data-testid="list">{list.map((s) => `${s.group}:${s.keys}`).join(',')}</output>;
}

const shortcut = (keys: string, run: () => void, group = 'Inbox'): Shortcut => ({
  keys,
  run,
  group,
  description: keys,
});

describe('keyboard shortcuts', () => {
  it('runs a single key and a two-key sequence', async () => {
    const j = vi.fn();
    const gi = vi.fn();
    const i = vi.fn();
    render(
      <ShortcutsProvider>
        <Bind shortcuts={[shortcut('j', j), shortcut('g i', gi), shortcut('i', i)]} />
      </ShortcutsProvider>,
    );
    await userEvent.keyboard('j');
    expect(j).toHaveBeenCalledTimes(1);
    await userEvent.keyboard('gi');
    expect(gi).toHaveBeenCalledTimes(1);
    expect(i).not.toHaveBeenCalled();
    await userEvent.keyboard('i');
    expect(i).toHaveBeenCalledTimes(1);
  });

  it('a sequence expires after a pause', async () => {
    const gi = vi.fn();
    const now = vi.spyOn(Date, 'now');
    now.mockReturnValue(1_000);
    render(
      <ShortcutsProvider>
        <Bind shortcuts={[shortcut('g i', gi)]} />
      </ShortcutsProvider>,
    );
    await userEvent.keyboard('g');
    now.mockReturnValue(5_000);
    await userEvent.keyboard('i');
    expect(gi).not.toHaveBeenCalled();
  });

  it('ignores keys typed in a field, except Escape', async () => {
    const j = vi.fn();
    const escape = vi.fn();
    render(
      <ShortcutsProvider>
        <Bind shortcuts={[shortcut('j', j), shortcut('Escape', escape)]} />
        <input aria-label="Search" />
        <textarea aria-label="Note" />
      </ShortcutsProvider>,
    );
    await userEvent.type(screen.getByRole('textbox', { name: 'Search' }), 'jj');
    await userEvent.type(screen.getByRole('textbox', { name: 'Note' }), 'j');
    expect(j).not.toHaveBeenCalled();
    await userEvent.keyboard('{Escape}');
    expect(escape).toHaveBeenCalledTimes(1);
  });

  it('ignores keys with Ctrl, Meta or Alt', async () => {
    const j = vi.fn();
    render(
      <ShortcutsProvider>
        <Bind shortcuts={[shortcut('j', j)]} />
      </ShortcutsProvider>,
    );
    await userEvent.keyboard('{Control>}j{/Control}');
    expect(j).not.toHaveBeenCalled();
  });

  it('the latest registration wins, and the earlier one is back when it unmounts', async () => {
    const inbox = vi.fn();
    const pane = vi.fn();
    function Pane() {
      const [open, setOpen] = useState(true);
      return (
        <>
          {open ? <Bind shortcuts={[shortcut('a', pane, 'Conversation')]} /> : null}
          <button type="button" onClick={() => setOpen(false)}>
            close
          </button>
        </>
      );
    }
    render(
      <ShortcutsProvider>
        <Bind shortcuts={[shortcut('a', inbox)]} />
        <Pane />
        <List />
      </ShortcutsProvider>,
    );
    expect(screen.getByTestId('list').textContent).toBe('Inbox:a,Conversation:a');
    await userEvent.keyboard('a');
    expect(pane).toHaveBeenCalledTimes(1);
    expect(inbox).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'close' }));
    await userEvent.keyboard('a');
    expect(inbox).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId('list').textContent).toBe('Inbox:a');
  });

  it('uses the latest run function without re-registering, and a disabled set is not bound', async () => {
    const first = vi.fn();
    const second = vi.fn();
    const { rerender } = render(
      <ShortcutsProvider>
        <Bind shortcuts={[shortcut('j', first)]} />
        <Bind shortcuts={[shortcut('k', first)]} enabled={false} />
      </ShortcutsProvider>,
    );
    rerender(
      <ShortcutsProvider>
        <Bind shortcuts={[shortcut('j', second)]} />
        <Bind shortcuts={[shortcut('k', first)]} enabled={false} />
      </ShortcutsProvider>,
    );
    await act(() => userEvent.keyboard('jk'));
    expect(second).toHaveBeenCalledTimes(1);
    expect(first).not.toHaveBeenCalled();
  });

  it('names keys with shift only for letters', () => {
    expect(keyName({ key: 'A', shiftKey: true })).toBe('shift+a');
    expect(keyName({ key: '?', shiftKey: true })).toBe('?');
    expect(keyName({ key: 'Enter', shiftKey: false })).toBe('Enter');
  });
});
