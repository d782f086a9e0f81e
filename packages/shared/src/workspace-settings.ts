import { z } from 'zod';
import { INBOX_SORTS, INBOX_VIEWS, inboxFiltersSchema } from './inbox.ts';
import { idSchema, LIMITS, text } from './limits.ts';
import type { Role } from './roles.ts';
import { AVAILABILITIES, DEFAULT_TAG_COLOR, WORKSPACE_LIMITS, type Availability } from './vocabulary.ts';

export {
  AVAILABILITIES,
  DEFAULT_TAG_COLOR,
  MANAGING_ROLES,
  WORKING_ROLES,
  WORKSPACE_LIMITS,
  type Availability,
} from './vocabulary.ts';

/**
 * The settings of the agent's workspace (docs/teams-and-tags.md): brand tags, teams, agents' availability and
 * capacity, and saved views. Managers (owner, admin, manager) manage tags and teams; agents read them.
 */

const org = { organizationId: idSchema };

// ───────────────────────────── Tags ─────────────────────────────

export const tagColorSchema = z
  .string()
  .trim()
  .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1f9d55')
  .transform((s) => s.toLowerCase());

const tagNameSchema = text(WORKSPACE_LIMITS.tagName);

/** Without `brandId`: the tags of every brand the member may see. */
export const listTagsInput = z.strictObject({ ...org, brandId: idSchema.optional() });
export const createTagInput = z.strictObject({
  ...org,
  brandId: idSchema,
  name: tagNameSchema,
  color: tagColorSchema.default(DEFAULT_TAG_COLOR),
});
export const updateTagInput = z.strictObject({
  ...org,
  tagId: idSchema,
  name: tagNameSchema.optional(),
  color: tagColorSchema.optional(),
});
export const tagIdInput = z.strictObject({ ...org, tagId: idSchema });

export interface TagItem {
  id: string;
  brandId: string;
  name: string;
  color: string;
}
/** What a delete would touch (shown in the confirmation): conversations carrying the tag, rules using it. */
export interface TagUsage {
  tagId: string;
  conversationCount: number;
  ruleCount: number;
}
export interface DeleteTagResult {
  id: string;
  /** How many conversations lost the tag. */
  conversationsUntagged: number;
  /** How many keyword rules lost their tag action. */
  rulesCleared: number;
}

// ───────────────────────────── Teams ─────────────────────────────

const teamNameSchema = text(WORKSPACE_LIMITS.teamName);
/** Empty: the team serves every brand of the organization. */
const teamBrandIdsSchema = z.array(idSchema).max(LIMITS.brandIdsMax);

export const listTeamsInput = z.strictObject({ ...org });
export const createTeamInput = z.strictObject({
  ...org,
  name: teamNameSchema,
  brandIds: teamBrandIdsSchema.default([]),
  membershipIds: z.array(idSchema).max(WORKSPACE_LIMITS.membersPerTeam).default([]),
});
export const updateTeamInput = z.strictObject({
  ...org,
  teamId: idSchema,
  name: teamNameSchema.optional(),
  brandIds: teamBrandIdsSchema.optional(),
});
export const teamIdInput = z.strictObject({ ...org, teamId: idSchema });
/** Replaces the team's members: each a membership of the organization with a working role. */
export const setTeamMembersInput = z.strictObject({
  ...org,
  teamId: idSchema,
  membershipIds: z.array(idSchema).max(WORKSPACE_LIMITS.membersPerTeam),
});

export interface TeamMemberItem {
  membershipId: string;
  userId: string;
  name: string;
  email: string;
  role: Role;
}
export interface TeamItem {
  id: string;
  name: string;
  /** Empty: every brand. */
  brandIds: string[];
  members: TeamMemberItem[];
  createdAt: string;
}

// ───────────────────────────── Agents ─────────────────────────────

export const availabilitySchema = z.enum(AVAILABILITIES);

export const listAgentsInput = z.strictObject({ ...org });
/** The caller's own availability. */
export const setAvailabilityInput = z.strictObject({ ...org, availability: availabilitySchema });
/** `null`: no limit for automatic assignment. */
export const setCapacityInput = z.strictObject({
  ...org,
  membershipId: idSchema,
  capacity: z.number().int().min(WORKSPACE_LIMITS.capacityMin).max(WORKSPACE_LIMITS.capacityMax).nullable(),
});

export interface AgentItem {
  membershipId: string;
  userId: string;
  name: string;
  email: string;
  role: Role;
  availability: Availability;
  capacity: number | null;
  /** Their replies wait for a manager's approval (replies.setMemberApproval). */
  needsApproval: boolean;
  /** Unresolved conversations assigned to the agent (new, open, pending, snoozed). */
  openCount: number;
  /** Brands the membership is limited to (empty: all). */
  brandIds: string[];
  teams: { id: string; name: string }[];
}

// ───────────────────────────── Saved views ─────────────────────────────

/** What a saved view stores (SavedView.definition); inbox.list reads it with exactly this schema. */
export const savedViewDefinitionSchema = z.strictObject({
  view: z.enum(INBOX_VIEWS).default('all_open'),
  filters: inboxFiltersSchema.default({}),
  sort: z.enum(INBOX_SORTS).default('priority'),
});
export type SavedViewDefinition = z.output<typeof savedViewDefinitionSchema>;

const savedViewNameSchema = text(WORKSPACE_LIMITS.savedViewName);

export const listSavedViewsInput = z.strictObject({ ...org });
/** `shared: true` (visible to the whole organization) only for managers. */
export const createSavedViewInput = z.strictObject({
  ...org,
  name: savedViewNameSchema,
  shared: z.boolean().default(false),
  definition: savedViewDefinitionSchema,
});
export const updateSavedViewInput = z.strictObject({
  ...org,
  viewId: idSchema,
  name: savedViewNameSchema.optional(),
  shared: z.boolean().optional(),
  definition: savedViewDefinitionSchema.optional(),
});
export const savedViewIdInput = z.strictObject({ ...org, viewId: idSchema });
/** Views the caller may edit (own; shared ones for managers) in a new order. */
export const reorderSavedViewsInput = z.strictObject({
  ...org,
  viewIds: z.array(idSchema).min(1).max(WORKSPACE_LIMITS.savedViewsPerUser),
});

export interface SavedViewItem {
  id: string;
  name: string;
  shared: boolean;
  ownerUserId: string;
  /** true when the caller created it. */
  mine: boolean;
  /** true when the caller may rename or delete it (own, or shared and the caller is a manager). */
  editable: boolean;
  definition: SavedViewDefinition;
  position: number;
  createdAt: string;
  updatedAt: string;
}
