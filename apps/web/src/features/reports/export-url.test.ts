import { describe, expect, it } from 'vitest';
import { exportUrl } from './export-url.ts';

describe('exportUrl', () => {
  it('puts the organization and every non-empty filter in the query, lists comma-separated', () => {
    const url = exportUrl('org-1', 'xlsx', {
      brandIds: ['b1', 'b2'],
      statuses: [],
      assigneeUserIds: ['none'],
      createdFrom: '2026-11-01T00:00:00.000Z',
      lastMessageTo: '',
    });
    expect(url.startsWith('/api/exports/conversations.xlsx?')).toBe(true);
    const query = new URLSearchParams(url.split('?')[1]);
    expect(Object.fromEntries(query)).toEqual({
      organizationId: 'org-1',
      brandIds: 'b1,b2',
      assigneeUserIds: 'none',
      createdFrom: '2026-11-01T00:00:00.000Z',
    });
  });

  it('without filters: the organization only', () => {
    expect(exportUrl('org-1', 'csv')).toBe('/api/exports/conversations.csv?organizationId=org-1');
  });
});
