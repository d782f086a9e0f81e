/**
 * French: a hand-built customer-care lexicon on AFINN's -5..+5 scale (no French list on npm fits: see
 * docs/enrichment.md). Keys are folded (lower case, no diacritics) when loaded, and lookups fall back from
 * plural/feminine forms ("déçues" → "déçue" → "déçu"), so only the base form is listed unless it ends in
 * -eux/-euse, -if/-ive or similar. Common English loanwords of French social media are included (not "nice":
 * the city).
 */
import type { LexiconSource } from './sentiment.ts';

export const FR: LexiconSource = {
  words: [
    [-4, 'inadmissible scandaleux scandaleuse scandale honteux honteuse honte inacceptable inhumain escroc'],
    [-4, 'escroquerie escrocs voleurs degueulasse immonde foutage'],
    [-3, 'lamentable pathetique pitoyable catastrophique catastrophe horrible affreux affreuse atroce execrable'],
    [-3, 'deplorable minable nul pourri arnaque arnaquer arnaqueur menteur menteurs menteuse mensonge pire'],
    [-3, 'degoute degoutant ecoeure furieux furieuse enrage desastre desastreux fiasco merde putain bordel'],
    [-3, 'cauchemar insupportable inutilisable illegal plusjamais abuse abusif abusive'],
    [-2, 'decu decevant deception mecontent insatisfait agace agacant enerve enervant marre epuisant epuise'],
    [-2, 'frustre frustrant frustration inutile incompetent incompetence irrespectueux irrespectueuse'],
    [-2, 'desagreable meprisant mepris impoli malpoli grossier ridicule absurde blague bug bugs bugue'],
    [-2, 'casse abime endommage perdu retard retards retarde retarder annule annulation annulations panne'],
    [-2, 'pannes coupure coupures bloque coince rate erreur erreurs lent lente lenteur injoignable raccroche coupe'],
    [-2, 'sale malade grave triste peur stress stresse regret regrette regrets plainte litige galere moque'],
    [-2, 'surbooking debarque gache gachee plante plantage fail mauvais mauvaise mal'],
    [-2, 'desespere desesperant surfacture surfacturation'],
    [-1, 'attente attendre manque frais cher chere'],
    [-1, 'reclamation faute lourd complique bof helas encore toujours pb probleme souci rembourser'],
    [3, 'excellent excellente parfait parfaite parfaitement genial geniale geniaux merveilleux merveilleuse'],
    [3, 'formidable extraordinaire exceptionnel exceptionnelle adorable adore adorer magnifique superbe'],
    [3, 'sublime inoubliable ravi enchante heureux heureuse bravo impeccable nickel'],
    [2, 'mieux top incroyable chapeau meilleur meilleure aime aimons content satisfait impressionne merci remercie'],
    [2, 'remercier remerciements super sympa gentil gentille aimable agreable efficace reactif reactive'],
    [2, 'reactivite fluide confortable professionnel competent resolu sauve apprecie appreciee mignon'],
    [2, 'recommande recommanderai youpi cool thanks merciii fiable solide love'],
    [1, 'rapide rapidement propre patient repare bien bon bonne interessant interessante'],
    [1, 'correct correcte facile tranquille enfin informe'],
  ],
  phrases: [
    [-4, 'merci pour rien|merci de rien'],
    [-3, 'bagage perdu|bagages perdus|valise perdue|valises perdues|correspondance ratee|correspondance manquee'],
    [-3, 'plus jamais|en peux plus|erreur de facturation|frais caches|raccroche au nez|c est du vol'],
    [-3, 'sert a rien|servent a rien|se fout|se foutent|foutent de|s en fiche|s en fichait|s en fout|en ai marre'],
    [-2, 'toujours rien|tourne en boucle|en attente|ca continue|quelle galere|me deconnecte|pour rien'],
    [-1.5, 'toujours pas|toujours aucun|toujours aucune', true],
    [0, 'plus de|plus d', true],
    [3, 'bien joue|au top|rien a redire|fait ma journee|bon boulot|bon travail|merci infiniment'],
    [1, 'a l heure'],
  ],
  negated: [
    [-2, 'marche marchent fonctionne fonctionnent reponse reponses repond repondu info infos information'],
    [-2, 'informations nouvelle nouvelles solution solutions rappel reseau signal internet connexion wifi'],
    [-2, 'hotel repas eau clim aide remboursement rembourse remboursee indemnisation dedommagement explication'],
    [-2, 'explications option options allume bouge venu passe decroche recu recue normal acceptable'],
    [-2, 'prevenu prevenus satisfaisant'],
  ],
  negators: 'ne n pas jamais aucun aucune rien sans ni guere',
  intensifiers:
    'tres trop tellement vraiment super hyper vachement completement totalement absolument franchement si ' +
    'extremement particulierement',
  diminishers: 'peu legerement',
  contrast: 'mais cependant pourtant neanmoins toutefois',
  fold: true,
  suffixFallback: true,
};
