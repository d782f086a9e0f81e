/**
 * Spam/bot heuristics for the spam lane. Each signal adds to a score in 0..1; a post is spam at 0.5 or more.
 * No single customer behaviour reaches 0.5 on its own: an angry customer who repeats "any update??" five times,
 * writes in capitals, or names a promo code that did not work is not spam. Shouting is deliberately not a signal.
 */

export interface SpamInput {
  text: string;
  authorFollowers: number;
  authorCreatedDaysAgo?: number;
  recentTextsByAuthor?: string[];
}

export interface SpamResult {
  isSpam: boolean;
  /** 0..1 */
  score: number;
  reasons: string[];
}

/** Weights and thresholds, documented in docs/enrichment.md. */
export const SPAM_TUNING = {
  spamAt: 0.5,
  linkFarmLinks: 3,
  linkFarm: 0.4,
  twoLinks: 0.15,
  shortener: 0.1,
  suspiciousDomain: 0.2,
  firstPromo: 0.35,
  morePromo: 0.15,
  maxPromo: 0.65,
  repeatedOnce: 0.15,
  repeatedTwice: 0.3,
  repeatedOften: 0.45,
  newAccountDays: 30,
  newAccountMaxFollowers: 10,
  newAccountWithLinks: 0.3,
  newAccountNoAudience: 0.1,
  massMentionHandles: 5,
  massMention: 0.2,
  hashtagStuffing: 6,
  hashtags: 0.2,
} as const;

const URL_RE = /\b(?:https?:\/\/|www\.)[^\s]+/giu;
const HANDLE_RE = /(?:^|[^\p{L}\p{N}_])@[\p{L}\p{N}_]+/gu;
const HASHTAG_RE = /(?:^|[^\p{L}\p{N}_&])#[\p{L}\p{N}_]+/gu;
// Shorteners hide the destination (t.co is X's own wrapper and is not counted).
const SHORTENER_RE =
  /\b(?:https?:\/\/)?(?:bit\.ly|tinyurl\.com|goo\.gl|ow\.ly|is\.gd|cutt\.ly|rb\.gy|shorturl\.at|tiny\.cc)\//iu;
