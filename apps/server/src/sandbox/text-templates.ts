import type { Prng } from './prng.ts';

/**
 * What customers write, per brand kind and language, as templates with variables ({flight}, {airport}, {amount}…)
 * filled from the seeded PRNG, so ten thousand mentions do not repeat and a seed replays the same ones. The texts
 * carry what Perch's enrichment keys on: delay/cancel/refund/lost-bag/outage words, anger, spam links.
 */
export type BrandKind = 'airline' | 'telecom' | 'retail';
export type Language = 'en' | 'fr';
export type Topic = 'complaint' | 'question' | 'praise';
type Bank = Record<Language, readonly string[]>;

const TOPICS: Record<BrandKind, Record<Topic, Bank>> = {
  airline: {
    complaint: {
      en: [
        '@{brand} flight {flight} delayed {hours} hours and nobody at the gate knows anything',
        '@{brand} {flight} from {from} to {to} delayed again. {hours}h at the gate, no vouchers, no info. Ridiculous {angry}',
        "@{brand} my bag didn't make it to {airport}. Lost bag desk says 3-5 days. I have a wedding tomorrow!!",
        '@{brand} lost bag at {airport}, file {bagRef}. {days} days and nobody answers the phone {angry}',
        "@{brand} you cancelled {flight} and I still haven't got my refund of {amount} after {days} days",
        '@{brand} cancelled flight, rebooked 2 days later with no hotel. How is that acceptable? I want a refund',
      ],
      fr: [
        '@{brand} vol {flight} retardé de {hours}h et personne à la porte ne sait rien',
        '@{brand} bagage perdu à {airport}, dossier {bagRef}. Toujours aucune nouvelle après {days} jours {angry}',
        "@{brand} vol {flight} annulé, j'attends mon remboursement de {amount} depuis {days} jours",
        "@{brand} {hours} heures d'attente à {airport} sans la moindre information, c'est honteux",
        '@{brand} {flight} {from}-{to} encore en retard. Correspondance ratée, personne pour nous aider {angry}',
      ],
    },
    question: {
      en: [
        '@{brand} can I bring a second carry-on on {flight}?',
        '@{brand} how do I add my loyalty number to an existing booking?',
        '@{brand} is {flight} to {to} on time today?',
        "@{brand} what's the fee to change a flight from {from} to next week?",
      ],
      fr: [
        '@{brand} est-ce que je peux changer mon vol {flight} sans frais ?',
        "@{brand} le vol {flight} pour {to} est-il à l'heure aujourd'hui ?",
        '@{brand} comment ajouter un bagage en soute après la réservation ?',
      ],
    },
    praise: {
      en: [
        "@{brand} shoutout to the crew on {flight}, best flight I've had in years ✈️",
        '@{brand} thank you {agentName} at {airport} for sorting out my rebooking in 5 minutes!',
        'Landed early at {to} with @{brand}, smooth flight and great coffee ☕',
      ],
      fr: [
        "@{brand} merci à l'équipage du vol {flight}, au top !",
        '@{brand} super accueil à {airport}, merci {agentName} 👏',
        'Arrivé en avance à {to} avec @{brand}, vol parfait 👌',
      ],
    },
  },
  telecom: {
    complaint: {
      en: [
        '@{brand} no signal in {city} since this morning. Is there an outage?',
        '@{brand} outage again in {city}?? Internet down for {hours} hours {angry}',
        '@{brand} you double-charged me {amount} this month. Fix it.',
        '@{brand} billing is a mess: charged twice ({amount}) and chat says wait 10 days',
        '@{brand} third dropped call today in {city}. Paying {amount}/month for this?',
      ],
      fr: [
        '@{brand} plus de réseau à {city} depuis ce matin, panne en cours ?',
        '@{brand} prélevé deux fois {amount} ce mois-ci, je veux un remboursement',
        "@{brand} coupure internet depuis {hours}h à {city}, c'est inadmissible {angry}",
        '@{brand} facture de {amount} alors que mon forfait est à 19,99 €, expliquez-moi',
      ],
    },
    question: {
      en: ['@{brand} how do I switch to the unlimited plan?', '@{brand} does my plan include roaming in {country}?'],
      fr: [
        '@{brand} comment passer au forfait illimité ?',
        "@{brand} mon forfait inclut-il l'itinérance {countryFr} ?",
      ],
    },
    praise: {
      en: [
        '@{brand} fibre installed in {city} today, {speed} Mbps, love it',
        '@{brand} {agentName} on chat fixed my router in 2 min, thanks!',
      ],
      fr: [
        "@{brand} fibre installée aujourd'hui à {city}, {speed} Mbit/s, top !",
        '@{brand} merci {agentName} pour votre aide au téléphone 🙏',
      ],
    },
  },
  retail: {
    complaint: {
      en: [
        '@{brand} order {order} still not delivered after {days} days {angry}',
        '@{brand} I returned order {order} weeks ago, where is my refund of {amount}?',
        '@{brand} you charged me twice for order {order}',
      ],
      fr: [
        '@{brand} commande {order} toujours pas livrée après {days} jours {angry}',
        '@{brand} remboursement de {amount} toujours pas reçu pour la commande {order}',
      ],
    },
    question: {
      en: ['@{brand} do you ship to {country}?', '@{brand} can I change the delivery address on order {order}?'],
      fr: [
        '@{brand} vous livrez {countryFr} ?',
        "@{brand} je peux modifier l'adresse de livraison de la commande {order} ?",
      ],
    },
    praise: {
      en: ['@{brand} order {order} arrived a day early, perfect packaging 📦'],
      fr: ['@{brand} commande {order} reçue en avance, nickel 📦'],
    },
  },
};

