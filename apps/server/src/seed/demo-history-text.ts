import type { Topic } from '../sandbox/text-templates.ts';

/** What people write in the demo's history (docs/metrics.md, "Demo data"): replies, notes and tag words by language. */

export type Lang = 'en' | 'fr' | 'es';
export const SPANISH: Record<Topic, string[]> = {
  complaint: [
    '@{brand} llevo dos días sin internet en casa, ¿qué está pasando?',
    '@{brand} me cobraron dos veces este mes, necesito una solución ya',
  ],
  question: ['@{brand} ¿cómo cambio mi plan de datos?', '@{brand} ¿el plan incluye llamadas a México?'],
  praise: ['@{brand} gracias por arreglar la conexión tan rápido 👏'],
};
export const REPLIES: Record<Lang, Record<Topic | 'follow_up', string[]>> = {
  en: {
    complaint: [
      "Hi {name}, we're really sorry about this. Could you DM us your reference so we can look into it right away?",
      "Sorry for the trouble, {name}. We've checked and escalated it; we'll update you here as soon as we know more.",
      "{name}, that's not the experience we want for you. Please send us the details by DM and we'll sort it out.",
    ],
    question: [
      "Hi {name}! Yes, you can do that from your account under 'Manage'. Let us know if anything is unclear.",
      "Good question, {name}: it depends on your plan. Send us a DM with your reference and we'll check for you.",
    ],
    praise: ["Thank you {name}, we'll pass it on to the team! 💙", 'That made our day, {name}. Thanks for sharing!'],
    follow_up: [
      "Thanks {name}, we've got it. It's being handled now.",
      "Update for you, {name}: it's fixed on our side. Anything else?",
    ],
  },
  fr: {
    complaint: [
      'Bonjour {name}, toutes nos excuses. Pouvez-vous nous envoyer votre référence en DM pour que nous regardions ?',
      'Désolés pour ce désagrément, {name}. Nous avons transmis votre dossier et revenons vers vous ici très vite.',
      "{name}, ce n'est pas l'expérience que nous souhaitons. Envoyez-nous les détails en DM, on s'en occupe.",
    ],
    question: [
      "Bonjour {name} ! Oui, c'est possible depuis votre espace client, rubrique « Gérer ».",
      'Bonne question {name} : cela dépend de votre offre. Envoyez-nous votre référence en DM, on vérifie.',
    ],
    praise: ["Merci {name}, nous transmettons à l'équipe ! 💙", 'Merci beaucoup {name}, ça nous fait plaisir !'],
    follow_up: [
      "Merci {name}, c'est bien reçu, nous nous en occupons.",
      "Bonne nouvelle {name} : c'est réglé de notre côté. Autre chose ?",
    ],
  },
  es: {
    complaint: ['Hola {name}, lo sentimos mucho. ¿Nos envías tu número de cuenta por DM para revisarlo?'],
    question: ['Hola {name}, puedes cambiarlo desde tu cuenta en «Mi plan». ¿Te ayudamos con algo más?'],
    praise: ['¡Gracias {name}! Se lo diremos al equipo 💙'],
    follow_up: ['Gracias {name}, ya está resuelto. ¿Algo más?'],
  },
};
export const NOTES: Record<'en' | 'fr', string[]> = {
  en: [
    'Checked with operations: the delay is confirmed, vouchers approved.',
    'Customer already called the hotline yesterday, same case.',
    'Escalated to the billing desk, waiting for their answer.',
    'Known issue, engineering ticket opened this morning.',
  ],
  fr: [
    'Vérifié avec les opérations : retard confirmé, bons accordés.',
    'Le client a déjà appelé le service hier, même dossier.',
    'Transmis au service remboursements, en attente de leur retour.',
    'Incident connu, ticket ouvert ce matin par l’équipe technique.',
  ],
};
export const TAG_WORDS: Record<string, RegExp> = {
  cancellations: /cancel|annul/i,
  baggage: /\bbag|bagage|valise|luggage/i,
  refunds: /refund|rembours/i,
  delays: /delay|retard|late\b|attente/i,
  outage: /outage|signal|internet|réseau|panne|coupure|down\b|sin internet/i,
  billing: /bill|charg|factur|prélev|cobraron/i,
};
