import { z } from 'zod';
import { prioritySchema } from './conversation.ts';
import { idSchema, multilineText, text } from './limits.ts';
import { SENTIMENTS, WORK_LIMITS } from './vocabulary.ts';

/**
 * Automation rules and macros (docs/automation.md).
 *
 * A rule belongs to one brand: WHEN its trigger happens, IF every condition holds, THEN its actions apply, in the
 * brand's rule order. A run is recorded in the conversation's timeline. Changes made by rules never trigger rules
 * (so loops are impossible). A macro is a named set of actions an agent applies to one conversation at once.
 */

const org = { organizationId: idSchema };

export const AUTOMATION_LIMITS = {
  rulesPerBrand: 100,
  ruleName: 120,
  conditionsPerRule: 10,
  actionsPerRule: 10,
  valuesPerCondition: 20,
  keywordsPerCondition: 50,
  keyword: 100,
  note: 2000,
  notifyRecipients: 20,
  macrosPerOrganization: 200,
  macroName: 120,
  actionsPerMacro: 10,
  snoozeHoursMax: WORK_LIMITS.snoozeMaxDays * 24,
} as const;

/** sla_warning and sla_breached fire once SLA policies exist (the SLA issue); rules for them can be set up now. */
export const AUTOMATION_TRIGGERS = [
  'mention_received',
  'conversation_created',
  'conversation_updated',
  'sla_warning',
  'sla_breached',
] as const;
export type AutomationTrigger = (typeof AUTOMATION_TRIGGERS)[number];

const ids = z.array(idSchema).min(1).max(AUTOMATION_LIMITS.valuesPerCondition);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time like 09:30');

/** Every condition of a rule must hold (an empty list always holds). */
export const automationConditionSchema = z.discriminatedUnion('type', [
  /** The channel the conversation came in on. */
  z.strictObject({ type: z.literal('channel'), channelIds: ids }),
  /** Any of the words or phrases appears in the latest inbound message (case-insensitive, whole words). */
  z.strictObject({
    type: z.literal('keywords'),
    keywords: z.array(text(AUTOMATION_LIMITS.keyword)).min(1).max(AUTOMATION_LIMITS.keywordsPerCondition),
  }),
  /** Language of the latest inbound message (ISO 639-1 codes such as en, fr). */
  z.strictObject({
    type: z.literal('language'),
    languages: z
      .array(
        z
          .string()
          .trim()
          .toLowerCase()
          .regex(/^[a-z]{2,3}$/, 'must be a language code such as en'),
      )
      .min(1)
      .max(AUTOMATION_LIMITS.valuesPerCondition),
  }),
  /** Sentiment of the latest inbound message. */
  z.strictObject({
    type: z.literal('sentiment'),
    sentiments: z.array(z.enum(SENTIMENTS)).min(1).max(SENTIMENTS.length),
  }),
  z.strictObject({ type: z.literal('priority'), priorities: z.array(prioritySchema).min(1).max(4) }),
  /** 'any': carries at least one of the tags; 'none': carries none of them. */
  z.strictObject({ type: z.literal('tags'), match: z.enum(['any', 'none']), tagIds: ids }),
  z.strictObject({ type: z.literal('vip'), vip: z.boolean() }),
  /** The customer's follower count on the handle that wrote (bounds inclusive; at least one bound). */
  z
    .strictObject({
      type: z.literal('followers'),
      min: z.number().int().min(0).max(2_000_000_000).optional(),
      max: z.number().int().min(0).max(2_000_000_000).optional(),
    })
    .refine((c) => c.min !== undefined || c.max !== undefined, 'set a minimum, a maximum or both')
    .refine((c) => c.min === undefined || c.max === undefined || c.min <= c.max, 'the minimum exceeds the maximum'),
  /**
   * The time in the brand's time zone is within [from, to) on one of the days (0 = Sunday … 6 = Saturday).
   * `from` after `to` spans midnight (22:00–06:00), and the day is the day the span started.
   */
  z
    .strictObject({
      type: z.literal('time_of_day'),
      from: hhmm,
      to: hhmm,
      days: z.array(z.number().int().min(0).max(6)).min(1).max(7).default([0, 1, 2, 3, 4, 5, 6]),
    })
    .refine((c) => c.from !== c.to, 'the start and the end must differ'),
]);
export type AutomationCondition = z.output<typeof automationConditionSchema>;

export const automationActionSchema = z.discriminatedUnion('type', [
  /** A tag of the rule's brand. */
  z.strictObject({ type: z.literal('add_tag'), tagId: idSchema }),
  z.strictObject({ type: z.literal('set_priority'), priority: prioritySchema }),
  /** A team serving the rule's brand. */
  z.strictObject({ type: z.literal('assign_team'), teamId: idSchema }),
  /** A member with a working role on the rule's brand. */
  z.strictObject({ type: z.literal('assign_agent'), userId: idSchema }),
  /** An internal note, shown as written by the rule. */
  z.strictObject({ type: z.literal('add_note'), text: multilineText(AUTOMATION_LIMITS.note) }),
  /** An in-app notification to each member (who must be able to see the brand). */
  z.strictObject({
    type: z.literal('notify'),
    userIds: z.array(idSchema).min(1).max(AUTOMATION_LIMITS.notifyRecipients),
  }),
  /** Marks the conversation's inbound messages as spam and resolves it. */
  z.strictObject({ type: z.literal('mark_spam') }),
]);
export type AutomationAction = z.output<typeof automationActionSchema>;
export type AutomationActionType = AutomationAction['type'];

