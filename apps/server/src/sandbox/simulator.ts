import { createCustomerPool, type CustomerProfile } from './customers.ts';
import { createPrng } from './prng.ts';
import { SandboxClient, SandboxClientError } from './sandbox-client.ts';
import { compose, stormIncident, type BrandKind, type Language, type Topic } from './text-templates.ts';

/**
 * Traffic for the sandbox network: customers complaining, asking, praising, spamming, answering the brand's
 * replies, chasing unanswered posts and sometimes deleting them — at a Poisson rate with periodic "outage storms".
 * It drives the sandbox only through its HTTP API. With a seed, the sequence of posts is reproducible (timing is
 * real time; what is said, by whom, to which brand, comes from separate seeded streams).
 */
export interface SimulatorBrand {
  username: string;
  kind: BrandKind;
  language: Language | 'mixed';
}

export interface SimulatorOptions {
  sandboxUrl: string;
  brands: SimulatorBrand[];
  ratePerMinute: number;
  seed?: number;
  storm?: { multiplier: number; everyMinutes: number; durationMinutes: number };
  /** Size of the customer crowd (default 40, plus a few spam bots). */
  customers?: number;
  /** Stops by itself after this many posts (tests). */
  maxPosts?: number;
  /** Clock for storm scheduling (tests); defaults to Date.now. */
  now?: () => number;
}

export type PostKind = Topic | 'spam' | 'follow_up';

export interface SimulatorStats {
  running: boolean;
  posted: number;
  byKind: Record<PostKind, number>;
  byLanguage: Record<Language, number>;
  byBrand: Record<string, number>;
  deleted: number;
  errors: number;
  lastError: string | null;
  customers: number;
  stormActive: boolean;
}

export interface Simulator {
  stop(): Promise<void>;
  stats(): SimulatorStats;
  /** Settles when the simulator stops (maxPosts reached or stop()). */
  done: Promise<void>;
}

interface World {
  brands: (SimulatorBrand & { id: string; code: string })[];
  customers: (CustomerProfile & { id: string })[];
}

interface Posted {
  id: string;
  customerId: string;
  brandIndex: number;
  kind: PostKind;
}

const POLL_EVERY_TICKS = 5;
const NORMAL_MIX = { complaint: 42, question: 24, praise: 15, spam: 9, nudge: 6, delete: 2 } as const;
const STORM_MIX = { complaint: 80, question: 8, praise: 2, spam: 5, nudge: 5, delete: 0 } as const;

