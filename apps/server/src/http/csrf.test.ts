import { describe, expect, it } from 'vitest';
import type { FastifyRequest } from 'fastify';
import { csrfViolation } from './csrf.ts';

const req = (method: string, headers: Record<string, string>) => ({ method, headers }) as unknown as FastifyRequest;
const allowed = ['https://perch.example'];

describe('csrfViolation', () => {
  it('lets safe methods through', () => {
    expect(csrfViolation(req('GET', {}), allowed)).toBeNull();
  });
  it('accepts a same-origin JSON POST with the custom header', () => {
    const h = {
      'x-perch-csrf': '1',
      'content-type': 'application/json; charset=utf-8',
      origin: allowed[0]!,
      'sec-fetch-site': 'same-origin',
    };
    expect(csrfViolation(req('POST', h), allowed)).toBeNull();
  });
  it('refuses a missing header, a wrong content type, a foreign origin, a cross-site fetch', () => {
    const ok = { 'x-perch-csrf': '1', 'content-type': 'application/json' };
    expect(csrfViolation(req('POST', { 'content-type': 'application/json' }), allowed)).toMatch(/header/);
    expect(csrfViolation(req('POST', { ...ok, 'content-type': 'text/plain' }), allowed)).toMatch(/content type/);
    expect(csrfViolation(req('DELETE', { ...ok, origin: 'null' }), allowed)).toMatch(/origin/);
    expect(csrfViolation(req('PUT', { ...ok, 'sec-fetch-site': 'cross-site' }), allowed)).toMatch(/cross-site/);
  });
  it('takes the body types of a raw upload route, and still refuses the ones a cross-site form can send', () => {
    const upload = ['text/csv', 'application/x-ndjson'];
    const h = (contentType: string) => ({ 'x-perch-csrf': '1', 'content-type': contentType, origin: allowed[0]! });
    expect(csrfViolation(req('POST', h('text/csv; charset=utf-8')), allowed, upload)).toBeNull();
    for (const forged of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])
      expect(csrfViolation(req('POST', h(forged)), allowed, upload)).toBe(
        'content type must be text/csv or application/x-ndjson',
      );
    expect(csrfViolation(req('POST', h('application/json')), allowed, upload)).toMatch(/content type/);
  });
});
