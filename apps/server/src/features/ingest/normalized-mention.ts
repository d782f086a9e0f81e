/**
 * One inbound post as every entry point hands it to the pipeline (X webhook, X polling, generic webhook, import),
 * after parsing and validation. The pipeline stores it once per (channel, externalId).
 */
export interface NormalizedMention {
  /** The network's id of the post (X: id_str). */
  externalId: string;
  /** mention | reply | quote | dm; `outbound` for posts by the brand's own account. */
  kind: 'mention' | 'reply' | 'quote' | 'dm' | 'outbound';
  /** Full text, NFC-normalised (X: extended_tweet.full_text when truncated). At most 25,000 characters. */
  text: string;
  /** The post this one answers, if any (X: in_reply_to_status_id_str). */
  inReplyToExternalId: string | null;
  /** The thread/conversation id on the network, when it has one (X v2: conversation_id). */
  threadExternalId: string | null;
  postedAt: Date;
  author: {
    /** The network's user id (X: user.id_str). */
    externalUserId: string;
    username: string;
    displayName: string;
    followers: number;
    verified: boolean;
    /** http/https only; anything else is dropped (null). */
    profileUrl: string | null;
  };
  /** The original event, kept for audit and reprocessing (bounded by the body limit of the entry point). */
  raw: unknown;
}

/** A deletion notice (X: tweet_delete_events): hide the stored text everywhere. */
export interface MentionDeletion {
  externalId: string;
  authorExternalUserId: string;
}
