import { z } from 'zod';
import { PRIORITIES } from './vocabulary.ts';

export { CONVERSATION_STATUSES, PRIORITIES, type ConversationStatus } from './vocabulary.ts';

export const prioritySchema = z.enum(PRIORITIES);
export type Priority = z.infer<typeof prioritySchema>;
