// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const noUnsafeSql = {
  selector: 'MemberExpression[property.name=/^\\$(query|execute)RawUnsafe$/]',
  message: 'Unsafe raw SQL: use tagged $queryRaw/$executeRaw (parameterised) in the feature repository.',
};
const noRawHtml = {
  selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
  message: 'Raw HTML is forbidden: render untrusted text as text.',
};
const noProcessEnv = {
  selector: "MemberExpression[object.name='process'][property.name='env']",
  message: 'Read configuration through apps/server/src/config.ts only.',
};

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'apps/server/src/generated/**',
      '.perch-data/**',
      '.tools/**',
      'e2e/test-results/**',
      'prisma/tools/_scratch.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.config.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    rules: {
      'no-restricted-syntax': ['error', noUnsafeSql, noRawHtml, noProcessEnv],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Prisma stays in the data layer: repositories and the db module (plus the seed factories and tests).
    files: ['apps/server/src/**/*.ts'],
    ignores: ['apps/server/src/**/*.repository.ts', 'apps/server/src/db/**', 'apps/server/src/seed/**', '**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/generated/prisma/**', '@prisma/*'], message: 'Only repositories and src/db import Prisma.' },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // The agent's first load (P8: ≤ 150 KiB gzip): the shell, the inbox and the conversation pane. zod (27 KiB
    // gzip) stays in lazy pages: values come from the zod-free `@perch/shared/vocabulary`, types from anywhere.
    files: [
      'apps/web/src/app/**/*.{ts,tsx}',
      'apps/web/src/lib/**/*.{ts,tsx}',
      'apps/web/src/features/{inbox,conversation,notifications,agents}/**/*.{ts,tsx}',
    ],
    ignores: ['**/*.test.ts', '**/*.test.tsx', '**/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@perch/shared',
              allowTypeImports: true,
              message: 'First-load code imports values from @perch/shared/vocabulary (no zod).',
            },
            { name: 'zod', allowTypeImports: true, message: 'zod stays out of the first load (P8).' },
          ],
        },
      ],
    },
  },
  {
    // The configuration module, tests, tooling and config files may read the environment.
    files: [
      'apps/server/src/config.ts',
      '**/*.test.ts',
      '**/*.test.tsx',
      'apps/server/test/**',
      'e2e/**',
      'prisma/**',
      '**/*.config.ts',
      'scripts/**',
    ],
    rules: { 'no-restricted-syntax': ['error', noUnsafeSql, noRawHtml] },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
