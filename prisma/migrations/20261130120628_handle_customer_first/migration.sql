-- DropIndex
DROP INDEX "Handle_customerId_idx";

-- CreateIndex
CREATE INDEX "Handle_customerId_id_idx" ON "Handle"("customerId", "id");
