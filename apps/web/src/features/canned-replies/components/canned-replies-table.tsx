import { useTranslation } from '@/lib/use-translation.tsx';
import { EditDeleteButtons } from '@/components/row-buttons.tsx';
import { TableHead } from '@/components/table-head.tsx';
import { languageName } from '../language-name.ts';
import type { CannedReply } from '../types.ts';
import { CannedTextView } from './canned-text-view.tsx';

interface CannedRepliesTableProps {
  cannedReplies: readonly CannedReply[];
  editingId: string | null;
  onEdit: (canned: CannedReply) => void;
  onDelete: (canned: CannedReply) => void;
}

/** A brand's canned replies: name, shortcut, language, text with its variables highlighted, and how often used. */
export function CannedRepliesTable({ cannedReplies, editingId, onEdit, onDelete }: CannedRepliesTableProps) {
  const { t, i18n } = useTranslation();
  return (
    <div className="table-wrap">
      <table className="table" data-testid="canned-replies-table">
        <TableHead
          columns={[
            t('cannedReplies.name'),
            t('cannedReplies.shortcut'),
            t('cannedReplies.language'),
            t('cannedReplies.text'),
            t('cannedReplies.uses'),
          ]}
          actions
        />
        <tbody>
          {cannedReplies.map((canned) => (
            <tr key={canned.id} aria-current={editingId === canned.id ? 'true' : undefined}>
              <td>{canned.name}</td>
              <td>{canned.shortcut ? <code>/{canned.shortcut}</code> : <span className="muted">—</span>}</td>
              <td>{languageName(canned.language, i18n.language)}</td>
              <td>
                <CannedTextView text={canned.text} />
              </td>
              <td>{canned.useCount.toLocaleString(i18n.language)}</td>
              <td className="cell-actions">
                <EditDeleteButtons
                  editLabel={t('cannedReplies.editOf', { name: canned.name })}
                  deleteLabel={t('cannedReplies.deleteOf', { name: canned.name })}
                  deleteText={t('cannedReplies.delete')}
                  onEdit={() => onEdit(canned)}
                  onDelete={() => onDelete(canned)}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
