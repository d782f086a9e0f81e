-- Inbox queries (docs/inbox.md): keyset indexes per sort, full-text and handle-prefix search, and the exact
-- per-(brand, status, assignee, team) counters behind inbox.counts.
--
-- The expression indexes below cannot be written in schema.prisma; Prisma's schema engine ignores expression
-- indexes when it diffs (migrate:check stays green), so they live only here. Their names end in "_inbox_…" /
-- "_search_…" so that nobody mistakes them for drift.

-- Keyset scans, one index per sort shape, each led by (organization, brand, status): a multi-status or
-- multi-brand view is a UNION ALL of one bounded scan per (brand, status). Nullable sort keys are compared as
-- COALESCE(x, 'infinity') ("NULLS LAST" that a row comparison can seek on); queries use the same expressions.
-- newest / oldest use the existing (organizationId, brandId, status, lastMessageAt DESC, id DESC) index.
CREATE INDEX "Conversation_inbox_priority_idx" ON "Conversation" (
  "organizationId", "brandId", "status", "priority", (COALESCE("waitingSince", 'infinity'::timestamptz)), "id");
CREATE INDEX "Conversation_inbox_sla_idx" ON "Conversation" (
  "organizationId", "brandId", "status", (COALESCE("slaDueAt", 'infinity'::timestamptz)), "id");
CREATE INDEX "Conversation_inbox_waiting_idx" ON "Conversation" (
  "organizationId", "brandId", "status", (COALESCE("waitingSince", 'infinity'::timestamptz)), "id");

-- Full-text search: each mention in its language's configuration (others: 'simple'). IMMUTABLE so that it can
-- appear in an index expression; queries call the same function so the planner matches the index.
CREATE FUNCTION perch_text_config(lang varchar) RETURNS regconfig
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (CASE lang WHEN 'en' THEN 'english' WHEN 'fr' THEN 'french' WHEN 'es' THEN 'spanish'
                    WHEN 'de' THEN 'german' ELSE 'simple' END)::regconfig
$$;
CREATE INDEX "Mention_search_text_idx" ON "Mention" USING gin (to_tsvector(perch_text_config("language"), "text"));

-- Customer search by handle or display name prefix, case-insensitive (LIKE 'abc%' on lower(…)).
CREATE INDEX "Handle_search_username_idx" ON "Handle" ("organizationId", lower("username") text_pattern_ops);
CREATE INDEX "Customer_search_name_idx" ON "Customer" ("organizationId", lower("displayName") text_pattern_ops);

-- Counters: kept exact by statement-level triggers (the set-based ingest writes conversations with multi-row
-- INSERT/UPDATE). Each statement folds its transition tables into per-key deltas; the upsert runs in key order
-- so that concurrent statements lock counter rows in the same order (no deadlock between them).
CREATE FUNCTION perch_inbox_count_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "InboxCount" AS c ("organizationId", "brandId", "status", "assigneeKey", "teamKey", "count")
    SELECT "organizationId", "brandId", "status",
           COALESCE("assigneeUserId", '00000000-0000-0000-0000-000000000000'),
           COALESCE("teamId", '00000000-0000-0000-0000-000000000000'), count(*)
    FROM new_rows GROUP BY 1, 2, 3, 4, 5 ORDER BY 2, 3, 4, 5
    ON CONFLICT ("brandId", "status", "assigneeKey", "teamKey") DO UPDATE SET "count" = c."count" + EXCLUDED."count";
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO "InboxCount" AS c ("organizationId", "brandId", "status", "assigneeKey", "teamKey", "count")
    SELECT "organizationId", "brandId", "status",
           COALESCE("assigneeUserId", '00000000-0000-0000-0000-000000000000'),
           COALESCE("teamId", '00000000-0000-0000-0000-000000000000'), -count(*)
    FROM old_rows GROUP BY 1, 2, 3, 4, 5 ORDER BY 2, 3, 4, 5
    ON CONFLICT ("brandId", "status", "assigneeKey", "teamKey") DO UPDATE SET "count" = c."count" + EXCLUDED."count";
  ELSE
    INSERT INTO "InboxCount" AS c ("organizationId", "brandId", "status", "assigneeKey", "teamKey", "count")
    SELECT o, b, s, a, t, sum(d) FROM (
      SELECT "organizationId" o, "brandId" b, "status" s,
             COALESCE("assigneeUserId", '00000000-0000-0000-0000-000000000000') a,
             COALESCE("teamId", '00000000-0000-0000-0000-000000000000') t, 1 d FROM new_rows
      UNION ALL
      SELECT "organizationId", "brandId", "status",
             COALESCE("assigneeUserId", '00000000-0000-0000-0000-000000000000'),
             COALESCE("teamId", '00000000-0000-0000-0000-000000000000'), -1 FROM old_rows
    ) delta GROUP BY 1, 2, 3, 4, 5 HAVING sum(d) <> 0 ORDER BY 2, 3, 4, 5
    ON CONFLICT ("brandId", "status", "assigneeKey", "teamKey") DO UPDATE SET "count" = c."count" + EXCLUDED."count";
  END IF;
  RETURN NULL;
END
$$;

-- A trigger with transition tables handles one event (and takes no column list): an UPDATE that changes no
-- counted column folds to no delta (HAVING sum <> 0) and writes nothing.
CREATE TRIGGER "Conversation_inbox_count_insert" AFTER INSERT ON "Conversation"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION perch_inbox_count_apply();
CREATE TRIGGER "Conversation_inbox_count_update" AFTER UPDATE ON "Conversation"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION perch_inbox_count_apply();
CREATE TRIGGER "Conversation_inbox_count_delete" AFTER DELETE ON "Conversation"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION perch_inbox_count_apply();

-- Fill from the conversations stored before the triggers.
DELETE FROM "InboxCount";
INSERT INTO "InboxCount" ("organizationId", "brandId", "status", "assigneeKey", "teamKey", "count")
SELECT "organizationId", "brandId", "status",
       COALESCE("assigneeUserId", '00000000-0000-0000-0000-000000000000'),
       COALESCE("teamId", '00000000-0000-0000-0000-000000000000'), count(*)
FROM "Conversation" GROUP BY 1, 2, 3, 4, 5;
