/**
 * Enrichment of one mention, as the ingest worker calls it: language, sentiment, spam lane and priority.
 * Pure and synchronous (no I/O); see docs/enrichment.md for methods, thresholds and measured accuracy.
 */
import { detectLanguage, type DetectedLanguage } from './language.ts';
import { PRIORITY_TUNING, priorityScore, type BrandKeyword, type PriorityResult } from './priority.ts';
import { sentiment, type SentimentResult } from './sentiment.ts';
import { spamSignals, type SpamResult } from './spam.ts';

export { detectLanguage } from './language.ts';
export { priorityScore } from './priority.ts';
export { sentiment } from './sentiment.ts';
export { spamSignals } from './spam.ts';
export type { DetectedLanguage, LanguageDetection } from './language.ts';
export type { BrandKeyword, Priority, PriorityInput, PriorityResult } from './priority.ts';
export type { SentimentLabel, SentimentResult } from './sentiment.ts';
export type { SpamInput, SpamResult } from './spam.ts';

export interface EnrichInput {
  text: string;
  followers: number;
  verified: boolean;
  /** The author is on the brand's VIP list. */
  isVip?: boolean;
  authorCreatedDaysAgo?: number;
  /** The author's previous posts to the brand, newest first (a few are enough). */
  recentTextsByAuthor?: string[];
  brandKeywords?: BrandKeyword[];
}

export interface Enrichment {
  language: DetectedLanguage;
  languageConfidence: number;
  sentiment: SentimentResult;
  spam: SpamResult;
  priority: PriorityResult;
}

export function enrich(input: EnrichInput): Enrichment {
  const text = input.text ?? '';
  const { language, confidence } = detectLanguage(text);
  const mood = sentiment(text, language);
  const spam = spamSignals({
    text,
    authorFollowers: input.followers,
    ...(input.authorCreatedDaysAgo !== undefined && { authorCreatedDaysAgo: input.authorCreatedDaysAgo }),
    ...(input.recentTextsByAuthor !== undefined && { recentTextsByAuthor: input.recentTextsByAuthor }),
  });
  const priority = priorityScore({
    text,
    language,
    followers: input.followers,
    verified: input.verified,
    sentiment: mood,
    isVip: input.isVip === true,
    ...(input.brandKeywords !== undefined && { brandKeywords: input.brandKeywords }),
    spam,
  });
  return { language, languageConfidence: confidence, sentiment: mood, spam, priority };
}

/**
 * The enrichment of a post whose author turned out to be a VIP, from one computed without knowing it (bulk paths
 * enrich before the author is resolved): identical to `enrich({ ..., isVip: true })`.
 */
export function withVip(e: Enrichment): Enrichment {
  return {
    ...e,
    priority: {
      score: Math.max(e.priority.score, PRIORITY_TUNING.vipFloor),
      priority: 'urgent',
      reasons: [...e.priority.reasons, 'VIP customer (always urgent)'],
    },
  };
}
