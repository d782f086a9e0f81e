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
});
