/**
 * Priority score (0..100) of a mention for the inbox, with the reasons that made it.
 *
 *   start                                   30  (every mention from a person is at least 'normal')
 *   care keyword, strongest one             +30 critical (stranded, medication, wheelchair…)
 *                                           +20 major (lost bag, cancelled, outage, no signal, billing error…)
 *                                           +12 minor (delayed, refund, bill, compensation, damaged…)
 *   each further distinct care keyword      +5, at most +10
 *   brand keyword rules                     +weight each (default +15; may be negative)
 *   followers                               +6 per decade above 100, at most +20 (1k: +6, 10k: +12, 100k: +18)
 *   verified author                         +10
 *   negative sentiment                      +5 + 10 × |score| (so +5..+15); positive: −10 (praise)
 *   spam                                    capped at 10
 *   VIP                                     always 'urgent' (score at least 80)
 *
 *   priority: urgent ≥ 80, high ≥ 55, normal ≥ 30, low < 30.
 */
import type { SentimentResult } from './sentiment.ts';

export type Priority = 'urgent' | 'high' | 'normal' | 'low';

export interface BrandKeyword {
  keyword: string;
  /** Points added when the keyword appears (default 15; negative lowers the priority). */
  weight?: number;
}

export interface PriorityInput {
  text: string;
  language: string;
  followers: number;
  verified: boolean;
  sentiment: SentimentResult;
  isVip: boolean;
  brandKeywords?: BrandKeyword[];
  /** From spamSignals: a spam post stays low whatever its keywords. */
  spam?: { isSpam: boolean };
}

export interface PriorityResult {
  /** 0..100 */
  score: number;
  priority: Priority;
  reasons: string[];
}

export const PRIORITY_TUNING = {
  base: 30,
  critical: 30,
  major: 20,
  minor: 12,
  extraKeyword: 5,
  maxExtraKeywords: 10,
  brandKeyword: 15,
  followersPerDecade: 6,
  followersFrom: 100,
  maxFollowers: 20,
  verified: 10,
  negativeBase: 5,
  negativeScale: 10,
  praise: -10,
  spamCap: 10,
  vipFloor: 80,
  urgentAt: 80,
  highAt: 55,
  normalAt: 30,
} as const;

type Tier = 'critical' | 'major' | 'minor';

/** Care keywords per language, written folded (lower case, no diacritics); `*` allows any word ending. */
const CARE_KEYWORDS: Readonly<Record<string, Readonly<Record<Tier, string>>>> = {
  en: {
    critical:
      'stranded|stuck at the airport|medication|medicine|wheelchair|emergency|unaccompanied minor|safety|injured|' +
      'left behind|sleeping at the airport',
    major:
      'lost bag*|lost luggage|lost my bag*|lost my luggage|lost baggage|cancel*ed|cancellation|missed connection|' +
      'missed my connection|outage*|no signal|no service|no internet|no network|network down|internet down|' +
      'billing error|charged twice|double charged|overcharged|overbooked|bumped|no broadband',
    minor:
      'delay*|delayd|late|refund*|bill|billing|invoice|charged|compensation|damaged|broken|on hold|' +
      'no reply|no response|no answer|callback',
  },
  fr: {
    critical:
      'bloque* a|coince*|medicament*|fauteuil roulant|urgence|urgent|mineur non accompagne|securite|blesse*|' +
      'dormir a l aeroport',
    major:
      'bagage* perdu*|valise* perdue*|perdu ma valise|perdu mon bagage|perdu mes bagages|annule*|annulation|' +
      'correspondance ratee|correspondance manquee|panne*|coupure*|pas de reseau|plus de reseau|' +
      'aucun reseau|pas d internet|plus d internet|erreur de facturation|preleve* deux fois|debite* deux fois|' +
      'surbooking|surfacture*',
    minor:
      'retard*|remboursement|rembourse*|facture*|facturation|indemnisation|dedommagement|abime*|casse*|' +
      'pas de reponse|aucune reponse|sans reponse|rappel',
  },
  es: {
    critical: 'atrapad*|medicamento*|silla de ruedas|urgencia',
    major:
      'maleta perdida|perdieron mi maleta|cancelad*|cancelaron|conexion perdida|perdi la conexion|sin senal|sin internet',
    minor: 'retraso|reembolso|factura|cobraron dos veces',
  },
  de: {
    critical: 'sitze* fest|gestrandet|medikament*|rollstuhl|notfall',
    major:
      'koffer* verloren|verloren gegangen|storniert|annulliert|anschlussflug verpasst|kein netz|kein internet|storung',
    minor: 'verspatet|verspatung|erstattung|rechnung|zweimal abgebucht',
  },
};

interface Matcher {
  tier: Tier;
  re: RegExp;
}

function compile(list: string): RegExp {
  const alternatives = list.split('|').map((k) =>
    k
      .trim()
      .replace(/[.+?^${}()[\]\\]/g, '\\$&')
      .replace(/\*/g, '[\\p{L}]*')
      .replace(/ /g, '\\s+'),
  );
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'gu');
}

const MATCHERS: ReadonlyMap<string, readonly Matcher[]> = new Map(
  Object.entries(CARE_KEYWORDS).map(([lang, tiers]) => [
    lang,
    (Object.keys(tiers) as Tier[]).map((tier) => ({ tier, re: compile(tiers[tier]) })),
  ]),
);
/** Strongest tier first, so that "billing error" is taken before the "billing" inside it. */
const byTier = (list: Matcher[]): Matcher[] => list.sort((a, b) => PRIORITY_TUNING[b.tier] - PRIORITY_TUNING[a.tier]);
const ALL_MATCHERS: readonly Matcher[] = byTier([...MATCHERS.values()].flat());
/** Per language: its own keywords plus English ones (English care words show up in posts of every language). */
const MATCHERS_WITH_EN: ReadonlyMap<string, readonly Matcher[]> = new Map(
  [...MATCHERS].map(([lang, own]) => [lang, lang === 'en' ? own : byTier([...own, ...(MATCHERS.get('en') ?? [])])]),
);

