import type { Decorator, Preview } from '@storybook/react-vite';
import { StrictMode } from 'react';
import { withPersonalize } from 'react-personalize/storybook';
import { withEventLog } from '../stories/support/withEventLog';
import '../stories/support/stories.css';

/** main.ts's `strictMode` covers Storybook itself; story tests in Vitest render without it, so wrap here too. */
const withStrictMode: Decorator = (Story) => (
  <StrictMode>
    <Story />
  </StrictMode>
);

const preview = {
  // Decorators wrap inside out: StrictMode, then a recorder per story (withPersonalize), then the event log.
  decorators: [withEventLog, withPersonalize({ recorder: { flushInterval: 500 } }), withStrictMode],
  parameters: {
    layout: 'padded',
    controls: { expanded: true },
    options: { storySort: { order: ['Intro', 'React', 'Core'] } },
  },
} satisfies Preview;

export default preview;
