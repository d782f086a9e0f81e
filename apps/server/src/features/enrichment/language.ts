/**
 * Language detection for short, noisy social posts.
 *
 * Library: `eld` (Efficient Language Detector, Apache-2.0), its "small" n-gram database (60 languages, ~46 MB of
 * heap and ~130 MB of resident memory, ~1 s to load once per process). It is loaded by the first detection, or
 * ahead by the ingest worker (warmLanguageDetector), so that a web process that never enriches never pays for it
 * (P11). We detect over all of its languages, then report one of the languages the
 * product supports (en, fr, es, de) or 'und'. Handles, URLs, hashtags, emoji and digits are stripped first: they
 * carry no language and skew n-gram detectors on 10-word posts.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { eld as EldSmall } from 'eld/small';

type Eld = typeof EldSmall;
let detector: Eld | null = null;

/** eld, loaded on first use: synchronously (require of its ES module), so that detection stays a plain call. */
function eld(): Eld {
  if (!detector) {
    const load = createRequire(import.meta.url);
    detector = (load(fileURLToPath(import.meta.resolve('eld/small'))) as { eld: Eld }).eld;
  }
  return detector;
}

/** Loads the detector now (worker start) rather than in the first job. */
export function warmLanguageDetector(): void {
  eld();
}

export type DetectedLanguage = 'en' | 'fr' | 'es' | 'de' | 'und';

export interface LanguageDetection {
  language: DetectedLanguage;
  /** 0..1; always 0 for 'und'. */
  confidence: number;
}

const SUPPORTED: readonly Exclude<DetectedLanguage, 'und'>[] = ['en', 'fr', 'es', 'de'];

/**
 * When the best language overall is not a supported one, we still answer the best supported language if it is
 * within this distance of the top score (short texts often tie between neighbours: "merci" ~ it/fr); beyond it the
 * post is really in another language and we answer 'und'.
 */
const OTHER_LANGUAGE_MARGIN = 0.06;
/** eld scores of a clear, sentence-long post sit around 0.8: we treat that as full strength. */
const FULL_SCORE = 0.8;
/** A relative lead of 25 % over the runner-up counts as an unambiguous decision. */
const FULL_MARGIN = 0.25;
/** Fewer letters than this (after cleaning) is not text: 'und'. */
const MIN_LETTERS = 3;

const UND: LanguageDetection = Object.freeze({ language: 'und', confidence: 0 });

// URLs, handles, hashtags, emoji, digits, and retweet/DM markers, in one pass; the rest of the punctuation is
// harmless to eld.
const NOISE_RE =
  /\b(?:https?:\/\/|www\.)\S+|[@#][\p{L}\p{N}_]+|\p{Extended_Pictographic}|[\p{N}\uFE0F\u200D]+|\b(?:RT|DM|MP|PM)\b/giu;
const SPACES_RE = /\s{2,}/gu;
const LETTER_RE = /\p{L}/gu;

/** The text without handles, URLs, hashtags, emoji and digits: what language detection looks at. */
export function cleanForDetection(text: string): string {
  return text.replace(NOISE_RE, ' ').replace(SPACES_RE, ' ').trim();
}

function letterCount(text: string, atLeast: number): number {
  LETTER_RE.lastIndex = 0;
  let n = 0;
  while (n < atLeast && LETTER_RE.test(text)) n++;
  return n;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

export function detectLanguage(text: string): LanguageDetection {
  if (!text) return UND;
  const clean = cleanForDetection(text);
  if (letterCount(clean, MIN_LETTERS) < MIN_LETTERS) return UND;

  const result = eld().detect(clean);
  const scores = result.getScores();
  let top = 0;
  for (const lang in scores) top = Math.max(top, scores[lang] ?? 0);

  let best: DetectedLanguage = 'und';
  let bestScore = 0;
  for (const lang of SUPPORTED) {
    const s = scores[lang] ?? 0;
    if (s > bestScore) {
      best = lang;
      bestScore = s;
    }
  }
  if (best === 'und' || top - bestScore > OTHER_LANGUAGE_MARGIN) return UND;

  let rival = 0;
  for (const lang in scores) if (lang !== best) rival = Math.max(rival, scores[lang] ?? 0);
  const margin = Math.max(0, (bestScore - rival) / bestScore);
  const strength = Math.min(1, bestScore / FULL_SCORE);
  const decisiveness = 0.6 + 0.4 * Math.min(1, margin / FULL_MARGIN);
  const reliability = result.isReliable() ? 1 : 0.85;
  return { language: best, confidence: round2(Math.min(1, strength * decisiveness * reliability)) };
}
