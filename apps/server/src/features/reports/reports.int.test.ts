import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { simpleParser, type ParsedMail } from 'mailparser';
import { pino } from 'pino';
import { createTestDatabase } from '../../../test/test-database.ts';
import { callerFor, createTenant, type Caller, type TenantFixture } from '../../../test/harness.ts';
import { outcome } from '../../../test/procedure-samples.ts';
import { addMember, createUser } from '../../seed/factories.ts';
import { insertConversation } from '../exports/exports.testing.ts';
import { addTo, emptyHistogram, quantile, trimmed } from '../metrics/histogram.ts';
import { runDueReports } from './reports.service.ts';
import { startReportsWorker } from './reports.worker.ts';
import { startSmtpSink, type SmtpSink } from './reports.testing.ts';
import { reportPeriod } from './schedule.ts';
import { SMTP_MISSING, useSmtpSettings } from './smtp-settings.ts';
import { formatDuration } from './summary.ts';

const log = pino({ level: 'silent' });
const FROM = 'Perch <reports@perch.test>';
type CreateInput = Parameters<Caller['reports']['create']>[0];

describe('scheduled reports: CRUD, SMTP, summary and attachment, worker', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let a: TenantFixture;
  let b: TenantFixture;
  let manager: Caller;
  let sink: SmtpSink;
  const base = (t: TenantFixture = a): CreateInput => ({
    organizationId: t.organizationId,
    name: 'Daily Main',
    frequency: 'daily',
    hour: 8,
    timeZone: 'Europe/Paris',
    recipients: ['Lead@Example.com', 'ops@example.com', 'lead@example.com'],
    filters: { brandIds: [t.brandIds[0]!] },
    format: 'csv',
  });
  const mail = async (i: number): Promise<ParsedMail> => simpleParser(sink.messages[i]!.raw);

  beforeAll(async () => {
    db = await createTestDatabase();
    a = await createTenant(db.prisma, 'Report Air');
    b = await createTenant(db.prisma, 'Report Rail');
    manager = await callerFor(db.prisma, a.users.manager.userId);
    sink = await startSmtpSink({ user: 'perch', pass: 's3cret:/@' });
  });
  beforeEach(async () => {
    useSmtpSettings({ url: sink.url, from: FROM });
    await db.prisma.scheduledReport.deleteMany({});
  });
  afterAll(async () => {
    useSmtpSettings(undefined);
    await sink.close();
    await db.dispose();
  });

  it('without SMTP: the list says so; create, update and send now are refused with a clear message', async () => {
    const created = await manager.reports.create(base());
    useSmtpSettings(null);
    expect(await manager.reports.list({ organizationId: a.organizationId })).toMatchObject({ smtpConfigured: false });
    await expect(manager.reports.create({ ...base(), name: 'Other' })).rejects.toThrow(SMTP_MISSING);
    await expect(manager.reports.update({ ...base(), reportId: created.id })).rejects.toThrow(SMTP_MISSING);
    await expect(manager.reports.sendNow({ organizationId: a.organizationId, reportId: created.id })).rejects.toThrow(
      SMTP_MISSING,
    );
    // Deleting stays possible.
    await manager.reports.delete({ organizationId: a.organizationId, reportId: created.id });
  });

  it('create, list, update, delete: recipients normalised, next run at the local hour, audited', async () => {
    const before = Date.now();
    const created = await manager.reports.create(base());
    expect(created).toMatchObject({
      name: 'Daily Main',
      frequency: 'daily',
      weekday: null,
      recipients: ['lead@example.com', 'ops@example.com'],
      lastSentAt: null,
      lastError: null,
    });
    const next = new Date(created.nextRunAt);
    expect(next.getTime()).toBeGreaterThan(before);
    expect(next.getTime() - before).toBeLessThanOrEqual(86_400_000 + 3600_000);
    expect(
      new Intl.DateTimeFormat('en', { timeZone: 'Europe/Paris', hour: 'numeric', hourCycle: 'h23' }).format(next),
    ).toBe('08');
    expect((await manager.reports.list({ organizationId: a.organizationId })).reports.map((r) => r.id)).toEqual([
      created.id,
    ]);
    const updated = await manager.reports.update({
      ...base(),
      reportId: created.id,
      name: 'Weekly Main',
      frequency: 'weekly',
      weekday: 5,
      format: 'xlsx',
    });
    expect(updated).toMatchObject({ name: 'Weekly Main', weekday: 5, format: 'xlsx' });
    expect(
      new Intl.DateTimeFormat('en', { timeZone: 'Europe/Paris', weekday: 'short' }).format(new Date(updated.nextRunAt)),
    ).toBe('Fri');
    await manager.reports.delete({ organizationId: a.organizationId, reportId: created.id });
    expect((await manager.reports.list({ organizationId: a.organizationId })).reports).toEqual([]);
    const actions = await db.prisma.auditLog.findMany({
      where: { organizationId: a.organizationId, targetId: created.id },
      orderBy: { createdAt: 'asc' },
      select: { action: true },
    });
    expect(actions.map((x) => x.action)).toEqual(['reports.create', 'reports.update', 'reports.delete']);
  });

  it('validation: weekday for weekly, ≤ 20 recipients, emails, time zone, unique name', async () => {
    const fails = async (input: CreateInput) =>
      expect(await outcome(manager.reports.create(input))).toBe('BAD_REQUEST');
    await fails({ ...base(), frequency: 'weekly' });
    await fails({ ...base(), recipients: Array.from({ length: 21 }, (_, i) => `r${i}@example.com`) });
    await fails({ ...base(), recipients: ['not-an-email'] });
    await fails({ ...base(), recipients: [] });
    await fails({ ...base(), timeZone: 'Mars/Olympus' });
    await fails({ ...base(), hour: 24 });
    await manager.reports.create(base());
    expect(await outcome(manager.reports.create(base()))).toBe('CONFLICT');
  });

  it('cross-tenant: another organization’s report or brand → NOT_FOUND', async () => {
    const theirs = await (await callerFor(db.prisma, b.users.owner.userId)).reports.create(base(b));
    const mine = await manager.reports.create(base());
    const o = { organizationId: a.organizationId };
    expect(await outcome(manager.reports.sendNow({ ...o, reportId: theirs.id }))).toBe('NOT_FOUND');
    expect(await outcome(manager.reports.delete({ ...o, reportId: theirs.id }))).toBe('NOT_FOUND');
    expect(await outcome(manager.reports.update({ ...base(), reportId: theirs.id }))).toBe('NOT_FOUND');
    expect(
      await outcome(manager.reports.update({ ...base(), reportId: mine.id, filters: { brandIds: [b.brandIds[0]!] } })),
    ).toBe('NOT_FOUND');
    expect(await outcome(manager.reports.list({ organizationId: b.organizationId }))).toBe('NOT_FOUND');
    expect(await db.prisma.scheduledReport.count({ where: { id: theirs.id } })).toBe(1);
  });

  it('agents and billing admins are refused; a brand-limited manager sees and schedules their brands only', async () => {
    for (const role of ['agent', 'billing_admin'] as const) {
      const caller = await callerFor(db.prisma, a.users[role].userId);
      expect(await outcome(caller.reports.list({ organizationId: a.organizationId }))).toBe('FORBIDDEN');
      expect(await outcome(caller.reports.create(base()))).toBe('FORBIDDEN');
    }
    const everyBrand = await manager.reports.create({ ...base(), name: 'All brands', filters: {} });
    const user = await createUser(db.prisma, {
      email: 'limited@report-air.test',
      name: 'Limited',
      password: 'x'.repeat(12),
    });
    await addMember(db.prisma, a.organizationId, user.id, 'manager', [a.brandIds[1]!]);
    const limited = await callerFor(db.prisma, user.id);
    const own = await limited.reports.create({ ...base(), name: 'Second only', filters: {} });
    expect(own.filters).toEqual({ brandIds: [a.brandIds[1]] });
    expect((await limited.reports.list({ organizationId: a.organizationId })).reports.map((r) => r.id)).toEqual([
      own.id,
    ]);
    expect(await outcome(limited.reports.delete({ organizationId: a.organizationId, reportId: everyBrand.id }))).toBe(
      'NOT_FOUND',
    );
    expect(
      await outcome(limited.reports.create({ ...base(), name: 'Main', filters: { brandIds: [a.brandIds[0]!] } })),
    ).toBe('NOT_FOUND');
  });

  it('send now: a real SMTP server receives the summary (from the rollups) and the export attached', async () => {
    const now = new Date();
    const period = reportPeriod('daily', 'Europe/Paris', now);
    const day = period.dates[0]!;
    const inPeriod = new Date(period.from.getTime() + 3600_000);
    const brandId = a.brandIds[0]!;
    // Main brand is in Europe/Paris: its day bucket is that local midnight (contracts.md).
    const bucket = period.from;
    const frt = emptyHistogram();
    for (const ms of [60_000, 90_000, 120_000]) addTo(frt, ms);
    const resolution = emptyHistogram();
    addTo(resolution, 3_600_000);
    const rollup = (kind: string, data: Record<string, unknown>) =>
      db.prisma.metricRollup.create({
        data: { organizationId: a.organizationId, brandId, grain: 'day', kind, dim: '', dimValue: '', bucket, ...data },
      });
    await rollup('inbound', { count: 42 });
    await rollup('outbound', { count: 17 });
    await rollup('episode_start', { count: 9 });
    await rollup('first_response', { count: 3, hist: trimmed(frt), histBusiness: trimmed(frt) });
    await rollup('resolution', { count: 1, hist: trimmed(resolution), histBusiness: trimmed(resolution) });
    await rollup('sla_first_response', { count: 8, hits: 6 });
    await rollup('sla_resolution', { count: 2, hits: 2 });
    // Another brand's figures and another day's stay out.
    await db.prisma.metricRollup.create({
      data: {
        organizationId: a.organizationId,
        brandId: a.brandIds[1]!,
        grain: 'day',
        kind: 'inbound',
        bucket,
        count: 1000,
      },
    });
    await db.prisma.metricRollup.create({
      data: {
        organizationId: a.organizationId,
        brandId,
        grain: 'day',
        kind: 'inbound',
        bucket: period.to,
        count: 1000,
      },
    });
    const shown = await insertConversation(db.prisma, a, {
      customer: '=SUM(A1)',
      lastMessageAt: inPeriod,
      metric: { firstResponseMs: 90_000, firstResponseBusinessMs: 30_000, slaHits: 1 },
    });
    await insertConversation(db.prisma, a, { customer: 'Too old', lastMessageAt: new Date(period.from.getTime() - 1) });
    await insertConversation(db.prisma, a, { customer: 'Other brand', brand: 1, lastMessageAt: inPeriod });

    const report = await manager.reports.create(base());
    const count = sink.messages.length;
    const sent = await manager.reports.sendNow({ organizationId: a.organizationId, reportId: report.id });
    expect(sent.id).toBe(report.id);
    await sink.waitFor(count + 1);
    expect(sink.messages[count]!.to.sort()).toEqual(['lead@example.com', 'ops@example.com']);
    const m = await mail(count);
    expect(m.from?.text).toBe('"Perch" <reports@perch.test>');
    expect(m.subject).toBe(`Perch report: Daily Main (${day})`);
    const text = m.text ?? '';
    expect(text).toContain(`Daily Main — ${day} (Europe/Paris)`);
    expect(text).toContain('Brands: Report Air Main');
    expect(text).toContain('Volume: 42 inbound messages, 17 replies sent, 9 conversations started or reopened');
    expect(text).toContain(
      `First response time: median ${formatDuration(quantile(frt, 0.5))}, p90 ${formatDuration(quantile(frt, 0.9))}`,
    );
    expect(Math.abs(quantile(frt, 0.5)! - 90_000) / 90_000).toBeLessThan(0.04); // the histogram's bound
    expect(text).toContain('Resolution time: median 1h');
    expect(text).toContain('SLA achievement: 80.0 % (8 met, 2 breached of 10)');
    expect(m.attachments).toHaveLength(1);
    const attachment = m.attachments[0]!;
    expect(attachment.filename).toMatch(/^perch-conversations-report-air-main-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows = parse<Record<string, string>>(attachment.content, { columns: true, bom: true });
    expect(rows).toEqual([
      expect.objectContaining({
        id: shown.conversationId,
        customer: "'=SUM(A1)",
        first_response_s: '90',
        first_response_business_s: '30',
        sla_hits: '1',
      }),
    ]);
    const stored = await db.prisma.scheduledReport.findUniqueOrThrow({ where: { id: report.id } });
    expect(stored.lastSentAt).not.toBeNull();
    expect(stored.nextRunAt.toISOString()).toBe(report.nextRunAt); // the schedule is unchanged

    // XLSX attachment, read back by exceljs.
    await manager.reports.update({ ...base(), reportId: report.id, format: 'xlsx' });
    await manager.reports.sendNow({ organizationId: a.organizationId, reportId: report.id });
    await sink.waitFor(count + 2);
    const xlsx = (await mail(count + 1)).attachments[0]!;
    expect(xlsx.filename).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.content as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Conversations')!;
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(2).getCell(1).value).toBe(shown.conversationId);
  });

  it('send now with a refusing server: the reason is answered and stored as the last error', async () => {
    const report = await manager.reports.create(base());
    useSmtpSettings({ url: sink.url.replace('s3cret', 'wrong'), from: FROM });
    const result = manager.reports.sendNow({ organizationId: a.organizationId, reportId: report.id });
    await expect(result).rejects.toThrow(/The report could not be sent: .*Invalid username or password/);
    const stored = await db.prisma.scheduledReport.findUniqueOrThrow({ where: { id: report.id } });
    expect(stored.lastError).toMatch(/Invalid username or password/);
    expect(stored.lastSentAt).toBeNull();
  });

  it('worker: sends a due report once, advances nextRunAt to the next local hour, records failures', async () => {
    const report = await manager.reports.create({ ...base(), name: 'Due' });
    const due = new Date('2026-10-24T06:00:00Z'); // 08:00 in Paris, the day before the October change
    await db.prisma.scheduledReport.update({ where: { id: report.id }, data: { nextRunAt: due } });
    const now = new Date('2026-10-24T06:00:30Z');
    const count = sink.messages.length;
    expect(await runDueReports({ db: db.prisma }, log, now)).toEqual({ sent: 1, failed: 0 });
    expect(await runDueReports({ db: db.prisma }, log, now)).toEqual({ sent: 0, failed: 0 });
    await sink.waitFor(count + 1);
    expect((await mail(count)).subject).toBe('Perch report: Due (2026-10-23)');
    let stored = await db.prisma.scheduledReport.findUniqueOrThrow({ where: { id: report.id } });
    expect(stored.nextRunAt).toEqual(new Date('2026-10-25T07:00:00Z')); // 08:00 winter time
    expect(stored.lastSentAt).not.toBeNull();
    expect(stored.lastError).toBeNull();

    // A server that does not answer: the run fails, the error is kept, the schedule moves on.
    await db.prisma.scheduledReport.update({ where: { id: report.id }, data: { nextRunAt: due } });
    const dead = { url: 'smtp://127.0.0.1:1', from: FROM };
    expect(await runDueReports({ db: db.prisma, smtp: dead }, log, now)).toEqual({ sent: 0, failed: 1 });
    stored = await db.prisma.scheduledReport.findUniqueOrThrow({ where: { id: report.id } });
    expect(stored.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(stored.nextRunAt).toEqual(new Date('2026-10-25T07:00:00Z'));
  });

  it('startReportsWorker: the loop sends what is due and stops cleanly', async () => {
    const report = await manager.reports.create({ ...base(), name: 'Loop' });
    await db.prisma.scheduledReport.update({
      where: { id: report.id },
      data: { nextRunAt: new Date(Date.now() - 1000) },
    });
    const count = sink.messages.length;
    const worker = startReportsWorker({ db: db.prisma }, log, { intervalMs: 50 });
    try {
      await sink.waitFor(count + 1);
    } finally {
      await worker.stop();
    }
    expect((await mail(count)).subject).toMatch(/^Perch report: Loop /);
    const stored = await db.prisma.scheduledReport.findUniqueOrThrow({ where: { id: report.id } });
    expect(stored.nextRunAt.getTime()).toBeGreaterThan(Date.now());
  });
});
