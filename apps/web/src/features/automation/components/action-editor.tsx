import { AUTOMATION_LIMITS, PRIORITIES, type Priority } from '@perch/shared';
import { useTranslation } from '@/lib/use-translation.tsx';
import { Field } from '@/components/field.tsx';
import type { ActionDraft } from '../rule-draft.ts';
import type { RuleReferents } from '../types.ts';
import { MultiCheck } from './multi-check.tsx';

interface ActionEditorProps {
  action: ActionDraft;
  referents: RuleReferents;
  onChange: (action: ActionDraft) => void;
}

/** A select of named things with a "Choose…" first option; an id no longer offered stays shown as "(deleted)". */
function PickOne({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string;
  options: readonly { value: string; label: string }[];
  onChange: (value: string) => void;
}) {
  const { t } = useTranslation();
  const missing = value && !options.some((o) => o.value === value);
  return (
    <Field label={label}>
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('automation.form.choose')}</option>
        {missing ? <option value={value}>{t('automation.summary.deleted')}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** The inputs of one action, by type. */
export function ActionEditor({ action: a, referents, onChange }: ActionEditorProps) {
  const { t } = useTranslation();
  const members = referents.members.map((m) => ({ value: m.userId, label: m.name }));
  const named = (list: readonly { id: string; name: string }[]) => list.map((x) => ({ value: x.id, label: x.name }));
  switch (a.type) {
    case 'add_tag':
      return (
        <PickOne
          label={t('automation.form.tag')}
          value={a.tagId}
          options={named(referents.tags)}
          onChange={(tagId) => onChange({ ...a, tagId })}
        />
      );
    case 'set_priority':
      return (
        <Field label={t('automation.form.priority')}>
          <select value={a.priority} onChange={(e) => onChange({ ...a, priority: e.target.value as Priority })}>
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {t(`automation.priorities.${p}`)}
              </option>
            ))}
          </select>
        </Field>
      );
    case 'assign_team':
      return (
        <PickOne
          label={t('automation.form.team')}
          value={a.teamId}
          options={named(referents.teams)}
          onChange={(teamId) => onChange({ ...a, teamId })}
        />
      );
    case 'assign_agent':
      return (
        <PickOne
          label={t('automation.form.agent')}
          value={a.userId}
          options={members}
          onChange={(userId) => onChange({ ...a, userId })}
        />
      );
    case 'add_note':
      return (
        <Field label={t('automation.form.note')} hint={t('automation.form.noteHint', { max: AUTOMATION_LIMITS.note })}>
          <textarea
            rows={3}
            maxLength={AUTOMATION_LIMITS.note + 1}
            value={a.text}
            onChange={(e) => onChange({ ...a, text: e.target.value })}
          />
        </Field>
      );
    case 'notify':
      return (
        <MultiCheck
          legend={t('automation.form.recipients')}
          hint={t('automation.form.recipientsHint', { max: AUTOMATION_LIMITS.notifyRecipients })}
          options={members}
          selected={a.userIds}
          onChange={(userIds) => onChange({ ...a, userIds })}
        />
      );
    case 'mark_spam':
      return <p className="field-hint">{t('automation.form.markSpamHint')}</p>;
  }
}
