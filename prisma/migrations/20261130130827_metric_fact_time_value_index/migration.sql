-- CreateIndex
CREATE INDEX "MetricFact_organizationId_brandId_kind_at_ms_idx" ON "MetricFact"("organizationId", "brandId", "kind", "at", "ms");
