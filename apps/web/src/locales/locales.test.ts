import { ADMIN_ROLES, ERROR_CODES, LOCALES, ROLES } from '@perch/shared';
import { describe, expect, it } from 'vitest';
import { ADMINISTRATORS, ROLE_LIST } from '@/lib/access.ts';
import { SUPPORTED_LOCALES } from '@/lib/i18n.ts';
import { en } from './en.ts';
import { fr } from './fr.ts';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

const variables = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('locales', () => {
  const english = leaves(en);
  const french = leaves(fr);

  it('English and French have exactly the same keys', () => {
    expect([...french.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it('no translation is empty, and both languages use the same {{variables}}', () => {
    for (const [key, text] of english) {
      expect(text.trim(), key).not.toBe('');
      expect(french.get(key)?.trim(), key).not.toBe('');
      expect(variables(french.get(key) ?? ''), key).toEqual(variables(text));
    }
  });

  it('every server error code, role and locale has a label', () => {
    for (const code of ERROR_CODES) expect(english.has(`errors.${code}`), code).toBe(true);
    for (const role of ROLES) expect(english.has(`roles.${role}`), role).toBe(true);
    for (const locale of LOCALES) expect(english.has(`languages.${locale}`), locale).toBe(true);
  });

  it("the web's copies of shared lists match @perch/shared", () => {
    expect([...SUPPORTED_LOCALES]).toEqual([...LOCALES]);
    expect([...ROLE_LIST]).toEqual([...ROLES]);
    expect([...ADMINISTRATORS]).toEqual([...ADMIN_ROLES]);
  });
});
