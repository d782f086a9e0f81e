import { z } from 'zod';
import { businessCalendarSchema, type BusinessCalendar } from './business-hours.ts';
import { prioritySchema, type Priority } from './conversation.ts';
import { idSchema, text } from './limits.ts';

/**
 * SLA policies (docs/sla.md): per brand and priority, targets for the first response, every next response and the
 * resolution, counted on the brand's business-hours calendar or around the clock. A clock starts with its episode
 * (first response, resolution) or with the requester's wait (next response), pauses in `pending` and `snoozed`
 * (next response and resolution), warns at `warnAtPercent` of its target and breaches at its due time.
 */
export const SLA_TARGETS = ['first_response', 'next_response', 'resolution'] as const;
export type SlaTarget = (typeof SLA_TARGETS)[number];

export const SLA_LIMITS = {
  policyName: 120,
  /** 90 days: longer targets are not a service level. */
  targetMinutesMax: 90 * 24 * 60,
  warnAtPercentMin: 1,
  warnAtPercentMax: 99,
  warnAtPercentDefault: 75,
} as const;

const org = { organizationId: idSchema };
const minutes = z
  .number()
  .int({ message: 'must be a whole number of minutes' })
  .min(1, { message: 'must be at least 1 minute' })
  .max(SLA_LIMITS.targetMinutesMax, { message: `must be at most ${SLA_LIMITS.targetMinutesMax} minutes (90 days)` })
  .nullable();

export const listSlaPoliciesInput = z.strictObject({ ...org, brandId: idSchema });

/** Creates or replaces the policy of one brand and priority (one policy per pair). */
export const saveSlaPolicyInput = z
  .strictObject({
    ...org,
    brandId: idSchema,
    priority: prioritySchema,
    name: text(SLA_LIMITS.policyName),
    firstResponseMinutes: minutes,
    nextResponseMinutes: minutes,
    resolutionMinutes: minutes,
    businessHours: z.boolean(),
    warnAtPercent: z
      .number()
      .int()
      .min(SLA_LIMITS.warnAtPercentMin)
      .max(SLA_LIMITS.warnAtPercentMax)
      .default(SLA_LIMITS.warnAtPercentDefault),
  })
  .refine((p) => p.firstResponseMinutes !== null || p.nextResponseMinutes !== null || p.resolutionMinutes !== null, {
    message: 'set at least one target',
    path: ['firstResponseMinutes'],
  });

export const deleteSlaPolicyInput = z.strictObject({ ...org, policyId: idSchema });

/** The brand's business-hours calendar; null removes it (business-hours targets then count every hour). */
export const setBusinessCalendarInput = z.strictObject({
  ...org,
  brandId: idSchema,
  calendar: businessCalendarSchema.nullable(),
});

export interface SlaPolicyView {
  id: string;
  brandId: string;
  priority: Priority;
  name: string;
  firstResponseMinutes: number | null;
  nextResponseMinutes: number | null;
  resolutionMinutes: number | null;
  businessHours: boolean;
  warnAtPercent: number;
  updatedAt: string;
}

export interface SlaSettings {
  brandId: string;
  brandTimeZone: string;
  /** null: no calendar (business-hours targets count every hour, and the settings page says so). */
  calendar: BusinessCalendar | null;
  /** In priority order (urgent first); a priority without a policy has no SLA. */
  policies: SlaPolicyView[];
}

export interface SaveSlaPolicyResult {
  policy: SlaPolicyView;
  /** Conversations of the brand not yet resolved whose due times are being recomputed for the change. */
  recomputing: number;
}

/**
 * The `data` of the SLA events in a conversation's timeline (`sla_warning`, `sla_breached`, `sla_met`): which target,
 * of which episode, and its due time (ISO).
 */
export interface SlaEventData {
  target: SlaTarget;
  episode: number;
  dueAt: string;
  targetMinutes: number;
  businessHours: boolean;
  /** The policy's warning threshold (events written before it was recorded lack it). */
  warnAtPercent?: number;
}
