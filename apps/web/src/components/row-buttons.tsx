import { useTranslation } from '@/lib/use-translation.tsx';

/** A table row's Edit and Delete buttons; the labels name the row for screen readers ("Edit Refunds"). */
export function EditDeleteButtons(props: {
  editLabel: string;
  deleteLabel: string;
  onEdit: () => void;
  onDelete: () => void;
  deleteText: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <button type="button" className="button button-small" aria-label={props.editLabel} onClick={props.onEdit}>
        {t('common.edit')}
      </button>{' '}
      <button
        type="button"
        className="button button-small button-danger-outline"
        aria-label={props.deleteLabel}
        onClick={props.onDelete}
      >
        {props.deleteText}
      </button>
    </>
  );
}

/** A row's ↑ and ↓ buttons in an ordered list (keyword rules, automation rules). */
export function MoveButtons(props: {
  upLabel: string;
  downLabel: string;
  /** false at the top (↑) or bottom (↓), or while a move is saving. */
  canUp: boolean;
  canDown: boolean;
  onMove: (delta: -1 | 1) => void;
}) {
  return (
    <>
      <button
        type="button"
        className="button button-small"
        disabled={!props.canUp}
        aria-label={props.upLabel}
        onClick={() => props.onMove(-1)}
      >
        ↑
      </button>{' '}
      <button
        type="button"
        className="button button-small"
        disabled={!props.canDown}
        aria-label={props.downLabel}
        onClick={() => props.onMove(1)}
      >
        ↓
      </button>
    </>
  );
}
