import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// The lib/app boundary is enforced here (and by core/tsconfig.json, which has no DOM lib):
// core/ may not import views, extension code, Preact, the extension API, or Node built-ins.
const coreBoundary = {
  patterns: [
    { group: ['preact', 'preact/*', '@preact/*'], message: 'core/ is UI-free: no Preact.' },
    { group: ['webextension-polyfill', 'wxt/*'], message: 'core/ must not touch extension APIs.' },
    { group: ['**/web/**', '**/extension/**', '**/cli/**', '**/tests/**'], message: 'core/ may not import apps.' },
    { group: ['node:*'], message: 'core/ is browser-only: inject I/O.' },
  ],
  paths: ['fs', 'path', 'os', 'child_process', 'crypto', 'buffer'].map((name) => ({
    name,
    message: 'core/ is browser-only: inject I/O.',
  })),
};

const domGlobals = ['window', 'document', 'DOMParser', 'localStorage', 'sessionStorage', 'alert'].map((name) => ({
  name,
  message: `${name} does not exist in a service worker or the core`,
}));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'tests/e2e/.artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[property.name='innerHTML']", message: 'Render profile data as text, never innerHTML.' },
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Render profile data as text.' },
      ],
    },
  },
  {
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', coreBoundary],
      'no-restricted-globals': ['error', ...domGlobals],
    },
  },
  {
    files: ['extension/background/**/*.ts', 'extension/background.ts', 'web/sw.ts'],
    rules: { 'no-restricted-globals': ['error', ...domGlobals] },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
