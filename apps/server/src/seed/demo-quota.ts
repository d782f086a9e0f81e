import type { QuotaWarningData } from '@perch/shared';
import type { Tx } from '../db/database.ts';
import { periodOf } from '../features/billing/billing-period.ts';
import { serializeHeld } from '../features/billing/quota-hold.ts';
import { sandboxChannelName } from '../features/channels/demo-channels.ts';
import { loadCatalog } from '../features/billing/plans.repository.ts';
import type { NormalizedMention } from '../features/ingest/normalized-mention.ts';
import { stableId } from './factories.ts';

/** What the demo's customers wrote to Skyward Cargo once its quota was used up (held, shown in "Over quota"). */
const HELD_TEXTS = [
  '@SkywardCargo mon colis AWB 176-5521 est bloqué à Roissy depuis 3 jours, quelqu’un peut vérifier ?',
  '@SkywardCargo shipment 176-88231 shows "arrived" but the warehouse says they never got it',
  '@SkywardCargo palette endommagée à la livraison ce matin, à qui envoyer les photos ?',
  '@SkywardCargo votre suivi en ligne ne fonctionne plus depuis hier soir',
  '@SkywardCargo bonjour, quel délai pour un envoi de pièces détachées Lyon → Montréal ?',
  '@SkywardCargo la douane réclame un document que vous deviez fournir, dossier 176-90112',
  '@SkywardCargo merci à l’équipe de nuit de CDG, livraison arrivée pile à l’heure 👏',
  '@SkywardCargo facture en double pour l’expédition 176-44870, qui contacter ?',
  '@SkywardCargo colis réfrigéré annoncé pour 8 h, toujours rien à 14 h. Urgent, ce sont des médicaments',
  '@SkywardCargo can you confirm the cut-off time for tomorrow’s flight to Dakar?',
  '@SkywardCargo le transporteur dit que c’est chez vous, vous dites que c’est chez lui… où est mon colis ?',
  '@SkywardCargo demande d’enlèvement faite lundi, toujours pas de confirmation',
];
const AUTHORS = [
  ['LogistiqueMarc', 'Marc Lefèvre'],
  ['freight_jenny', 'Jenny Walsh'],
  ['AtelierDupont', 'Atelier Dupont'],
  ['SophieExpédie', 'Sophie Garnier'],
  ['PiecesAutoLyon', 'Pièces Auto Lyon'],
  ['TransitNadia', 'Nadia Benali'],
] as const;

/**
 * The demo's Free brand over its quota this month (docs/billing.md, "Quotas: hold and warnings"): Skyward Cargo has
 * used all of Free's monthly mentions, a dozen more wait in its over-quota view, and its owner and billing admin
 * were warned at 80 % and 100 %. The billing clock leaves them held (the month's quota is used); upgrading Cargo
 * releases them into the inbox (e2e/tests/billing.spec.ts).
 */
export async function seedDemoOverQuota(
  tx: Tx,
  organizationId: string,
  brand: { id: string; name: string; handle: string },
  recipients: string[],
  now = new Date(),
): Promise<void> {
  const free = (await loadCatalog(tx)).get('free')!;
  const period = periodOf(now);
  // The brand's X channel, as the demo traffic makes it (it adopts this one by name and points it at the sandbox).
  const channel = await tx.channel.create({
    data: {
      id: stableId(`sandbox-channel:${brand.id}`),
      organizationId,
      brandId: brand.id,
      kind: 'x',
      name: sandboxChannelName(brand.handle),
    },
    select: { id: true },
  });
  await tx.usageRecord.create({
    data: {
      organizationId,
      brandId: brand.id,
      metric: 'mentions',
      periodStart: period.start,
      quantity: free.monthlyMentions,
    },
    select: { id: true },
  });
  const rows = HELD_TEXTS.map((text, i) => {
    // The last few hours, oldest first — never before the month started.
    const postedAt = new Date(Math.max(period.start.getTime() + i * 1000, now.getTime() - (12 - i) * 17 * 60_000));
    const [username, displayName] = AUTHORS[i % AUTHORS.length]!;
    const externalId = `90000000000000${String(i + 1).padStart(5, '0')}`;
    const mention: NormalizedMention = {
      externalId,
      kind: 'mention',
      text,
      inReplyToExternalId: null,
      threadExternalId: null,
      postedAt,
      author: {
        externalUserId: `8800000${i % AUTHORS.length}`,
        username,
        displayName,
        followers: 40 + i * 13,
        verified: false,
        profileUrl: null,
      },
      raw: { id_str: externalId, text, user: { screen_name: username } },
    };
    return {
      id: stableId(`held:${brand.id}:${i}`),
      organizationId,
      brandId: brand.id,
      channelId: channel.id,
      externalId,
      network: 'x',
      payload: JSON.parse(JSON.stringify(serializeHeld(mention))) as object,
      postedAt,
      receivedAt: new Date(postedAt.getTime() + 2_000),
    };
  });
  await tx.heldMention.createMany({ data: rows });
  await tx.quotaWarning.createMany({
    data: [80, 100].map((threshold) => ({ organizationId, brandId: brand.id, periodStart: period.start, threshold })),
  });
  const data: QuotaWarningData = {
    brandId: brand.id,
    brandName: brand.name,
    threshold: 100,
    used: free.monthlyMentions,
    quota: free.monthlyMentions,
    planId: 'free',
    holds: true,
  };
  await tx.notification.createMany({
    data: recipients.map((userId) => ({
      organizationId,
      userId,
      kind: 'quota_warning',
      data: { ...data },
      createdAt: rows[0]!.receivedAt,
    })),
  });
}
