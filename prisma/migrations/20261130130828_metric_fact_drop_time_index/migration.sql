-- DropIndex (replaced by MetricFact_organizationId_brandId_kind_at_ms_idx)
DROP INDEX "MetricFact_organizationId_brandId_kind_at_idx";
