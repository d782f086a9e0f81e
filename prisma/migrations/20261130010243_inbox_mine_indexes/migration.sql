-- The "mine" view (assignee = the caller, open work) of inbox.list: one index per sort shape led by the assignee,
-- partial (assigned, not resolved: a small share of conversations), so that each per-(brand, status) keyset scan
-- of "mine" reads only the caller's rows instead of filtering a status's rows one heap fetch at a time. The
-- planner proves `status = 'new'` implies `status <> 'resolved'` and `assigneeUserId = $1` implies NOT NULL.
CREATE INDEX "Conversation_inbox_mine_priority_idx" ON "Conversation" (
  "organizationId", "assigneeUserId", "brandId", "status", "priority", (COALESCE("waitingSince", 'infinity'::timestamptz)), "id")
  WHERE "status" <> 'resolved' AND "assigneeUserId" IS NOT NULL;
CREATE INDEX "Conversation_inbox_mine_sla_idx" ON "Conversation" (
  "organizationId", "assigneeUserId", "brandId", "status", (COALESCE("slaDueAt", 'infinity'::timestamptz)), "id")
  WHERE "status" <> 'resolved' AND "assigneeUserId" IS NOT NULL;
CREATE INDEX "Conversation_inbox_mine_waiting_idx" ON "Conversation" (
  "organizationId", "assigneeUserId", "brandId", "status", (COALESCE("waitingSince", 'infinity'::timestamptz)), "id")
  WHERE "status" <> 'resolved' AND "assigneeUserId" IS NOT NULL;
CREATE INDEX "Conversation_inbox_mine_last_idx" ON "Conversation" (
  "organizationId", "assigneeUserId", "brandId", "status", "lastMessageAt", "id")
  WHERE "status" <> 'resolved' AND "assigneeUserId" IS NOT NULL;
