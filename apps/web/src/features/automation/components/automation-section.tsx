import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from '@/lib/use-translation.tsx';
import { ConfirmDialog } from '@/components/confirm-dialog.tsx';
import { ErrorMessage, SuccessMessage } from '@/components/error-message.tsx';
import { Loading } from '@/components/loading.tsx';
import { useTRPC } from '@/lib/trpc.ts';
import { draftOfRule, EMPTY_DRAFT } from '../rule-draft.ts';
import type { AutomationRule } from '../types.ts';
import { inOrder, useOptimisticRules, withEnabled } from '../use-optimistic-rules.ts';
import { useRuleReferents } from '../use-rule-referents.ts';
import { RuleForm } from './rule-form.tsx';
import { RulesTable } from './rules-table.tsx';

interface AutomationSectionProps {
  organizationId: string;
  brand: { id: string; name: string; timeZone: string };
}

type Panel = { mode: 'create' } | { mode: 'edit'; rule: AutomationRule } | null;

/** A brand's automation rules in run order, with the panel to create or edit one and the confirmation to delete. */
export function AutomationSection({ organizationId, brand }: AutomationSectionProps) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const scope = { organizationId, brandId: brand.id };
  const list = useQuery(trpc.automation.list.queryOptions(scope));
  const referents = useRuleReferents(organizationId, brand);
  const [panel, setPanel] = useState<Panel>(null);
  const [deleting, setDeleting] = useState<AutomationRule | null>(null);
  const [notice, setNotice] = useState('');
  const panelHeading = useRef<HTMLHeadingElement>(null);

  const affected = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.automation.list.queryFilter(scope)),
      queryClient.invalidateQueries(trpc.audit.list.infiniteQueryFilter({ organizationId })),
    ]);
  const saved = (key: 'automation.created' | 'automation.updated') => async (rule: AutomationRule) => {
    setNotice(t(key, { name: rule.name }));
    setPanel(null);
    await affected();
  };
  const create = useMutation(trpc.automation.create.mutationOptions({ onSuccess: saved('automation.created') }));
  // A refusal may mean the rule changed or went away meanwhile: the list is fetched again either way.
  const update = useMutation(
    trpc.automation.update.mutationOptions({ onSuccess: saved('automation.updated'), onError: affected }),
  );
  // Switches and moves show at once and stay usable while saving (disabling them would drop keyboard focus);
  // one request at a time per brand keeps the server's order of changes the user's.
  const serial = { id: `automation-${brand.id}` };
  const optimisticToggle = useOptimisticRules(scope, withEnabled);
  const toggle = useMutation(
    trpc.automation.update.mutationOptions({
      scope: serial,
      ...optimisticToggle,
      onSuccess: (rule) =>
        setNotice(t(rule.enabled ? 'automation.enabledNotice' : 'automation.disabledNotice', { name: rule.name })),
      onSettled: affected,
    }),
  );
  const optimisticOrder = useOptimisticRules(scope, inOrder);
  const reorder = useMutation(
    trpc.automation.reorder.mutationOptions({ scope: serial, ...optimisticOrder, onSettled: affected }),
  );
  const remove = useMutation(
    trpc.automation.delete.mutationOptions({
      onSuccess: async () => {
        if (deleting) setNotice(t('automation.deleted', { name: deleting.name }));
        if (panel?.mode === 'edit' && panel.rule.id === deleting?.id) setPanel(null);
        setDeleting(null);
        await affected();
      },
      onError: affected,
    }),
  );

  const rules = list.data ?? [];
  const open = (next: Panel) => {
    create.reset();
    update.reset();
    setNotice('');
    setPanel(next);
    // After the panel renders: take the keyboard there.
    requestAnimationFrame(() => panelHeading.current?.focus());
  };
  const move = (index: number, by: -1 | 1) => {
    const ids = rules.map((r) => r.id);
    const [moving] = ids.splice(index, 1);
    if (!moving) return;
    ids.splice(index + by, 0, moving);
    setNotice('');
    reorder.mutate({ ...scope, ruleIds: ids });
  };
  const ready = list.data && !referents.pending;
  const panelTitle =
    panel?.mode === 'edit' ? t('automation.editTitle', { name: panel.rule.name }) : t('automation.createTitle');

  return (
    <>
      <section className="card" aria-labelledby="automation-list">
        <div className="toolbar">
          <h2 id="automation-list">{t('automation.listTitle', { brand: brand.name })}</h2>
          {rules.length > 0 ? (
            <button type="button" className="button button-primary" onClick={() => open({ mode: 'create' })}>
              {t('automation.new')}
            </button>
          ) : null}
        </div>
        <p className="muted">{t('automation.orderHint')}</p>
        <SuccessMessage>{notice}</SuccessMessage>
        {list.isPending || referents.pending ? <Loading /> : null}
        <ErrorMessage error={list.error ?? referents.error} />
        <ErrorMessage error={toggle.error} overrides={{ NOT_FOUND: t('automation.errors.ruleGone') }} />
        <ErrorMessage error={reorder.error} overrides={{ VALIDATION: t('automation.errors.reorderStale') }} />
        {ready && rules.length === 0 && panel === null ? (
          <div className="empty-state stack" data-testid="automation-empty">
            <p>{t('automation.emptyTitle')}</p>
            <p className="muted">{t('automation.emptyText')}</p>
            <p>
              <button type="button" className="button button-primary" onClick={() => open({ mode: 'create' })}>
                {t('automation.createFirst')}
              </button>
            </p>
          </div>
        ) : null}
        {ready && rules.length > 0 ? (
          <RulesTable
            rules={rules}
            referents={referents.names}
            editingId={panel?.mode === 'edit' ? panel.rule.id : null}
            onToggle={(rule, enabled) => {
              setNotice('');
              toggle.mutate({ organizationId, ruleId: rule.id, enabled });
            }}
            onMove={move}
            onEdit={(rule) => open({ mode: 'edit', rule })}
            onDelete={(rule) => {
              remove.reset();
              setDeleting(rule);
            }}
          />
        ) : null}
      </section>

      {panel && ready ? (
        <section className="card" aria-labelledby="automation-panel">
          <h2 id="automation-panel" ref={panelHeading} tabIndex={-1}>
            {panelTitle}
          </h2>
          <RuleForm
            key={panel.mode === 'edit' ? panel.rule.id : 'create'}
            label={panelTitle}
            submitLabel={panel.mode === 'edit' ? t('automation.save') : t('automation.create')}
            initial={panel.mode === 'edit' ? draftOfRule(panel.rule) : { ...EMPTY_DRAFT, conditions: [], actions: [] }}
            referents={referents.options}
            pending={panel.mode === 'edit' ? update.isPending : create.isPending}
            error={panel.mode === 'edit' ? update.error : create.error}
            onCancel={() => setPanel(null)}
            onSubmit={(input) =>
              panel.mode === 'edit'
                ? update.mutate({ organizationId, ruleId: panel.rule.id, ...input })
                : create.mutate({ ...scope, ...input })
            }
          />
        </section>
      ) : null}

      {deleting ? (
        <ConfirmDialog
          title={t('automation.deleteTitle', { name: deleting.name })}
          confirmLabel={t('automation.deleteConfirm')}
          danger
          pending={remove.isPending}
          error={<ErrorMessage error={remove.error} overrides={{ NOT_FOUND: t('automation.errors.ruleGone') }} />}
          onCancel={() => setDeleting(null)}
          onConfirm={() => remove.mutate({ organizationId, ruleId: deleting.id })}
        >
          <p>{t('automation.deleteWarning')}</p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}
