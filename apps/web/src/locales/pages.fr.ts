import automation from './automation.fr.json';
import macros from './macros.fr.json';
import cannedReplies from './canned-replies.fr.json';
import approvals from './approvals.fr.json';
import type { PageTranslation } from './pages.en.ts';
import settings from './settings.fr.json';
import teamsAndTags from './teams-and-tags.fr.json';
import dashboards from './dashboards.fr.json';
import reports from './reports.fr.json';
import sla from './sla.fr.json';
import billing from './billing.fr.json';
import quota from './quota.fr.json';
import secondFactor from './second-factor.fr.json';
import operator from './operator.fr.json';

/** The French strings of the pages loaded on demand (same keys as pages.en.ts). */
export const frPages: PageTranslation = {
  ...settings,
  ...teamsAndTags,
  ...automation,
  ...macros,
  ...cannedReplies,
  ...approvals,
  ...dashboards,
  ...reports,
  ...sla,
  ...billing,
  ...quota,
  ...secondFactor,
  ...operator,
};