const ruleName = text(AUTOMATION_LIMITS.ruleName);
const conditions = z.array(automationConditionSchema).max(AUTOMATION_LIMITS.conditionsPerRule);
const actions = z.array(automationActionSchema).min(1).max(AUTOMATION_LIMITS.actionsPerRule);

export const listAutomationRulesInput = z.strictObject({ ...org, brandId: idSchema });
/** Added at the end of the brand's order. */
export const createAutomationRuleInput = z.strictObject({
  ...org,
  brandId: idSchema,
  name: ruleName,
  trigger: z.enum(AUTOMATION_TRIGGERS),
  conditions: conditions.default([]),
  actions,
  enabled: z.boolean().default(true),
});
export const updateAutomationRuleInput = z.strictObject({
  ...org,
  ruleId: idSchema,
  name: ruleName.optional(),
  trigger: z.enum(AUTOMATION_TRIGGERS).optional(),
  conditions: conditions.optional(),
  actions: actions.optional(),
  enabled: z.boolean().optional(),
});
export const automationRuleIdInput = z.strictObject({ ...org, ruleId: idSchema });
/** Every rule of the brand, in the new order. */
export const reorderAutomationRulesInput = z.strictObject({
  ...org,
  brandId: idSchema,
  ruleIds: z.array(idSchema).min(1).max(AUTOMATION_LIMITS.rulesPerBrand),
});

export interface AutomationRuleItem {
  id: string;
  brandId: string;
  name: string;
  trigger: AutomationTrigger;
  conditions: AutomationCondition[];
  actions: AutomationAction[];
  enabled: boolean;
  position: number;
  /** How many times the rule matched and acted, and when it last did. */
  runCount: number;
  lastRunAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The timeline event of a rule run (ConversationEvent type 'automation_ran'). */
export interface AutomationRunData {
  ruleId: string;
  ruleName: string;
  trigger: AutomationTrigger;
  /** The actions that changed something, in order (an action with nothing to do is left out). */
  actions: AutomationActionType[];
}

// ───────────────────────────── Macros ─────────────────────────────

export const macroActionSchema = z.discriminatedUnion('type', [
  /** Tags need the macro to belong to a brand (tags are brand-scoped). */
  z.strictObject({ type: z.literal('add_tag'), tagId: idSchema }),
  z.strictObject({ type: z.literal('remove_tag'), tagId: idSchema }),
  z.strictObject({ type: z.literal('set_priority'), priority: prioritySchema }),
  z.strictObject({ type: z.literal('set_status'), status: z.enum(['open', 'pending', 'resolved']) }),
  z.strictObject({
    type: z.literal('snooze'),
    hours: z.number().int().min(1).max(AUTOMATION_LIMITS.snoozeHoursMax),
  }),
  /** null: no team. */
  z.strictObject({ type: z.literal('assign_team'), teamId: idSchema.nullable() }),
  /** The agent applying the macro takes the conversation. */
  z.strictObject({ type: z.literal('assign_self') }),
  z.strictObject({ type: z.literal('unassign') }),
  z.strictObject({ type: z.literal('add_note'), text: multilineText(AUTOMATION_LIMITS.note) }),
]);
export type MacroAction = z.output<typeof macroActionSchema>;

const macroName = text(AUTOMATION_LIMITS.macroName);
const macroActions = z.array(macroActionSchema).min(1).max(AUTOMATION_LIMITS.actionsPerMacro);

/** Without `brandId`: every macro the member may use; with it: that brand's and the organization-wide ones. */
export const listMacrosInput = z.strictObject({ ...org, brandId: idSchema.optional() });
/** `brandId` null: usable on every brand (then it cannot hold tag actions). */
export const createMacroInput = z.strictObject({
  ...org,
  brandId: idSchema.nullable().default(null),
  name: macroName,
  actions: macroActions,
});
export const updateMacroInput = z.strictObject({
  ...org,
  macroId: idSchema,
  brandId: idSchema.nullable().optional(),
  name: macroName.optional(),
  actions: macroActions.optional(),
});
export const macroIdInput = z.strictObject({ ...org, macroId: idSchema });
/** Applies every action at once (one transaction, one version step); stale version → CONFLICT. */
export const applyMacroInput = z.strictObject({
  ...org,
  macroId: idSchema,
  conversationId: idSchema,
  expectedVersion: z.number().int().min(0),
});

export interface MacroItem {
  id: string;
  /** null: every brand. */
  brandId: string | null;
  name: string;
  actions: MacroAction[];
  createdAt: string;
  updatedAt: string;
}
