import { createSnowflakeGenerator } from './snowflake.ts';

/**
 * The sandbox network's in-memory world: accounts, posts, who mentions whom, and the API tokens it accepts.
 * Nothing is persisted — a restart is a fresh network, which is what tests and demos want.
 */
export type AccountKind = 'brand' | 'customer';

export interface Account {
  id: string;
  username: string;
  name: string;
  followers: number;
  following: number;
  verified: boolean;
  kind: AccountKind;
  createdAt: number;
}

export interface Tweet {
  id: string;
  authorId: string;
  /** NFC-normalised, as X stores it. */
  text: string;
  createdAt: number;
  inReplyToTweetId: string | null;
  inReplyToUserId: string | null;
  quotedTweetId: string | null;
  /** The id of the thread's first post (X v2 `conversation_id`). */
  conversationId: string;
  lang: string | null;
  /** Accounts for which this post is a mention: @username in the text, the replied-to and the quoted author. */
  mentionedUserIds: string[];
  /** How it was created: the /2 API (a brand's reply) or the sandbox's own endpoint (a customer, the simulator). */
  via: 'api' | 'sandbox';
  deletedAt: number | null;
}

export interface NewTweet {
  authorId: string;
  text: string;
  inReplyToTweetId?: string | null;
  quotedTweetId?: string | null;
  lang?: string | null;
  via: Tweet['via'];
}

/** A direct message (X v2 `MessageCreate` event) in a one-to-one conversation. */
export interface DirectMessage {
  /** The event id (`dm_event_id`). */
  id: string;
  /** X's one-to-one conversation id: the two user ids, the smaller first, joined by a dash. */
  conversationId: string;
  senderId: string;
  recipientId: string;
  /** NFC-normalised. */
  text: string;
  createdAt: number;
}

export interface ApiLogEntry {
  at: number;
  method: string;
  url: string;
  status: number;
  fault: string | null;
}

type TweetListener = (tweet: Tweet) => void;

/** `@handle` as X recognises it: not preceded by a word character or @, 1–15 word characters. */
export const MENTION = /(?<![A-Za-z0-9_@])@([A-Za-z0-9_]{1,15})(?![A-Za-z0-9_@])/g;
const API_LOG_CAP = 2000;

export class SandboxState {
  readonly accounts = new Map<string, Account>();
  readonly tweets = new Map<string, Tweet>();
  /** Registered API tokens: `userId` null for an app-only bearer token, else the user the token acts for. */
  readonly tokens = new Map<string, { userId: string | null }>();
  /** The latest /2 API requests (newest last), so tests can see how a client behaved (retries, back-off). */
  readonly apiLog: ApiLogEntry[] = [];
  /** Every direct message, oldest first. */
  readonly directMessages: DirectMessage[] = [];
  private readonly usernames = new Map<string, string>();
  /** Per account, ascending ids (ids are monotonic, so appending keeps the order). */
  private readonly mentionIds = new Map<string, string[]>();
  private readonly timelineIds = new Map<string, string[]>();
  private readonly createdListeners = new Set<TweetListener>();
  private readonly deletedListeners = new Set<TweetListener>();
  readonly nextId: () => string;
  readonly now: () => number;

  constructor(now: () => number) {
    this.now = now;
    this.nextId = createSnowflakeGenerator(now);
  }

  createAccount(input: Omit<Account, 'id' | 'createdAt' | 'following'> & { following?: number }): Account {
    const key = input.username.toLowerCase();
    if (this.usernames.has(key)) throw new SandboxConflict(`username @${input.username} is taken`);
    const account: Account = { following: 0, ...input, id: this.nextId(), createdAt: this.now() };
    this.accounts.set(account.id, account);
    this.usernames.set(key, account.id);
    return account;
  }

  accountByUsername(username: string): Account | undefined {
    const id = this.usernames.get(username.toLowerCase());
    return id === undefined ? undefined : this.accounts.get(id);
  }

  registerToken(token: string, userId: string | null): void {
    this.tokens.set(token, { userId });
  }

  /** A live (not deleted) post, or undefined. */
  liveTweet(id: string): Tweet | undefined {
    const tweet = this.tweets.get(id);
    return tweet && tweet.deletedAt === null ? tweet : undefined;
  }

