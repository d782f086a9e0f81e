-- CreateIndex
CREATE INDEX "MetricRollup_organizationId_brandId_grain_kind_bucket_idx" ON "MetricRollup"("organizationId", "brandId", "grain", "kind", "bucket");
