export * from './roles.ts';
export * from './errors.ts';
export * from './limits.ts';
export * from './i18n-locales.ts';
export * from './auth.ts';
export * from './organization.ts';
export * from './channels.ts';
export * from './conversation.ts';
