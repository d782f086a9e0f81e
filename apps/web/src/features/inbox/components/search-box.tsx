import { INBOX_LIMITS } from '@perch/shared/vocabulary';
import { useEffect, useImperativeHandle, useLayoutEffect, useRef, useState, type Ref } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';

export interface SearchBoxHandle {
  focus: () => void;
}

const DEBOUNCE_MS = 300;

/** The search field (`/` focuses it): the URL's `q` follows the text after a short pause; Escape clears it. */
export function SearchBox({
  value,
  onChange,
  ref,
}: {
  value: string;
  onChange: (text: string) => void;
  ref?: Ref<SearchBoxHandle>;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(value);
  const input = useRef<HTMLInputElement>(null);
  const latest = useRef(onChange);
  useLayoutEffect(() => {
    latest.current = onChange;
  });
  useImperativeHandle(ref, () => ({ focus: () => input.current?.focus() }));

  // The URL changed elsewhere (Back, a link): show its text.
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    setText(value);
  }
  useEffect(() => {
    if (text.trim() === value) return;
    const timer = setTimeout(() => latest.current(text.trim()), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, value]);

  return (
    <input
      ref={input}
      type="search"
      className="inbox-search"
      aria-label={t('inbox.search.label')}
      placeholder={t('inbox.search.placeholder')}
      aria-keyshortcuts="/"
      maxLength={INBOX_LIMITS.searchMax}
      value={text}
      onChange={(e) => setText(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && text) {
          e.stopPropagation();
          e.nativeEvent.stopImmediatePropagation();
          setText('');
          latest.current('');
        }
      }}
    />
  );
}
