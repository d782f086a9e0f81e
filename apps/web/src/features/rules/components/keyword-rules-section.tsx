import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { ConfirmDialog } from '@/components/confirm-dialog.tsx';
import { ErrorMessage, SuccessMessage } from '@/components/error-message.tsx';
import { Loading } from '@/components/loading.tsx';
import { TableHead } from '@/components/table-head.tsx';
import { useTRPC } from '@/lib/trpc.ts';
import type { KeywordRule, RuleTeam } from '../types.ts';
import { EMPTY_RULE, KeywordRuleForm, type KeywordRuleValues } from './keyword-rule-form.tsx';
import { EditDeleteButtons, MoveButtons } from '@/components/row-buttons.tsx';

interface KeywordRulesSectionProps {
  organizationId: string;
  brandId: string;
  brandName: string;
}

const toValues = (rule: KeywordRule): KeywordRuleValues => ({
  phrase: rule.phrase,
  matchMode: rule.matchMode,
  language:
    rule.language === 'en' || rule.language === 'fr' || rule.language === 'es' || rule.language === 'de'
      ? rule.language
      : null,
  tagName: rule.tag?.name ?? '',
  priority: rule.priority,
  teamId: rule.team?.id ?? null,
});

/** A brand's keyword rules, in the order they apply, with the forms to add, edit, reorder and delete them. */
export function KeywordRulesSection({ organizationId, brandId, brandName }: KeywordRulesSectionProps) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const scope = { organizationId, brandId };
  const list = useQuery(trpc.rules.listKeywordRules.queryOptions(scope));
  const [editing, setEditing] = useState<KeywordRule | null>(null);
  const [deleting, setDeleting] = useState<KeywordRule | null>(null);
  const [notice, setNotice] = useState('');
  // A fresh form after each creation.
  const [createKey, setCreateKey] = useState(0);

  const affected = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.rules.listKeywordRules.queryFilter(scope)),
      queryClient.invalidateQueries(trpc.audit.list.infiniteQueryFilter({ organizationId })),
    ]);
  const create = useMutation(
    trpc.rules.createKeywordRule.mutationOptions({
      onSuccess: async (rule) => {
        setNotice(t('rules.created', { phrase: rule.phrase }));
        setCreateKey((k) => k + 1);
        await affected();
      },
    }),
  );
  const update = useMutation(
    trpc.rules.updateKeywordRule.mutationOptions({
      onSuccess: async (rule) => {
        setNotice(t('rules.updated', { phrase: rule.phrase }));
        setEditing(null);
        await affected();
      },
    }),
  );
  const toggle = useMutation(
    trpc.rules.updateKeywordRule.mutationOptions({
      onSuccess: async (rule) => {
        setNotice(t(rule.enabled ? 'rules.enabledNotice' : 'rules.disabledNotice', { phrase: rule.phrase }));
        await affected();
      },
    }),
  );
  const reorder = useMutation(trpc.rules.reorderKeywordRules.mutationOptions({ onSuccess: affected }));
  const remove = useMutation(
    trpc.rules.deleteKeywordRule.mutationOptions({
      onSuccess: async () => {
        if (deleting) setNotice(t('rules.deleted', { phrase: deleting.phrase }));
        if (editing?.id === deleting?.id) setEditing(null);
        setDeleting(null);
        await affected();
      },
    }),
  );

  const rules = list.data?.rules ?? [];
  const teams: readonly RuleTeam[] = list.data?.teams ?? [];
  // The team a rule routes to stays selectable while editing it, even if it no longer handles the brand.
  const teamsFor = (rule: KeywordRule | null) =>
    rule?.team && !teams.some((team) => team.id === rule.team?.id) ? [...teams, rule.team] : teams;

  const toInput = (v: KeywordRuleValues) => ({
    phrase: v.phrase,
    matchMode: v.matchMode,
    language: v.language,
    tagName: v.tagName || null,
    priority: v.priority,
    teamId: v.teamId,
  });
  const move = (index: number, by: -1 | 1) => {
    const ids = rules.map((r) => r.id);
    const [moved] = ids.splice(index, 1);
    if (!moved) return;
    ids.splice(index + by, 0, moved);
    setNotice('');
    reorder.mutate({ ...scope, ruleIds: ids });
  };
  const languageOf = (rule: KeywordRule) =>
    rule.language ? t(`rules.languages.${rule.language}`, { defaultValue: rule.language }) : t('rules.anyLanguage');

  return (
    <>
      <section className="card" aria-labelledby="rules-list">
        <h2 id="rules-list">{t('rules.listTitle', { brand: brandName })}</h2>
        <p className="muted">{t('rules.listDescription')}</p>
        <SuccessMessage>{notice}</SuccessMessage>
        {list.isPending ? <Loading /> : null}
        <ErrorMessage error={list.error} />
        <ErrorMessage error={toggle.error} />
        <ErrorMessage error={reorder.error} />
        {list.data && rules.length === 0 ? <p className="muted">{t('rules.empty')}</p> : null}
        {rules.length > 0 ? (
          <div className="table-wrap">
            <table className="table" data-testid="keyword-rules-table">
              <TableHead
                columns={[
                  t('rules.phrase'),
                  t('rules.language'),
                  t('rules.tag'),
                  t('rules.priority'),
                  t('rules.team'),
                  t('rules.enabled'),
                ]}
                actions
              />
              <tbody>
                {rules.map((rule, index) => (
                  <tr key={rule.id}>
                    <td>
                      <strong>{rule.phrase}</strong>
                      <span className="subtle">{t(`rules.matchModes.${rule.matchMode}`)}</span>
                    </td>
                    <td>{languageOf(rule)}</td>
                    <td>{rule.tag ? <span className="badge">{rule.tag.name}</span> : '—'}</td>
                    <td>{rule.priority ? t(`rules.priorities.${rule.priority}`) : '—'}</td>
                    <td>{rule.team?.name ?? '—'}</td>
                    <td>
                      <input
                        type="checkbox"
                        checked={rule.enabled}
                        disabled={toggle.isPending}
                        aria-label={t('rules.enabledOf', { phrase: rule.phrase })}
                        onChange={(e) => {
                          setNotice('');
                          toggle.mutate({ organizationId, ruleId: rule.id, enabled: e.target.checked });
                        }}
                      />
                    </td>
                    <td className="cell-actions">
                      <MoveButtons
                        upLabel={t('rules.moveUpOf', { phrase: rule.phrase })}
                        downLabel={t('rules.moveDownOf', { phrase: rule.phrase })}
                        canUp={index > 0 && !reorder.isPending}
                        canDown={index < rules.length - 1 && !reorder.isPending}
                        onMove={(delta) => move(index, delta)}
                      />{' '}
                      <EditDeleteButtons
                        editLabel={t('rules.editOf', { phrase: rule.phrase })}
                        deleteLabel={t('rules.deleteOf', { phrase: rule.phrase })}
                        deleteText={t('rules.delete')}
                        onEdit={() => {
                          update.reset();
                          setNotice('');
                          setEditing(rule);
                        }}
                        onDelete={() => {
                          remove.reset();
                          setDeleting(rule);
                        }}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>

      {editing ? (
        <section className="card" aria-labelledby="rule-edit">
          <h2 id="rule-edit">{t('rules.editTitle', { phrase: editing.phrase })}</h2>
          <KeywordRuleForm
            key={editing.id}
            label={t('rules.editTitle', { phrase: editing.phrase })}
            initial={toValues(editing)}
            teams={teamsFor(editing)}
            submitLabel={t('common.save')}
            pending={update.isPending}
            error={update.error}
            onSubmit={(v) => update.mutate({ organizationId, ruleId: editing.id, ...toInput(v) })}
            onCancel={() => setEditing(null)}
          />
        </section>
      ) : null}

      <section className="card" aria-labelledby="rule-create">
        <h2 id="rule-create">{t('rules.createTitle')}</h2>
        <KeywordRuleForm
          key={`${brandId}-${createKey}`}
          label={t('rules.createTitle')}
          initial={EMPTY_RULE}
          teams={teams}
          submitLabel={t('rules.create')}
          pending={create.isPending}
          error={create.error}
          onSubmit={(v) => {
            setNotice('');
            create.mutate({ ...scope, ...toInput(v) });
          }}
        />
      </section>

      {deleting ? (
        <ConfirmDialog
          title={t('rules.deleteTitle', { phrase: deleting.phrase })}
          confirmLabel={t('rules.deleteConfirm')}
          danger
          pending={remove.isPending}
          error={<ErrorMessage error={remove.error} />}
          onCancel={() => setDeleting(null)}
          onConfirm={() => remove.mutate({ organizationId, ruleId: deleting.id })}
        >
          <p>{t('rules.deleteWarning')}</p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}
