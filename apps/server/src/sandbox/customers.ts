import type { Prng } from './prng.ts';
import type { Language } from './text-templates.ts';

/**
 * A crowd of customers for the simulator: English and French names with plausible handles, follower counts
 * drawn log-normally (most people have a few hundred, a handful tens of thousands), a few verified accounts, and
 * some obvious spam bots — the signals Perch's priority score and spam lane read.
 */
export interface CustomerProfile {
  username: string;
  name: string;
  followers: number;
  verified: boolean;
  language: Language;
  spam: boolean;
}

const FIRST: Record<Language, readonly string[]> = {
  en: ['Sarah', 'Mike', 'Jessica', 'David', 'Emily', 'Chris', 'Ashley', 'Jordan', 'Tyler', 'Megan', 'Brandon'],
  fr: ['Camille', 'Léa', 'Manon', 'Chloé', 'Inès', 'Julie', 'Thomas', 'Lucas', 'Hugo', 'Nicolas', 'Julien'],
};
const MORE_FIRST: Record<Language, readonly string[]> = {
  en: ['Olivia', 'Kevin', 'Rachel', 'Marcus', 'Priya', 'Diego', 'Aisha', 'Kenji', 'Hannah', 'Grace'],
  fr: ['Mathieu', 'Élodie', 'Sébastien', 'Aurélie', 'Karim', 'Yasmine', 'Mehdi', 'Benoît', 'Margaux', 'Zoé'],
};
const LAST: Record<Language, readonly string[]> = {
  en: ['Johnson', 'Smith', 'Williams', 'Brown', 'Garcia', 'Miller', 'Davis', 'Lee', 'Walker', 'Patel', 'Nguyen'],
  fr: ['Martin', 'Bernard', 'Dubois', 'Durand', 'Leroy', 'Moreau', 'Lefèvre', 'Fournier', 'Girard', 'Benali'],
};
const NAME_FLAIR: Record<Language, readonly string[]> = {
  en: ['', '', '', '', '', ' 🌻', ' ✈️', ' 🏳️‍🌈', ' ☕', ' 🏀'],
  fr: ['', '', '', '', '', ' 🇫🇷', ' ✈️', ' 🏳️‍🌈', ' ☕', ' 🥐'],
};
const SPAM_NAMES = ['Crypto Queen 💎', 'BTC Signals 🚀', 'Airdrop Alerts', 'Moon Gains', 'Free Giveaways 🎁'];

/** Letters only, accents removed: "Élodie" → "Elodie" (X handles are [A-Za-z0-9_]). */
const ascii = (s: string) => s.normalize('NFD').replace(/[^A-Za-z]/g, '');

function handleFor(prng: Prng, first: string, last: string): string {
  const f = ascii(first);
  const l = ascii(last);
  const yy = String(prng.int(70, 99 + 10) % 100).padStart(2, '0');
  const patterns = [
    `${f}${l}`,
    `${f}_${l}`.toLowerCase(),
    `${f[0] ?? ''}${l}${yy}`.toLowerCase(),
    `${f}${yy}`,
    `the${f}${l[0] ?? ''}`,
    `${l}_${f}`.toLowerCase(),
    `${f.toLowerCase()}${prng.int(1, 9999)}`,
  ];
  return prng.pick(patterns).slice(0, 15);
}

/** Log-normal follower count around a median of ~250. */
function followers(prng: Prng, verified: boolean): number {
  const count = Math.round(Math.exp(Math.log(250) + 1.7 * prng.normal()));
  return Math.min(5_000_000, verified ? count * 40 + 10_000 : count);
}

export function createCustomerPool(
  prng: Prng,
  count: number,
  languages: readonly Language[],
  spamBots: number,
): CustomerProfile[] {
  const taken = new Set<string>();
  const unique = (wanted: string) => {
    const handle = (wanted || 'user').slice(0, 15);
    let candidate = handle;
    while (taken.has(candidate.toLowerCase())) candidate = `${handle.slice(0, 11)}${prng.int(1, 9999)}`;
    taken.add(candidate.toLowerCase());
    return candidate;
  };
  const pool: CustomerProfile[] = [];
  for (let i = 0; i < count; i++) {
    const language = languages[i % languages.length] ?? 'en';
    const first = prng.pick([...FIRST[language], ...MORE_FIRST[language]]);
    const last = prng.pick(LAST[language]);
    // About 4 % verified, and at least one in every twenty so that even a small crowd has a few.
    const verified = prng.chance(0.04) || i % 20 === 7;
    const name = prng.chance(0.3) ? first : `${first} ${last}`;
    pool.push({
      username: unique(handleFor(prng, first, last)),
      name: `${name}${prng.pick(NAME_FLAIR[language])}`,
      followers: followers(prng, verified),
      verified,
      language,
      spam: false,
    });
  }
  for (let i = 0; i < spamBots; i++) {
    const stem = prng.pick(['crypto_gains', 'btc_moon', 'airdrop', 'free_coins', 'nft_drop']);
    pool.push({
      username: unique(`${stem}${prng.int(100, 9999)}`),
      name: prng.pick(SPAM_NAMES),
      followers: prng.int(0, 120),
      verified: false,
      language: languages[i % languages.length] ?? 'en',
      spam: true,
    });
  }
  return pool;
}
