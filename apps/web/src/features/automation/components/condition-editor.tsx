import { AUTOMATION_LIMITS, PRIORITIES, SENTIMENTS } from '@perch/shared';
import { useTranslation } from '@/lib/use-translation.tsx';
import { Field } from '@/components/field.tsx';
import { keywordsOf, languagesOf, type ConditionDraft } from '../rule-draft.ts';
import { languageName, weekdayName } from '../rule-summary.ts';
import { WEEKDAYS_MONDAY_FIRST, type RuleReferents } from '../types.ts';
import { MultiCheck } from './multi-check.tsx';

interface ConditionEditorProps {
  condition: ConditionDraft;
  referents: RuleReferents;
  onChange: (condition: ConditionDraft) => void;
}

function Chips({ items, label }: { items: string[]; label: string }) {
  if (!items.length) return null;
  return (
    <ul className="automation-chips" aria-label={label}>
      {items.map((item) => (
        <li key={item} className="badge">
          {item}
        </li>
      ))}
    </ul>
  );
}

/** The inputs of one condition, by type. */
export function ConditionEditor({ condition: c, referents, onChange }: ConditionEditorProps) {
  const { t, i18n } = useTranslation();
  const named = (list: readonly { id: string; name: string }[]) => list.map((x) => ({ value: x.id, label: x.name }));
  switch (c.type) {
    case 'channel':
      return (
        <MultiCheck
          legend={t('automation.form.channels')}
          hint={referents.channels.length ? undefined : t('automation.form.noChannels')}
          options={named(referents.channels)}
          selected={c.channelIds}
          onChange={(channelIds) => onChange({ ...c, channelIds })}
        />
      );
    case 'keywords':
      return (
        <>
          <Field label={t('automation.form.keywords')} hint={t('automation.form.keywordsHint')}>
            <textarea
              rows={3}
              maxLength={AUTOMATION_LIMITS.keywordsPerCondition * (AUTOMATION_LIMITS.keyword + 2)}
              value={c.text}
              onChange={(e) => onChange({ ...c, text: e.target.value })}
            />
          </Field>
          <Chips items={keywordsOf(c.text)} label={t('automation.form.keywordsPreview')} />
        </>
      );
    case 'language':
      return (
        <>
          <Field label={t('automation.form.languages')} hint={t('automation.form.languagesHint')}>
            <input
              type="text"
              autoComplete="off"
              maxLength={200}
              value={c.text}
              onChange={(e) => onChange({ ...c, text: e.target.value })}
            />
          </Field>
          <Chips
            items={languagesOf(c.text).map((code) => languageName(code, i18n.language))}
            label={t('automation.form.languagesPreview')}
          />
        </>
      );
    case 'sentiment':
      return (
        <MultiCheck
          legend={t('automation.form.sentiments')}
          options={SENTIMENTS.map((s) => ({ value: s, label: t(`automation.sentiments.${s}`) }))}
          selected={c.sentiments}
          onChange={(sentiments) => onChange({ ...c, sentiments })}
        />
      );
    case 'priority':
      return (
        <MultiCheck
          legend={t('automation.form.priorities')}
          options={PRIORITIES.map((p) => ({ value: p, label: t(`automation.priorities.${p}`) }))}
          selected={c.priorities}
          onChange={(priorities) => onChange({ ...c, priorities })}
        />
      );
    case 'tags':
      return (
        <>
          <Field label={t('automation.form.tagMatch')}>
            <select value={c.match} onChange={(e) => onChange({ ...c, match: e.target.value as 'any' | 'none' })}>
              <option value="any">{t('automation.form.tagMatchAny')}</option>
              <option value="none">{t('automation.form.tagMatchNone')}</option>
            </select>
          </Field>
          <MultiCheck
            legend={t('automation.form.tags')}
            hint={referents.tags.length ? undefined : t('automation.form.noTags')}
            options={named(referents.tags)}
            selected={c.tagIds}
            onChange={(tagIds) => onChange({ ...c, tagIds })}
          />
        </>
      );
    case 'vip':
      return (
        <Field label={t('automation.form.vip')}>
          <select value={c.vip ? 'yes' : 'no'} onChange={(e) => onChange({ ...c, vip: e.target.value === 'yes' })}>
            <option value="yes">{t('automation.form.vipYes')}</option>
            <option value="no">{t('automation.form.vipNo')}</option>
          </select>
        </Field>
      );
    case 'followers':
      return (
        <div className="toolbar">
          <Field label={t('automation.form.followersMin')}>
            <input
              type="number"
              inputMode="numeric"
              min={0}
              value={c.min}
              onChange={(e) => onChange({ ...c, min: e.target.value })}
            />
          </Field>
          <Field label={t('automation.form.followersMax')}>
            <input
              type="number"
              inputMode="numeric"
              min={0}
              value={c.max}
              onChange={(e) => onChange({ ...c, max: e.target.value })}
            />
          </Field>
        </div>
      );
    case 'time_of_day':
      return (
        <>
          <p className="field-hint">{t('automation.form.timeZone', { timeZone: referents.timeZone })}</p>
          <div className="toolbar">
            <Field label={t('automation.form.from')}>
              <input type="time" value={c.from} onChange={(e) => onChange({ ...c, from: e.target.value })} />
            </Field>
            <Field label={t('automation.form.to')}>
              <input type="time" value={c.to} onChange={(e) => onChange({ ...c, to: e.target.value })} />
            </Field>
          </div>
          <MultiCheck
            legend={t('automation.form.days')}
            hint={t('automation.form.overnightHint')}
            options={WEEKDAYS_MONDAY_FIRST.map((d) => ({ value: d, label: weekdayName(d, i18n.language, 'long') }))}
            selected={c.days}
            onChange={(days) => onChange({ ...c, days })}
          />
        </>
      );
  }
}
