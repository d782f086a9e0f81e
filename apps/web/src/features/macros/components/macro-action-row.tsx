import { AUTOMATION_LIMITS, PRIORITIES, type Priority } from '@perch/shared';
import { useTranslation } from '@/lib/use-translation.tsx';
import { Field } from '@/components/field.tsx';
import {
  MACRO_ACTION_TYPES,
  MACRO_STATUSES,
  TAG_ACTIONS,
  type ActionDraft,
  type DraftProblem,
  type MacroActionType,
  type MacroStatus,
} from '../macro-drafts.ts';
import type { MacroTag, MacroTeam } from '../types.ts';

interface MacroActionRowProps {
  draft: ActionDraft;
  /** 1-based, for labels ("Action 2"). */
  n: number;
  hasBrand: boolean;
  /** The chosen brand's tags, and the teams that serve it. */
  tags: readonly MacroTag[];
  teams: readonly MacroTeam[];
  problem: DraftProblem | undefined;
  onChange: (patch: Partial<ActionDraft>) => void;
}

/** One action of a macro: its type, then the value that type needs (tag, priority, status, hours, team, note). */
export function MacroActionRow({ draft, n, hasBrand, tags, teams, problem, onChange }: MacroActionRowProps) {
  const { t } = useTranslation();
  const errors = problem
    ? [
        t(`macros.errors.${problem}`, {
          max: problem === 'hours' ? AUTOMATION_LIMITS.snoozeHoursMax : AUTOMATION_LIMITS.note,
        }),
      ]
    : [];
  const isTag = TAG_ACTIONS.has(draft.type);

  return (
    <>
      <Field label={t('macros.form.action', { n })} errors={isTag && problem === 'tagNeedsBrand' ? errors : []}>
        <select value={draft.type} onChange={(e) => onChange({ type: e.target.value as MacroActionType })}>
          {MACRO_ACTION_TYPES.map((type) => (
            // Tag actions need a brand; a row that already has one keeps its option so the select stays truthful.
            <option key={type} value={type} disabled={TAG_ACTIONS.has(type) && !hasBrand && type !== draft.type}>
              {t(`macros.types.${type}`)}
            </option>
          ))}
        </select>
      </Field>
      {isTag && hasBrand ? (
        <Field label={t('macros.form.tag', { n })} errors={errors}>
          <select value={draft.tagId} onChange={(e) => onChange({ tagId: e.target.value })}>
            <option value="">{t('macros.form.chooseTag')}</option>
            {tags.map((tag) => (
              <option key={tag.id} value={tag.id}>
                {tag.name}
              </option>
            ))}
          </select>
        </Field>
      ) : null}
      {draft.type === 'set_priority' ? (
        <Field label={t('macros.form.priority', { n })}>
          <select value={draft.priority} onChange={(e) => onChange({ priority: e.target.value as Priority })}>
            {PRIORITIES.map((priority) => (
              <option key={priority} value={priority}>
                {t(`conversation.priority.${priority}`)}
              </option>
            ))}
          </select>
        </Field>
      ) : null}
      {draft.type === 'set_status' ? (
        <Field label={t('macros.form.status', { n })}>
          <select value={draft.status} onChange={(e) => onChange({ status: e.target.value as MacroStatus })}>
            {MACRO_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`conversation.status.${status}`)}
              </option>
            ))}
          </select>
        </Field>
      ) : null}
      {draft.type === 'snooze' ? (
        <Field label={t('macros.form.hours', { n })} errors={errors}>
          <input
            type="number"
            min={1}
            max={AUTOMATION_LIMITS.snoozeHoursMax}
            step={1}
            value={draft.hours}
            onChange={(e) => onChange({ hours: e.target.value })}
          />
        </Field>
      ) : null}
      {draft.type === 'assign_team' ? (
        <Field label={t('macros.form.team', { n })}>
          <select value={draft.teamId} onChange={(e) => onChange({ teamId: e.target.value })}>
            <option value="">{t('macros.form.noTeam')}</option>
            {teams.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </select>
        </Field>
      ) : null}
      {draft.type === 'add_note' ? (
        <Field label={t('macros.form.note', { n })} errors={errors}>
          <textarea
            rows={3}
            maxLength={AUTOMATION_LIMITS.note + 1}
            value={draft.text}
            onChange={(e) => onChange({ text: e.target.value })}
          />
        </Field>
      ) : null}
    </>
  );
}
