import { z } from 'zod';
import { cannedReplyFields } from '@perch/shared';
import type { Tx } from '../db/database.ts';
import { stableId } from './factories.ts';

export interface DemoCannedReply {
  brand: string;
  name: string;
  shortcut: string;
  language: 'en' | 'fr';
  text: string;
}

/** What a manager writes on day one: the answers agents give ten times a day, signed with their first name. */
export const DEMO_CANNED_REPLIES: Record<string, DemoCannedReply[]> = {
  'skyward-air': [
    {
      brand: 'Skyward Air',
      name: 'Delay apology',
      shortcut: 'delay',
      language: 'en',
      text: 'Hi {{customer.name}}, we are very sorry about the delay. Our operations team is on it and we will post updates here as soon as we have them. Thank you for your patience. – {{agent.first_name}}',
    },
    {
      brand: 'Skyward Air',
      name: 'Retard — excuses',
      shortcut: 'retard',
      language: 'fr',
      text: 'Bonjour {{customer.name}}, nous sommes désolés pour ce retard. Nos équipes font le maximum et nous vous tiendrons informé ici dès que possible. Merci de votre patience. – {{agent.first_name}}',
    },
    {
      brand: 'Skyward Air',
      name: 'Refund process',
      shortcut: 'refund',
      language: 'en',
      text: 'Hi {{customer.name}}, you can ask for a refund under "Manage my booking" on our website with your booking reference. Refunds reach your card within 5 to 7 days. – {{agent.first_name}}',
    },
    {
      brand: 'Skyward Air',
      name: 'Remboursement — démarche',
      shortcut: 'remboursement',
      language: 'fr',
      text: 'Bonjour {{customer.name}}, vous pouvez demander un remboursement dans « Gérer ma réservation » sur notre site, avec votre référence de réservation. Comptez 5 à 7 jours. – {{agent.first_name}}',
    },
    {
      brand: 'Skyward Air',
      name: 'DM us your booking reference',
      shortcut: 'dm',
      language: 'en',
      text: 'Hi {{customer.name}}, could you send us a DM with your booking reference (6 letters and digits)? We will look into it right away. – {{agent.first_name}}',
    },
    {
      brand: 'Skyward Air',
      name: 'Référence de réservation en MP',
      shortcut: 'mp',
      language: 'fr',
      text: 'Bonjour {{customer.name}}, pouvez-vous nous envoyer votre référence de réservation (6 lettres et chiffres) en message privé ? Nous regardons tout de suite. – {{agent.first_name}}',
    },
    {
      brand: 'Skyward Air',
      name: 'Thanks for the kind words',
      shortcut: 'thanks',
      language: 'en',
      text: 'Thank you so much, {{customer.name}}! We will pass your kind words on to the crew. See you on board soon. – {{agent.first_name}}',
    },
    {
      brand: 'Skyward Air',
      name: 'Merci pour votre message',
      shortcut: 'merci',
      language: 'fr',
      text: 'Merci beaucoup {{customer.name}} ! Nous transmettons vos mots à l’équipage. À bientôt à bord de {{brand.name}}. – {{agent.first_name}}',
    },
    {
      brand: 'Skyward Cargo',
      name: 'Shipment delay apology',
      shortcut: 'delay',
      language: 'en',
      text: 'Hi {{customer.name}}, we are sorry your shipment is late. Our cargo desk is tracing it now and we will update you here as soon as we know more. – {{agent.first_name}}',
    },
    {
      brand: 'Skyward Cargo',
      name: 'Retard — excuses',
      shortcut: 'retard',
      language: 'fr',
      text: 'Bonjour {{customer.name}}, nous sommes désolés du retard de votre envoi. Notre équipe fret le localise et nous revenons vers vous ici très vite. – {{agent.first_name}}',
    },
    {
      brand: 'Skyward Cargo',
      name: 'DM us your air waybill',
      shortcut: 'dm',
      language: 'en',
      text: 'Hi {{customer.name}}, could you DM us your air waybill number (11 digits)? We will trace your shipment straight away. – {{agent.first_name}}',
    },
    {
      brand: 'Skyward Cargo',
      name: 'Numéro de LTA en MP',
      shortcut: 'mp',
      language: 'fr',
      text: 'Bonjour {{customer.name}}, pouvez-vous nous envoyer votre numéro de LTA (11 chiffres) en message privé ? Nous localisons votre envoi tout de suite. – {{agent.first_name}}',
    },
    {
      brand: 'Skyward Cargo',
      name: 'Damage claim process',
      shortcut: 'claim',
      language: 'en',
      text: 'Hi {{customer.name}}, sorry to hear that. Please send us photos of the damage and the air waybill number by DM, and we will open a claim for you today. – {{agent.first_name}}',
    },
    {
      brand: 'Skyward Cargo',
      name: 'Thanks for the kind words',
      shortcut: 'thanks',
      language: 'en',
      text: 'Thank you, {{customer.name}}! Glad your shipment arrived safely. We will share this with the team. – {{agent.first_name}}',
    },
  ],
  'northwind-telecom': [
    {
      brand: 'Northwind Telecom',
      name: 'Outage acknowledgement',
      shortcut: 'outage',
      language: 'en',
      text: 'Hi {{customer.name}}, we know about the outage in your area and our engineers are working on it. We will post updates here until service is back. Sorry for the trouble. – {{agent.first_name}}',
    },
    {
      brand: 'Northwind Telecom',
      name: 'Sorry for the wait',
      shortcut: 'delay',
      language: 'en',
      text: 'Hi {{customer.name}}, sorry for the wait and thanks for your patience. We are looking into this now and will get back to you shortly. – {{agent.first_name}}',
    },
    {
      brand: 'Northwind Telecom',
      name: 'Refund process',
      shortcut: 'refund',
      language: 'en',
      text: 'Hi {{customer.name}}, if you were charged by mistake, we will refund you: the credit shows on your next bill. DM us and we will set it up. – {{agent.first_name}}',
    },
    {
      brand: 'Northwind Telecom',
      name: 'DM us your account number',
      shortcut: 'dm',
      language: 'en',
      text: 'Hi {{customer.name}}, could you DM us your account number and the address of the service? Please never share it publicly. – {{agent.first_name}}',
    },
    {
      brand: 'Northwind Telecom',
      name: 'Thanks for the kind words',
      shortcut: 'thanks',
      language: 'en',
      text: 'Thanks a lot, {{customer.name}}! Happy to hear it. We will pass this on to the {{brand.name}} team. – {{agent.first_name}}',
    },
  ],
};

const demoCannedReply = z.strictObject(cannedReplyFields);

/**
 * Writes the organization's demo canned replies with stable ids; existing ones are left as they are, so running
 * it again changes nothing. Each goes through the shared schema first (no unknown variable, valid shortcut).
 */
export async function seedDemoCannedReplies(
  tx: Tx,
  organizationId: string,
  slug: string,
  ids: { users: Map<string, string>; brands: Map<string, string> },
) {
  const replies = DEMO_CANNED_REPLIES[slug] ?? [];
  const author = ids.users.get('manager') ?? null;
  await tx.cannedReply.createMany({
    data: replies.map((reply) => {
      const brandId = ids.brands.get(reply.brand);
      if (!brandId) throw new Error(`demo seed: unknown brand ${reply.brand}`);
      const fields = demoCannedReply.parse({
        name: reply.name,
        shortcut: reply.shortcut,
        text: reply.text,
        language: reply.language,
      });
      return {
        id: stableId(`canned-reply:${brandId}:${reply.shortcut}`),
        organizationId,
        brandId,
        ...fields,
        createdByUserId: author,
      };
    }),
    skipDuplicates: true,
  });
}
