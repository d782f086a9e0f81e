import type { CannedReplyItem, ConversationDetail, ReplyResult, ThreadItem } from '@perch/shared';
import { detailFixture, paneIds } from '@/features/conversation/testing/pane-fixtures.ts';
import { ids } from '@/testing/fixtures.ts';

export type ReplyThreadItem = Extract<ThreadItem, { kind: 'reply' }>;

export const replyIds = {
  cannedFr: '0190a7e2-0000-7000-8000-00000000e001',
  cannedEn: '0190a7e2-0000-7000-8000-00000000e002',
  cannedHandle: '0190a7e2-0000-7000-8000-00000000e003',
  reply: '0190a7e2-0000-7000-8000-00000000e101',
} as const;

const canned = (patch: Partial<CannedReplyItem> & Pick<CannedReplyItem, 'id' | 'name' | 'text'>): CannedReplyItem => ({
  brandId: ids.brandSkyward,
  shortcut: null,
  language: 'en',
  useCount: 0,
  updatedAt: '2026-03-01T00:00:00.000Z',
  ...patch,
});

export const cannedFixture: CannedReplyItem[] = [
  canned({
    id: replyIds.cannedEn,
    name: 'Flight delay',
    shortcut: 'delay',
    text: 'Hi {{customer.name}}, {{agent.first_name}} here: we are sorry about the delay.',
    useCount: 40,
  }),
  canned({
    id: replyIds.cannedFr,
    name: 'Vol retardé',
    shortcut: 'retard',
    language: 'fr',
    text: 'Bonjour {{customer.name}}, ici {{agent.first_name}} de {{brand.name}} : désolés pour ce retard 😞',
    useCount: 3,
  }),
  canned({
    id: replyIds.cannedHandle,
    name: 'Suivi',
    shortcut: 'suivi',
    language: 'fr',
    text: 'Nous suivons votre dossier, {{customer.handle}}.',
  }),
];

/** The pane's conversation, with a plain customer name (canned replies fill it in) and the given changes. */
export function conversationFixture(
  overrides: Partial<ConversationDetail['conversation']> = {},
  thread?: ThreadItem[],
): ConversationDetail {
  const detail = detailFixture(overrides);
  const customer = { ...detail.conversation.customer, displayName: 'Camille Durand', ...overrides.customer };
  return { ...detail, conversation: { ...detail.conversation, customer }, thread: thread ?? detail.thread };
}

export function replyItem(patch: Partial<ReplyThreadItem> = {}): ReplyThreadItem {
  return {
    kind: 'reply',
    id: replyIds.reply,
    at: '2026-03-01T09:20:00.000Z',
    text: 'We are on it.',
    authorUserId: paneIds.lea,
    authorName: 'Léa Martin',
    isDirectMessage: false,
    state: 'queued',
    lastError: null,
    attempts: 0,
    nextAttemptAt: null,
    sentAt: null,
    networkId: null,
    review: null,
    ...patch,
  };
}

export const replyResult = (patch: Partial<ReplyResult> = {}): ReplyResult => ({
  id: replyIds.reply,
  state: 'queued',
  replayed: false,
  conversation: null,
  ...patch,
});
