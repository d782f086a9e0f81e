import { z } from 'zod';
import { idSchema } from './limits.ts';

/**
 * Automatic assignment per brand (docs/routing.md): `manual` assigns nothing; `round_robin` gives each waiting
 * conversation to the online agent served longest ago; `least_loaded` to the one with the fewest open
 * conversations. Agents are only given work up to their capacity (null: ROUTING_DEFAULT_CAPACITY).
 */
export const ASSIGNMENT_MODES = ['manual', 'round_robin', 'least_loaded'] as const;
export type AssignmentMode = (typeof ASSIGNMENT_MODES)[number];

/** The capacity of an agent whose capacity is not set. */
export const ROUTING_DEFAULT_CAPACITY = 20;

export const routingSettingsInput = z.strictObject({ organizationId: idSchema });
export const setAssignmentModeInput = z.strictObject({
  organizationId: idSchema,
  brandId: idSchema,
  mode: z.enum(ASSIGNMENT_MODES),
});

export interface BrandRouting {
  brandId: string;
  name: string;
  assignmentMode: AssignmentMode;
}
