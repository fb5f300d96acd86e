import type { StorybookConfig } from '@storybook/react-vite';
import type { UserConfig } from 'vite';
import { alias } from '../alias.ts';

const config: StorybookConfig = {
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.@(ts|tsx)'],
  addons: ['@storybook/addon-docs', '@storybook/addon-vitest'],
  framework: { name: '@storybook/react-vite', options: { strictMode: true } },
  core: { disableTelemetry: true },
  // A library's Storybook, not a new project: no "Get started" checklist in the sidebar.
  features: { sidebarOnboardingChecklist: false },
  async viteFinal(viteConfig) {
    const { mergeConfig } = await import('vite');
    const overrides: UserConfig = {
      resolve: { alias },
      build: {
        // Storybook's own preview bundle is large by nature; the stories' code is a few kB.
        chunkSizeWarningLimit: 2000,
        rolldownOptions: {
          checks: { bundlerTimings: false },
          onwarn(warning, warn) {
            // react-query ships "use client" directives, which a client-only bundle rightly drops.
            if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
            warn(warning);
          },
        },
      },
    };
    return mergeConfig(viteConfig, overrides);
  },
};

export default config;
