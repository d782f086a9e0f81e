import { z } from 'zod';

/** Conversation vocabulary (product.md): status machine and priorities. */
export const CONVERSATION_STATUSES = ['new', 'open', 'pending', 'snoozed', 'resolved'] as const;
export const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export const prioritySchema = z.enum(PRIORITIES);
export type Priority = z.infer<typeof prioritySchema>;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];