const FOLD_RE = /\p{M}/gu;
const APOSTROPHE_RE = /['’‐-]/g;
/** Lower case, no diacritics, apostrophes and hyphens as spaces ("l'aéroport" → "l aeroport"). */
export function foldText(text: string): string {
  return text.toLowerCase().normalize('NFD').replace(FOLD_RE, '').replace(APOSTROPHE_RE, ' ');
}

const foldedKeywords = new Map<string, string>();
function foldedKeyword(keyword: string): string {
  let folded = foldedKeywords.get(keyword);
  if (folded === undefined) {
    folded = foldText(keyword).trim();
    if (foldedKeywords.size > 10_000) foldedKeywords.clear();
    foldedKeywords.set(keyword, folded);
  }
  return folded;
}

const WORD_CHAR_RE = /[\p{L}\p{N}]/u;
/** Whole-word (or whole-phrase) occurrence of `needle` in `haystack`, both folded. */
function containsWord(haystack: string, needle: string): boolean {
  if (!needle) return false;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) {
    const before = haystack[at - 1];
    const after = haystack[at + needle.length];
    if ((before === undefined || !WORD_CHAR_RE.test(before)) && (after === undefined || !WORD_CHAR_RE.test(after))) {
      return true;
    }
  }
  return false;
}

const matchersFor = (language: string): readonly Matcher[] => MATCHERS_WITH_EN.get(language) ?? ALL_MATCHERS;

const compact = (n: number): string =>
  n >= 1e6 ? `${Math.round(n / 1e5) / 10}M` : n >= 1e3 ? `${Math.round(n / 100) / 10}k` : String(n);

export function priorityFromScore(score: number): Priority {
  const T = PRIORITY_TUNING;
  return score >= T.urgentAt ? 'urgent' : score >= T.highAt ? 'high' : score >= T.normalAt ? 'normal' : 'low';
}

export function priorityScore(input: PriorityInput): PriorityResult {
  const T = PRIORITY_TUNING;
  const reasons: string[] = [];
  let score: number = T.base;
  const folded = foldText(input.text);

  // Distinct keywords, strongest first; a match inside an earlier (stronger) one is not counted again.
  const found: [string, Tier][] = [];
  const spans: number[] = [];
  for (const { tier, re } of matchersFor(input.language.slice(0, 2).toLowerCase())) {
    re.lastIndex = 0;
    for (let m = re.exec(folded); m !== null; m = re.exec(folded)) {
      const start = m.index;
      const end = start + m[0].length;
      let inside = false;
      for (let k = 0; k < spans.length && !inside; k += 2) inside = start < spans[k + 1]! && end > spans[k]!;
      if (inside) continue;
      spans.push(start, end);
      const word = m[0].replace(/\s+/g, ' ');
      if (!found.some(([w]) => w === word)) found.push([word, tier]);
    }
  }
  if (found.length > 0) {
    const [topWord, topTier] = found[0]!;
    score += T[topTier];
    reasons.push(`${topTier} keyword "${topWord}" (+${T[topTier]})`);
    const extra = Math.min(T.maxExtraKeywords, (found.length - 1) * T.extraKeyword);
    if (extra > 0) {
      score += extra;
      const others = found.slice(1).map(([w]) => `"${w}"`);
      reasons.push(`more care keywords: ${others.join(', ')} (+${extra})`);
    }
  }

  for (const { keyword, weight = T.brandKeyword } of input.brandKeywords ?? []) {
    if (!Number.isFinite(weight) || !containsWord(folded, foldedKeyword(keyword))) continue;
    score += weight;
    reasons.push(`brand keyword "${keyword}" (${weight >= 0 ? '+' : ''}${weight})`);
  }

  const followers = Math.max(0, input.followers);
  if (followers > T.followersFrom) {
    const points = Math.round(Math.min(T.maxFollowers, T.followersPerDecade * Math.log10(followers / T.followersFrom)));
    if (points > 0) {
      score += points;
      reasons.push(`${compact(followers)} followers (+${points})`);
    }
  }
  if (input.verified) {
    score += T.verified;
    reasons.push(`verified author (+${T.verified})`);
  }

  const { label, score: s } = input.sentiment;
  if (label === 'negative') {
    const points = Math.round(T.negativeBase + T.negativeScale * Math.min(1, Math.abs(s)));
    score += points;
    reasons.push(`negative sentiment ${s} (+${points})`);
  } else if (label === 'positive') {
    score += T.praise;
    reasons.push(`positive sentiment (${T.praise})`);
  }

  if (input.spam?.isSpam) {
    score = Math.min(score, T.spamCap);
    reasons.push(`spam (capped at ${T.spamCap})`);
  }
  // A NaN from a malformed input (follower count, sentiment score) must not reach the inbox sort.
  score = Number.isFinite(score) ? Math.max(0, Math.min(100, Math.round(score))) : T.base;
  if (input.isVip) {
    score = Math.max(score, T.vipFloor);
    reasons.push('VIP customer (always urgent)');
    return { score, priority: 'urgent', reasons };
  }
  return { score, priority: priorityFromScore(score), reasons };
}
