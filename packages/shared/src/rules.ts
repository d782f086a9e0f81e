import { z } from 'zod';
import { prioritySchema } from './conversation.ts';
import { idSchema, text } from './limits.ts';

/**
 * Brand keyword rules and VIP lists (docs/enrichment.md, "Brand keyword rules and VIP lists"): a manager's
 * phrase → tag, priority and/or team; a VIP handle's mentions are always urgent.
 */
export const RULE_LIMITS = {
  phrase: 100,
  tagName: 60,
  vipUsername: 100,
  vipNote: 200,
  rulesPerBrand: 200,
  vipsPerBrand: 2000,
} as const;

/** `word`: whole words only ("bag" does not match "baggage"); `phrase`: anywhere, also inside longer words. */
export const KEYWORD_MATCH_MODES = ['word', 'phrase'] as const;
export type KeywordMatchMode = (typeof KEYWORD_MATCH_MODES)[number];

/** The languages the enrichment detects (a rule for another language would never fire). */
export const RULE_LANGUAGES = ['en', 'fr', 'es', 'de'] as const;
export type RuleLanguage = (typeof RULE_LANGUAGES)[number];

/** As `Handle.network`: X accounts, and the authors of generic signed webhooks. */
export const VIP_NETWORKS = ['x', 'webhook'] as const;
export type VipNetwork = (typeof VIP_NETWORKS)[number];

const org = { organizationId: idSchema };

const phraseSchema = text(RULE_LIMITS.phrase).refine(
  (s) => /[\p{L}\p{N}]/u.test(s),
  'must contain at least one letter or digit',
);
const tagNameSchema = text(RULE_LIMITS.tagName);
const matchModeSchema = z.enum(KEYWORD_MATCH_MODES);
const languageSchema = z.enum(RULE_LANGUAGES);

export const brandRulesInput = z.strictObject({ ...org, brandId: idSchema });

/**
 * A rule takes its tag by name: the server finds the brand's tag of that name (case ignored) or creates it.
 * At least one action (tag, priority, team) is required; the server checks it, also after an update.
 */
export const createKeywordRuleInput = z.strictObject({
  ...org,
  brandId: idSchema,
  phrase: phraseSchema,
  matchMode: matchModeSchema.default('word'),
  language: languageSchema.nullable().default(null),
  tagName: tagNameSchema.nullable().default(null),
  priority: prioritySchema.nullable().default(null),
  teamId: idSchema.nullable().default(null),
  enabled: z.boolean().default(true),
});

/** Only the fields given change; `null` removes a language filter or an action. */
export const updateKeywordRuleInput = z.strictObject({
  ...org,
  ruleId: idSchema,
  phrase: phraseSchema.optional(),
  matchMode: matchModeSchema.optional(),
  language: languageSchema.nullable().optional(),
  tagName: tagNameSchema.nullable().optional(),
  priority: prioritySchema.nullable().optional(),
  teamId: idSchema.nullable().optional(),
  enabled: z.boolean().optional(),
});

export const keywordRuleIdInput = z.strictObject({ ...org, ruleId: idSchema });

/** The brand's rules in their new order: every rule of the brand, each once. */
export const reorderKeywordRulesInput = z.strictObject({
  ...org,
  brandId: idSchema,
  ruleIds: z.array(idSchema).min(1).max(RULE_LIMITS.rulesPerBrand),
});

/** X usernames are 1–15 letters, digits or underscores; other networks' are kept as given (lower case). */
const X_USERNAME = /^[a-z0-9_]{1,15}$/;

export const addVipInput = z
  .strictObject({
    ...org,
    brandId: idSchema,
    network: z.enum(VIP_NETWORKS),
    username: z
      .string()
      // Room for spaces and an @ around a name at the limit; anything longer is refused before it is trimmed.
      .max(RULE_LIMITS.vipUsername * 2)
      .trim()
      .transform((s) => s.replace(/^@/, '').toLowerCase())
      .pipe(
        z
          .string()
          .min(1)
          .max(RULE_LIMITS.vipUsername)
          .refine((s) => !/[\s\p{Cc}]/u.test(s), 'must not contain spaces or control characters'),
      ),
    note: text(RULE_LIMITS.vipNote).nullable().default(null),
  })
  .superRefine((input, ctx) => {
    if (input.network === 'x' && !X_USERNAME.test(input.username)) {
      ctx.addIssue({
        code: 'custom',
        path: ['username'],
        message: 'must be an X handle (letters, digits, underscore, at most 15)',
      });
    }
  });

export const vipIdInput = z.strictObject({ ...org, vipId: idSchema });
