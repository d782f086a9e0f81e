import automation from './automation.en.json';
import macros from './macros.en.json';
import cannedReplies from './canned-replies.en.json';
import approvals from './approvals.en.json';
import settings from './settings.en.json';
import teamsAndTags from './teams-and-tags.en.json';
import dashboards from './dashboards.en.json';
import reports from './reports.en.json';
import sla from './sla.en.json';
import billing from './billing.en.json';
import quota from './quota.en.json';
import secondFactor from './second-factor.en.json';
import operator from './operator.en.json';

/** The English strings of the pages loaded on demand: settings, audit, profile, invitation (see lib/i18n.ts). */
export const enPages = {
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
export type PageTranslation = typeof enPages;