/** Outage-storm complaints: one incident per storm ({airport}/{city} fixed), so the burst reads as one event. */
const STORM: Record<BrandKind, Bank> = {
  airline: {
    en: [
      '@{brand} every flight out of {airport} delayed, what is going on??',
      '@{brand} stuck at {airport}, {flight} delayed {hours} hours, system outage? {angry}',
      '@{brand} 300 people at gate {gate} in {airport} and no one from your staff. Any update?',
    ],
    fr: [
      '@{brand} tous les vols au départ de {airport} sont retardés, que se passe-t-il ?',
      '@{brand} bloqué à {airport}, vol {flight} retardé de {hours}h, panne informatique ? {angry}',
    ],
  },
  telecom: {
    en: [
      '@{brand} is there an outage in {city}? No signal at all since {time}',
      '@{brand} no signal in {city}, again. Working from home is impossible {angry}',
      '@{brand} whole neighbourhood down in {city} 📵 any ETA?',
    ],
    fr: [
      '@{brand} panne de réseau à {city} ? Plus rien depuis {time}',
      "@{brand} aucun réseau à {city}, c'est quand le retour ? {angry}",
    ],
  },
  retail: {
    en: [
      "@{brand} checkout keeps failing on your website, can't place any order",
      '@{brand} site is down?? Error 503 every time {angry}',
    ],
    fr: [
      '@{brand} impossible de payer sur votre site, erreur à chaque fois',
      '@{brand} votre site est en panne ? {angry}',
    ],
  },
};

const SPAM: Bank = {
  en: [
    '@{brand} 🚀 FREE {coin} GIVEAWAY! First 500 get 0.5 {coin} → {url}',
    '@{brand} DM me for guaranteed 10x returns on {coin} 💰💰 {url}',
    '@{brand} Claim your {coin} airdrop now before it ends {url} #crypto #{coin}',
  ],
  fr: [
    '@{brand} 🎁 1000 {coin} offerts aux 100 premiers → {url}',
    '@{brand} Gagnez des {coin} sans effort, inscription gratuite {url}',
  ],
};

/** Answers to a brand's reply. */
const FOLLOW_UPS: Bank = {
  en: [
    '@{brand} thanks, just sent you a DM with my booking ref',
    "@{brand} still waiting, it's been {hours} hours since your reply",
    "@{brand} that doesn't help at all. I want a refund, not a voucher",
    '@{brand} sorted now, thank you {agentName}!',
    '@{brand} DM sent 👍',
    '@{brand} I already did that twice...',
  ],
  fr: [
    '@{brand} merci, je vous ai envoyé un DM avec ma référence',
    '@{brand} toujours rien depuis votre réponse, ça fait {hours}h',
    "@{brand} ça ne m'aide pas du tout, je veux un remboursement",
    "@{brand} c'est réglé, merci beaucoup {agentName} !",
    '@{brand} DM envoyé 👍',
  ],
};

