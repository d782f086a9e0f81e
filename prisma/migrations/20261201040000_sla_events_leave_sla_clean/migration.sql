-- The SLA worker's own events (sla_warning, sla_breached, sla_met) marked their conversation dirty for the SLA
-- worker again, inside the very sync that wrote them (its mark then had a new seq and stayed): every sync that
-- wrote one ran a second time for nothing. They still mark the conversation for the metrics (its SLA facts change);
-- a statement that also appends any other event marks both, as before.
CREATE OR REPLACE FUNCTION perch_mark_conversations_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "DirtyConversation" (consumer, "conversationId", "organizationId")
  SELECT c.consumer, e."conversationId", e."organizationId"
  FROM (
    SELECT "conversationId", "organizationId",
      bool_and(type IN ('sla_warning', 'sla_breached', 'sla_met')) AS sla_only
    FROM new_events
    GROUP BY "conversationId", "organizationId"
  ) e
  CROSS JOIN (VALUES ('sla'), ('metrics')) AS c(consumer)
  WHERE NOT (c.consumer = 'sla' AND e.sla_only)
  ON CONFLICT (consumer, "conversationId") DO UPDATE SET seq = EXCLUDED.seq, "markedAt" = EXCLUDED."markedAt";
  RETURN NULL;
END;
$$;