  /** Stores a post and tells the listeners (webhook delivery). The caller has checked that references exist. */
  postTweet(input: NewTweet): Tweet {
    const text = input.text.normalize('NFC');
    const parent = input.inReplyToTweetId ? this.tweets.get(input.inReplyToTweetId) : undefined;
    const quoted = input.quotedTweetId ? this.tweets.get(input.quotedTweetId) : undefined;
    const id = this.nextId();
    const mentioned = new Set<string>();
    for (const match of text.matchAll(MENTION)) {
      const account = this.accountByUsername(match[1] ?? '');
      if (account) mentioned.add(account.id);
    }
    if (parent) mentioned.add(parent.authorId);
    if (quoted) mentioned.add(quoted.authorId);
    mentioned.delete(input.authorId); // X does not put your own posts in your mentions timeline.
    const tweet: Tweet = {
      id,
      authorId: input.authorId,
      text,
      createdAt: this.now(),
      inReplyToTweetId: parent?.id ?? null,
      inReplyToUserId: parent?.authorId ?? null,
      quotedTweetId: quoted?.id ?? null,
      conversationId: parent?.conversationId ?? id,
      lang: input.lang ?? null,
      mentionedUserIds: [...mentioned],
      via: input.via,
      deletedAt: null,
    };
    this.tweets.set(id, tweet);
    append(this.timelineIds, tweet.authorId, id);
    for (const userId of tweet.mentionedUserIds) append(this.mentionIds, userId, id);
    for (const listener of this.createdListeners) listener(tweet);
    return tweet;
  }

  /** Marks a post deleted: it leaves every timeline, and listeners deliver `tweet_delete_events`. */
  deleteTweet(id: string): Tweet | undefined {
    const tweet = this.liveTweet(id);
    if (!tweet) return undefined;
    tweet.deletedAt = this.now();
    for (const listener of this.deletedListeners) listener(tweet);
    return tweet;
  }

  /** Live mentions of an account, newest first (at most `limit`). */
  mentionsOf(userId: string, limit = Infinity): Tweet[] {
    return this.live(this.mentionIds.get(userId) ?? [], limit);
  }

  /** Live posts by an account, newest first. */
  timelineOf(userId: string): Tweet[] {
    return this.live(this.timelineIds.get(userId) ?? [], Infinity);
  }

  sendDirectMessage(input: { senderId: string; recipientId: string; text: string }): DirectMessage {
    const message: DirectMessage = {
      id: this.nextId(),
      conversationId: dmConversationId(input.senderId, input.recipientId),
      senderId: input.senderId,
      recipientId: input.recipientId,
      text: input.text.normalize('NFC'),
      createdAt: this.now(),
    };
    this.directMessages.push(message);
    return message;
  }

  /** A user's direct messages, sent and received, newest first; with `participantId`, only that conversation. */
  directMessagesOf(userId: string, participantId?: string): DirectMessage[] {
    const conversation = participantId === undefined ? undefined : dmConversationId(userId, participantId);
    return this.directMessages
      .filter(
        (m) =>
          (m.senderId === userId || m.recipientId === userId) &&
          (conversation === undefined || m.conversationId === conversation),
      )
      .reverse();
  }

  /** Every post an account ever made, deleted ones included, newest first (a double send stays one if deleted). */
  everyPostOf(userId: string): Tweet[] {
    const ids = this.timelineIds.get(userId) ?? [];
    return ids.flatMap((id) => this.tweets.get(id) ?? []).reverse();
  }

  onTweetCreated(listener: TweetListener): () => void {
    this.createdListeners.add(listener);
    return () => this.createdListeners.delete(listener);
  }

  onTweetDeleted(listener: TweetListener): () => void {
    this.deletedListeners.add(listener);
    return () => this.deletedListeners.delete(listener);
  }

  logApiRequest(entry: ApiLogEntry): void {
    this.apiLog.push(entry);
    if (this.apiLog.length > API_LOG_CAP) this.apiLog.splice(0, this.apiLog.length - API_LOG_CAP);
  }

  private live(ids: readonly string[], limit: number): Tweet[] {
    const out: Tweet[] = [];
    for (let i = ids.length - 1; i >= 0 && out.length < limit; i--) {
      const tweet = this.liveTweet(ids[i] ?? '');
      if (tweet) out.push(tweet);
    }
    return out;
  }
}

export class SandboxConflict extends Error {
  override readonly name = 'SandboxConflict';
}

export function dmConversationId(a: string, b: string): string {
  return BigInt(a) < BigInt(b) ? `${a}-${b}` : `${b}-${a}`;
}

function append(index: Map<string, string[]>, key: string, id: string): void {
  const list = index.get(key);
  if (list) list.push(id);
  else index.set(key, [id]);
}
