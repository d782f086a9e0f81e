-- DropIndex
DROP INDEX "DirtyConversation_consumer_markedAt_idx";

-- CreateIndex
CREATE INDEX "DirtyConversation_consumer_markedAt_seq_idx" ON "DirtyConversation"("consumer", "markedAt", "seq");