/** A customer chasing their own unanswered post. */
const NUDGES: Bank = {
  en: [
    '@{brand} hello?? still no answer',
    '@{brand} any update on this?',
    '@{brand} {hours} hours and not a single reply. Great customer service 👏',
  ],
  fr: [
    '@{brand} allô ?? toujours pas de réponse',
    '@{brand} des nouvelles ?',
    '@{brand} {hours}h et toujours aucune réponse, bravo le service client 👏',
  ],
};

const AIRPORTS = ['CDG', 'ORY', 'JFK', 'LHR', 'NCE', 'LYS', 'YUL', 'BOS', 'MAD', 'FCO', 'AMS', 'MRS'];
const CITIES: Bank = {
  en: ['Brooklyn', 'Queens', 'Hoboken', 'Jersey City', 'Newark', 'the Bronx', 'Staten Island', 'Yonkers'],
  fr: ['Lyon', 'Marseille', 'Lille', 'Bordeaux', 'Montreuil', 'Nantes', 'Toulouse', 'Saint-Denis'],
};
const AGENTS = ['Sam', 'Julie', 'Marc', 'Aisha', 'Tom', 'Inès', 'Kevin', 'Claire'];
const ANGRY: Bank = { en: ['😡', '🤬', '🙄', '#fail', '', ''], fr: ['😡', '🤬', '🙄', '#honte', '', ''] };
const COINS = ['BTC', 'ETH', 'SOL', 'DOGE', 'PEPE'];

/** Fresh values for every variable a template may use. */
export function variables(prng: Prng, language: Language, brandCode: string): Record<string, string> {
  const [from, to] = [prng.pick(AIRPORTS), prng.pick(AIRPORTS.slice(0, 6))];
  const units = prng.int(19, 389);
  const cents = String(prng.int(0, 99)).padStart(2, '0');
  const coin = prng.pick(COINS);
  const hour = prng.int(6, 11);
  return {
    flight: `${brandCode}${prng.int(10, 2999)}`,
    hours: String(prng.int(2, 9)),
    days: String(prng.int(3, 45)),
    airport: from,
    from,
    to: to === from ? 'CDG' : to,
    gate: `${prng.pick(['A', 'B', 'K', 'L'])}${prng.int(2, 48)}`,
    city: prng.pick(CITIES[language]),
    amount: language === 'en' ? `$${units}.${cents}` : `${units},${cents} €`,
    order: `#${prng.int(100000, 999999)}`,
    bagRef: `${from}${brandCode}${prng.int(10000, 99999)}`,
    agentName: prng.pick(AGENTS),
    country: prng.pick(['Mexico', 'Canada', 'Italy', 'Japan', 'France']),
    countryFr: prng.pick(['en Espagne', 'en Italie', 'au Canada', 'aux États-Unis', 'au Maroc']),
    speed: String(prng.pick([300, 500, 1000, 2000])),
    time: language === 'en' ? `${hour}am` : `${hour}h`,
    angry: prng.pick(ANGRY[language]),
    coin,
    url: `https://${coin.toLowerCase()}-${prng.pick(['drop', 'bonus', 'gift', 'claim'])}${prng.int(10, 99)}.${prng.pick(['xyz', 'top', 'io', 'click'])}/claim`,
  };
}

export type TemplateSet = 'topic' | 'storm' | 'spam' | 'follow_up' | 'nudge';

/** Picks a template and fills it; `fixed` overrides variables (a storm's incident). Whitespace is tidied. */
export function compose(
  prng: Prng,
  set: TemplateSet,
  input: { brand: string; brandCode: string; kind: BrandKind; language: Language; topic?: Topic },
  fixed: Record<string, string> = {},
): string {
  const bank =
    set === 'topic'
      ? TOPICS[input.kind][input.topic ?? 'complaint']
      : set === 'storm'
        ? STORM[input.kind]
        : { spam: SPAM, follow_up: FOLLOW_UPS, nudge: NUDGES }[set];
  const template = prng.pick(bank[input.language]);
  const vars: Record<string, string> = {
    ...variables(prng, input.language, input.brandCode),
    ...fixed,
    brand: input.brand,
  };
  return template
    .replace(/\{(\w+)\}/g, (_, name: string) => vars[name] ?? '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The incident a storm is about: fixed across its posts. */
export function stormIncident(prng: Prng, language: Language, brandCode: string): Record<string, string> {
  const v = variables(prng, language, brandCode);
  return { airport: v.airport ?? 'CDG', city: v.city ?? '', time: v.time ?? '', gate: v.gate ?? '' };
}
