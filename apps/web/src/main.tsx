// First: zod's settings apply to the schemas built after them.
import './lib/zod-jitless.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Router } from 'wouter';
import { AppErrorBoundary } from './app/error-boundary.tsx';
import { AppProvider } from './app/provider.tsx';
import { AppRoutes } from './app/router.tsx';
import { browserLocation } from './lib/location.ts';
import { browserLocale, createI18n, loadTranslation } from './lib/i18n.ts';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

// The browser's language first (the profile's, once known, may switch it: LanguageFromProfile).
const lng = browserLocale();
const i18n = createI18n(lng, { [lng]: await loadTranslation(lng) });

createRoot(root).render(
  <StrictMode>
    <Router hook={browserLocation}>
      <AppProvider i18n={i18n}>
        <AppErrorBoundary>
          <AppRoutes />
        </AppErrorBoundary>
      </AppProvider>
    </Router>
  </StrictMode>,
);
