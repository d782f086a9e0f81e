import type { ConversationDetail } from '@perch/shared';

/**
 * What the pane needs from `agents.list`, `tags.list` and `teams.list` (another feature's procedures): kept
 * to the fields used here so the pane does not depend on the rest of their shape.
 */
export type Availability = 'online' | 'away' | 'offline';

export interface AgentOption {
  userId: string;
  name: string;
  availability: Availability;
}

export interface TagOption {
  id: string;
  brandId: string;
  name: string;
  color: string;
}

export interface TeamOption {
  id: string;
  name: string;
  /** Empty: serves every brand. */
  brandIds: string[];
}

export type Conversation = ConversationDetail['conversation'];
