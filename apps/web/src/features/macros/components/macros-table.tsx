import { useTranslation } from '@/lib/use-translation.tsx';
import { TableHead } from '@/components/table-head.tsx';
import type { Brand } from '@/lib/trpc.ts';
import { describeMacro, type MacroNames } from '../macro-summary.ts';
import type { Macro, MacroTag, MacroTeam } from '../types.ts';
import { EditDeleteButtons } from '@/components/row-buttons.tsx';

interface MacrosTableProps {
  macros: readonly Macro[];
  brands: readonly Brand[];
  tags: readonly MacroTag[];
  teams: readonly MacroTeam[];
  editingId: string | null;
  onEdit: (macro: Macro) => void;
  onDelete: (macro: Macro) => void;
}

/** Every macro with its brand and what it does, in words with tag and team names. */
export function MacrosTable({ macros, brands, tags, teams, editingId, onEdit, onDelete }: MacrosTableProps) {
  const { t } = useTranslation();
  const brandName = new Map(brands.map((b) => [b.id, b.name]));
  const names: MacroNames = {
    tag: (id) => tags.find((tag) => tag.id === id)?.name,
    team: (id) => teams.find((team) => team.id === id)?.name,
  };
  return (
    <div className="table-wrap">
      <table className="table" data-testid="macros-table">
        <TableHead columns={[t('macros.name'), t('macros.brand'), t('macros.actions')]} actions />
        <tbody>
          {macros.map((macro) => (
            <tr key={macro.id} aria-current={editingId === macro.id ? 'true' : undefined}>
              <td>{macro.name}</td>
              <td>{macro.brandId ? (brandName.get(macro.brandId) ?? '…') : t('macros.allBrands')}</td>
              <td>{describeMacro(macro.actions, names, t)}</td>
              <td className="cell-actions">
                <EditDeleteButtons
                  editLabel={t('macros.editOf', { name: macro.name })}
                  deleteLabel={t('macros.deleteOf', { name: macro.name })}
                  deleteText={t('macros.delete')}
                  onEdit={() => onEdit(macro)}
                  onDelete={() => onDelete(macro)}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