const SUSPICIOUS_TLD_RE =
  /\b(?:https?:\/\/|www\.)[^\s/]+\.(?:click|top|xyz|live|biz|win|loan|bid|icu|buzz|rest|monster|cyou|sbs|cam|vip)(?:[/?#]|$|\s)/iu;

/** Promotional and scam vocabulary (en, fr, es, de), matched on lower-cased text. */
const PROMO_PATTERNS: readonly (readonly [RegExp, string])[] = [
  [/\b(?:crypto|bitcoin|btc|eth|ethereum|usdt|nft|airdrop|forex|casino|betting)\b/u, 'crypto/gambling'],
  [/\b(?:giveaway|concours|sorteo|gewinnspiel)\b/u, 'giveaway'],
  [/\b(?:win|gagnez|gagner|gana|gewinne|gewinnen)\s+(?:an?|un|une|el|la|ein|eine)?\s*\S+/u, 'prize'],
  [/\bdm\s+(?:for|me\s+for)\s+(?:promo|collab|promotion)|\bpromo\s+(?:dm|mp)\b/u, 'DM for promo'],
  [/\bpromo\s*code\b|\bcode\s+promo\b|\bcoupon\s+code\b|\buse\s+code\b/u, 'promo code'],
  [/\b\d+\s*%\s*off\b|-\s?\d+\s*%\s+(?:sur|on)\b/u, 'discount offer'],
  [
    /\b\d+(?:[.,]\d+)?k?\s*(?:followers|abonn[ée]s|seguidores|follower)\b|\bfollowers?\s+(?:in|en)\s+\d/u,
    'followers for sale',
  ],
  [
    /\b(?:abonnez-vous|follow\s*\+\s*rt|follow\s+and\s+rt|rt\s+to\s+win|sigue\s+y\s+comparte|folgen\s+und\s+teilen)\b/u,
    'follow & RT',
  ],
  [
    /(?:[$€£]\s?\d+|\d+\s?[$€£])\s*(?:\/\s*(?:day|jour|week)|per\s+day|a\s+day|par\s+jour|al\s+d[ií]a|pro\s+tag)/u,
    'money promise',
  ],
  [/\b(?:earn|make)\s+(?:money|\$)|\bargent\s+facile\b|\bsans\s+exp[ée]rience\b/u, 'easy money'],
  [/\b(?:cheap|pas\s+chers?|discret|discreet|guaranteed|garantis?)\b/u, 'sales pitch'],
  [
    /\bno\s+experience\s+needed\b|\bdoubl(?:e|ing)\s+(?:your|event)\b|\bx2\b|\bclick\s+here\b|\blink\s+in\s+bio\b/u,
    'scam bait',
  ],
  [
    /\blimited\s+time\b|\boffre\s+limit[ée]e\b|\bgratuit\b|\bfree\s+(?:followers|iphone|money|crypto)\b/u,
    'urgency/free offer',
  ],
];

function count(re: RegExp, text: string): number {
  re.lastIndex = 0;
  let n = 0;
  while (re.test(text)) n++;
  return n;
}

const NORMALISE_RE = /https?:\/\/\S+|www\.\S+|@[\p{L}\p{N}_]+|[\p{N}\p{P}\p{S}\s]+/gu;
const normalise = (text: string): string => text.toLowerCase().replace(NORMALISE_RE, ' ').trim();

/** Word-set similarity (Jaccard) of two normalised texts. */
function similar(a: string, b: string): boolean {
  if (a === b) return a.length > 0;
  const wa = new Set(a.split(' '));
  const wb = new Set(b.split(' '));
  let common = 0;
  for (const w of wa) if (wb.has(w)) common++;
  return common / (wa.size + wb.size - common) >= 0.8;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

export function spamSignals(input: SpamInput): SpamResult {
  const T = SPAM_TUNING;
  const text = input.text ?? '';
  const reasons: string[] = [];
  let score = 0;
  const add = (points: number, reason: string): void => {
    score += points;
    reasons.push(reason);
  };

  const links = count(URL_RE, text);
  if (links >= T.linkFarmLinks) add(T.linkFarm, `link farm: ${links} links`);
  else if (links === 2) add(T.twoLinks, '2 links');
  if (links > 0 && SHORTENER_RE.test(text)) add(T.shortener, 'link shortener');
  if (links > 0 && SUSPICIOUS_TLD_RE.test(text)) add(T.suspiciousDomain, 'suspicious link domain');

  // Vocabulary is read without the links: a pasted URL may contain any word ("…/cheap-flights").
  const lower = text.toLowerCase().replace(URL_RE, ' ');
  let promo = 0;
  for (const [re, label] of PROMO_PATTERNS) {
    if (!re.test(lower)) continue;
    const points = promo === 0 ? T.firstPromo : T.morePromo;
    promo = Math.min(T.maxPromo, promo + points);
    reasons.push(`promo: ${label}`);
  }
  score += promo;

  const recent = input.recentTextsByAuthor;
  if (recent && recent.length > 0) {
    const mine = normalise(text);
    let repeats = 0;
    for (const other of recent) if (similar(mine, normalise(other))) repeats++;
    if (repeats >= 4) add(T.repeatedOften, `repeated text (${repeats} similar recent posts)`);
    else if (repeats >= 2) add(T.repeatedTwice, `repeated text (${repeats} similar recent posts)`);
    else if (repeats === 1) add(T.repeatedOnce, 'repeated text (1 similar recent post)');
  }

  const days = input.authorCreatedDaysAgo;
  if (days !== undefined && days < T.newAccountDays && input.authorFollowers < T.newAccountMaxFollowers) {
    if (links > 0)
      add(T.newAccountWithLinks, `new account (${Math.floor(days)} d, ${input.authorFollowers} followers) with links`);
    else add(T.newAccountNoAudience, `new account (${Math.floor(days)} d) with no audience`);
  }

  const handles = count(HANDLE_RE, text);
  if (handles >= T.massMentionHandles) add(T.massMention, `mass mention: ${handles} handles`);
  const tags = count(HASHTAG_RE, text);
  if (tags >= T.hashtagStuffing) add(T.hashtags, `hashtag stuffing: ${tags} hashtags`);

  const final = round2(Math.min(1, score));
  return { isSpam: final >= T.spamAt, score: final, reasons };
}