export function startSimulator(opts: SimulatorOptions): Simulator {
  if (opts.brands.length === 0) throw new Error('the simulator needs at least one brand');
  if (!(opts.ratePerMinute > 0)) throw new Error('ratePerMinute must be positive');
  const now = opts.now ?? Date.now;
  const root = createPrng(opts.seed ?? Math.floor(Math.random() * 2 ** 32));
  // Separate streams: how fast, what is said, who answers the brand, storms — one does not shift the others.
  const rng = {
    timing: root.fork(),
    content: root.fork(),
    followUps: root.fork(),
    storm: root.fork(),
    pool: root.fork(),
  };
  const abort = new AbortController();
  const client = new SandboxClient(opts.sandboxUrl.replace(/\/$/, ''), abort.signal);
  const startedAt = now();
  const stats: SimulatorStats = {
    running: true,
    posted: 0,
    byKind: { complaint: 0, question: 0, praise: 0, spam: 0, follow_up: 0 },
    byLanguage: { en: 0, fr: 0 },
    byBrand: Object.fromEntries(opts.brands.map((b) => [b.username, 0])),
    deleted: 0,
    errors: 0,
    lastError: null,
    customers: 0,
    stormActive: false,
  };
  // The crowd is drawn once, up front: a setup retried after a network error creates the same people.
  const languages = [
    ...new Set(opts.brands.flatMap((b): Language[] => (b.language === 'mixed' ? ['en', 'fr'] : [b.language]))),
  ];
  const profiles = createCustomerPool(rng.pool, opts.customers ?? 40, languages, 4);
  let world: World | undefined;
  let timer: NodeJS.Timeout | undefined;
  let inflight: Promise<void> | undefined;
  let ticks = 0;
  let storm: { brandIndex: number; incident: Record<string, string> } | null = null;
  const recent: Posted[] = [];
  const answerQueue: { customerId: string; brandIndex: number; replyToId: string }[] = [];
  const lastSeen = new Map<string, string>();
  let resolveDone!: () => void;
  const done = new Promise<void>((resolve) => (resolveDone = resolve));

  const stormNow = (): boolean => {
    const s = opts.storm;
    if (!s || s.everyMinutes <= 0) return false;
    const minutes = (now() - startedAt) / 60_000;
    return minutes >= s.everyMinutes && minutes % s.everyMinutes < s.durationMinutes;
  };

  async function setup(): Promise<World> {
    const brands: World['brands'] = [];
    for (const brand of opts.brands) {
      // The brand accounts usually exist already (the CLI creates them with their API tokens).
      const account =
        (await client.findAccount(brand.username)) ??
        (await client.createAccount({
          username: brand.username,
          name: brand.username.replace(/([a-z])([A-Z])/g, '$1 $2'),
          followers: 250_000,
          verified: true,
          kind: 'brand',
        }));
      const id = account.id;
      const code = (brand.username.match(/[A-Z]/g) ?? ['X', 'X']).join('').slice(0, 2).padEnd(2, 'X');
      brands.push({ ...brand, id, code });
    }
    const customers: World['customers'] = [];
    for (const profile of profiles) {
      const { language: _l, spam: _s, ...account } = profile;
      const created = await client.createAccount({ ...account, kind: 'customer' }).catch(async (error: unknown) => {
        // A second simulator on the same sandbox: reuse the existing account of that name.
        if (!(error instanceof SandboxClientError && error.status === 409)) throw error;
        const existing = await client.findAccount(profile.username);
        if (!existing) throw error;
        return existing;
      });
      customers.push({ ...profile, id: created.id });
    }
    stats.customers = customers.length;
    return { brands, customers };
  }

  async function pollBrandReplies(w: World): Promise<void> {
    const byId = new Map(w.customers.map((c) => [c.id, c]));
    for (const [brandIndex, brand] of w.brands.entries()) {
      const posts = await client.timeline(brand.id, lastSeen.get(brand.id));
      if (posts[0]) lastSeen.set(brand.id, posts[0].id);
      for (const post of posts.reverse()) {
        const customer = post.in_reply_to_user_id ? byId.get(post.in_reply_to_user_id) : undefined;
        if (customer && !customer.spam && rng.followUps.chance(0.6))
          answerQueue.push({ customerId: customer.id, brandIndex, replyToId: post.id });
      }
    }
  }

  async function post(
    w: World,
    kind: PostKind,
    brandIndex: number,
    customer: World['customers'][number],
    text: string,
    replyTo?: string,
  ) {
    const created = await client.post(customer.id, {
      text,
      lang: customer.language,
      ...(replyTo ? { in_reply_to_tweet_id: replyTo } : {}),
    });
    recent.push({ id: created.id, customerId: customer.id, brandIndex, kind });
    if (recent.length > 200) recent.shift();
    stats.posted += 1;
    stats.byKind[kind] += 1;
    stats.byLanguage[customer.language] += 1;
    const brand = w.brands[brandIndex]!.username;
    stats.byBrand[brand] = (stats.byBrand[brand] ?? 0) + 1;
  }

  async function tick(): Promise<void> {
    world ??= await setup();
    const w = world;
    ticks += 1;
    if (ticks % POLL_EVERY_TICKS === 0) await pollBrandReplies(w);

    const stormActive = stormNow();
    if (stormActive && !storm) {
      const brandIndex = rng.storm.int(0, w.brands.length - 1);
      const brand = w.brands[brandIndex]!;
      storm = { brandIndex, incident: stormIncident(rng.storm, brand.language === 'fr' ? 'fr' : 'en', brand.code) };
    } else if (!stormActive) storm = null;
    stats.stormActive = stormActive;

    const answer = answerQueue.length > 0 && rng.followUps.chance(0.5) ? answerQueue.shift() : undefined;
    if (answer) {
      const customer = w.customers.find((c) => c.id === answer.customerId)!;
      const brand = w.brands[answer.brandIndex]!;
      const text = compose(rng.followUps, 'follow_up', {
        brand: brand.username,
        brandCode: brand.code,
        kind: brand.kind,
        language: customer.language,
      });
      return post(w, 'follow_up', answer.brandIndex, customer, text, answer.replyToId);
    }

    const c = rng.content;
    const action = c.weighted(storm ? STORM_MIX : NORMAL_MIX);
    if (action === 'delete') {
      const victim = recent.length > 0 ? recent.splice(c.int(0, recent.length - 1), 1)[0] : undefined;
      if (victim) {
        await client.deleteTweet(victim.id);
        stats.deleted += 1;
        return;
      }
    }
    // During a storm most traffic goes to the brand having the incident.
    const brandIndex = storm && c.chance(0.75) ? storm.brandIndex : c.int(0, w.brands.length - 1);
    const brand = w.brands[brandIndex]!;
    // A nudge chases one of the brand's recent complaints, by the same customer.
    const chaseable =
      action === 'nudge' ? recent.filter((p) => p.kind === 'complaint' && p.brandIndex === brandIndex) : [];
    const nudgeOf = chaseable.length > 0 ? c.pick(chaseable) : undefined;
    const spam = action === 'spam';
    const candidates = w.customers.filter(
      (x) => x.spam === spam && (brand.language === 'mixed' || x.language === brand.language),
    );
    const customer = nudgeOf
      ? w.customers.find((x) => x.id === nudgeOf.customerId)!
      : c.pick(candidates.length > 0 ? candidates : w.customers);
    const input = { brand: brand.username, brandCode: brand.code, kind: brand.kind, language: customer.language };
    if (nudgeOf) return post(w, 'follow_up', brandIndex, customer, compose(c, 'nudge', input), nudgeOf.id);
    if (spam) return post(w, 'spam', brandIndex, customer, compose(c, 'spam', input));
    const topic: Topic = action === 'question' || action === 'praise' ? action : 'complaint';
    const text =
      storm && topic === 'complaint' && brandIndex === storm.brandIndex
        ? compose(c, 'storm', input, storm.incident)
        : compose(c, 'topic', { ...input, topic });
    return post(w, topic, brandIndex, customer, text);
  }

  function schedule(): void {
    if (abort.signal.aborted) return;
    if (opts.maxPosts !== undefined && stats.posted >= opts.maxPosts) return void finish();
    const rate = opts.ratePerMinute * (stormNow() ? (opts.storm?.multiplier ?? 1) : 1);
    const delay = rng.timing.exponential(60_000 / rate);
    timer = setTimeout(() => {
      timer = undefined;
      inflight = tick()
        .catch((error: unknown) => {
          if (abort.signal.aborted) return;
          stats.errors += 1;
          stats.lastError = error instanceof Error ? error.message : String(error);
        })
        .finally(() => {
          inflight = undefined;
          schedule();
        });
    }, delay);
  }

  function finish(): void {
    stats.running = false;
    resolveDone();
  }

  schedule();
  return {
    done,
    stats: () => structuredClone(stats),
    async stop() {
      abort.abort();
      if (timer) clearTimeout(timer);
      timer = undefined;
      await inflight;
      finish();
    },
  };
}
