import type { UserConfig } from 'vite';

export function extensionConfig(_browser: 'chrome' | 'firefox'): UserConfig {
  return {};
}
