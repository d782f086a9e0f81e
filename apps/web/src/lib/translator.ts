import rosetta from 'rosetta';
import type { Translation } from '../locales/en.ts';

/** A language's strings: nested objects of strings (the locale JSON files). */
export interface Strings {
  [key: string]: string | Strings;
}

type PluralSuffix = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';

/** Every dot path to a string in `T`. */
type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

type PluralBase<K extends string> = K extends `${infer Base}_${PluralSuffix}` ? Base : never;

/** A key `t()` accepts: a string of the English interface, or the base of a plural (`x` for `x_one`, `x_other`). */
export type TranslationKey = Leaves<Translation> | PluralBase<Leaves<Translation>>;

export interface TOptions {
  /**
   * Fills `{{count}}`; a number also picks the plural form (`key_one`, `key_other`, … by the language's plural
   * rules). A string (a count already formatted) fills only.
   */
  count?: number | string;
  /** Shown when the key has no string in the current language nor in English. */
  defaultValue?: string;
  [value: string]: unknown;
}

export interface TFunction {
  (key: TranslationKey, options?: TOptions): string;
  /** A key built at run time (e.g. from a network's name) must say what to show when it has no string. */
  (key: string, options: TOptions & { defaultValue: string }): string;
}

const FALLBACK = 'en';

/**
 * The interface's strings in every loaded language and the current language. Lookup and `{{value}}` filling are
 * rosetta's; this adds what the interface needs around it: English as the fallback, plural forms by
 * `Intl.PluralRules` (the `_one` / `_other` suffixes of the locale files), strings added while the app runs (a
 * language's page strings arrive when a page needs them), and a change signal for React.
 */
export class Translator {
  /** The strings, one table per language (rosetta copies each table it is given: the inputs never change). */
  readonly #tables = rosetta<Strings>();
  readonly #listeners = new Set<(language: string) => void>();
  readonly #plurals = new Map<string, Intl.PluralRules>();
  #language: string;
  /** A new function on each change (language, strings), so memoised React output that uses it updates. */
  t: TFunction;

  constructor(language: string, tables: Record<string, Strings>) {
    for (const [lng, table] of Object.entries(tables)) this.#tables.set(lng, table);
    this.#language = language;
    this.t = this.#makeT();
  }

  get language(): string {
    return this.#language;
  }

  changeLanguage(language: string): void {
    if (language === this.#language) return;
    this.#language = language;
    this.#changed();
  }

  /** Adds strings to a language; strings it already has are kept. */
  addStrings(language: string, table: Strings): void {
    const current = this.#tables.table(language);
    this.#tables.set(language, current ? mergeMissing(current, table) : table);
    this.#changed();
  }

  hasStrings(language: string): boolean {
    return this.#tables.table(language) !== undefined;
  }

  /** Whether `key` has a string in `language` (no fallback). */
  hasString(language: string, key: string): boolean {
    return typeof lookup(this.#tables.table(language), key) === 'string';
  }

  /** Whether `key` has a string in the current language or in English. */
  exists(key: string): boolean {
    return this.hasString(this.#language, key) || this.hasString(FALLBACK, key);
  }

  /** Listens to changes of language or strings; returns the unsubscribe. */
  subscribe(listener: (language: string) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #changed(): void {
    this.t = this.#makeT();
    for (const listener of [...this.#listeners]) listener(this.#language);
  }

  #makeT(): TFunction {
    return (key: string, options?: TOptions) => {
      for (const language of this.#language === FALLBACK ? [FALLBACK] : [this.#language, FALLBACK]) {
        const count = typeof options?.count === 'number' ? options.count : undefined;
        const found = this.#resolve(language, key, count);
        if (found !== undefined) return this.#tables.t(found, options, language);
      }
      return options?.defaultValue ?? key;
    };
  }

  /** The key holding the string for `key` in `language`: its plural form when counting, else itself. */
  #resolve(language: string, key: string, count: number | undefined): string | undefined {
    if (count !== undefined) {
      for (const form of [this.#pluralRules(language).select(count), 'other']) {
        if (this.hasString(language, `${key}_${form}`)) return `${key}_${form}`;
      }
    }
    return this.hasString(language, key) ? key : undefined;
  }

  #pluralRules(language: string): Intl.PluralRules {
    let rules = this.#plurals.get(language);
    if (!rules) {
      rules = new Intl.PluralRules(language);
      this.#plurals.set(language, rules);
    }
    return rules;
  }
}

function lookup(table: Strings | void, key: string): string | Strings | undefined {
  let node: string | Strings | undefined = table ?? undefined;
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = node[part];
  }
  return node;
}

/** `base` with the strings of `extra` it lacks, deeply (a new object; neither input changes). */
function mergeMissing(base: Strings, extra: Strings): Strings {
  const merged: Strings = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const existing = merged[key];
    if (existing === undefined) merged[key] = value;
    else if (typeof existing !== 'string' && typeof value !== 'string') merged[key] = mergeMissing(existing, value);
  }
  return merged;
}
