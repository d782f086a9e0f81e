import { z } from 'zod';
import { idSchema } from './limits.ts';

/** A live stream of an organization's inbox changes, optionally of one brand. */
export const liveEventsInput = z.strictObject({ organizationId: idSchema, brandId: idSchema.optional() });
