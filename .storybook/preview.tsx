import type { Preview } from '@storybook/react-vite';
import { withPersonalize } from 'react-personalize/storybook';
import { configure } from 'storybook/test';
import { withEventLog } from '../stories/support/withEventLog';
import '../stories/support/stories.css';

// A `play` function's waitFor/findBy* only bound a wait: 10 s, not the 1 s default, so a busy machine (the story
// tests run in CI) never fails one early.
configure({ asyncUtilTimeout: 10_000 });

const preview = {
  // A Docs page for every component and hook: its description, its props with their defaults, its stories.
  tags: ['autodocs'],
  // Decorators wrap inside out: a recorder per story (withPersonalize) around the story and its event log.
  decorators: [withEventLog, withPersonalize({ recorder: { flushInterval: 500 } })],
  parameters: {
    // StrictMode at the root (double effects too, not only double renders), also in the Vitest story tests, which
    // do not read main.ts's `strictMode`.
    react: { rootOptions: { unstable_strictMode: true } },
    layout: 'padded',
    controls: { expanded: true },
    options: { storySort: { order: ['Intro', 'React', 'Query', 'Core'] } },
  },
} satisfies Preview;

export default preview;
