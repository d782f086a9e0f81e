import { useEffect, type KeyboardEvent, type RefObject } from 'react';

/** What a modal's Tab cycles through. */
const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled])';

/**
 * The keyboard contract of Perch's modal dialogs: on open, focus moves to `initial` (or the first focusable
 * element) and returns to the opener on close; Escape cancels; Tab and Shift+Tab stay inside the dialog.
 * Returns the dialog's onKeyDown handler.
 */
export function useModalFocus(
  dialogRef: RefObject<HTMLElement | null>,
  onCancel: () => void,
  initial?: RefObject<HTMLElement | null>,
) {
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    (initial?.current ?? dialogRef.current?.querySelector<HTMLElement>(FOCUSABLE))?.focus();
    return () => opener?.focus();
    // Once per opening: the dialog's own re-renders must not steal the focus back.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      onCancel();
      return;
    }
    if (event.key !== 'Tab' || !dialogRef.current) return;
    const focusable = dialogRef.current.querySelectorAll<HTMLElement>(FOCUSABLE);
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };
}
