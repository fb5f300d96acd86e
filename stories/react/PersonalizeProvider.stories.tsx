import type { Meta, StoryObj } from '@storybook/react-vite';
import { useEffect, useRef } from 'react';
import { PersonalizeProvider, usePersonalize, usePersonalizeState, useTrackEvent } from 'react-personalize';
import { expect, waitFor } from 'storybook/test';

function Page() {
  const track = useTrackEvent();
  const { sessionId, userId } = usePersonalizeState();
  // StrictMode runs mount effects twice; the ref (kept across that remount) makes it one page view.
  const viewed = useRef(false);
  useEffect(() => {
    if (viewed.current) return;
    viewed.current = true;
    track({ eventType: 'page-view', itemId: 'home' });
  }, [track]);
  return (
    <div>
      <p className="rp-note">
        This page recorded a <code>page-view</code> on mount (once, even under StrictMode). Session{' '}
        <code>{sessionId.slice(0, 8)}…</code>, {userId ? `signed in as ${userId}` : 'anonymous'}.
      </p>
      <div className="rp-toolbar">
        <button type="button" className="rp-button" onClick={() => track({ eventType: 'click', itemId: 'banner' })}>
          Click the banner
        </button>
      </div>
    </div>
  );
}

/** Args of the PersonalizeProvider stories. */
interface AppProps {
  /** The signed-in user, handed to `<PersonalizeProvider userId>`. */
  userId?: string;
}

/** An app root: the provider with the story's recorder (made outside React) and the signed-in user. */
function App({ userId }: AppProps) {
  const recorder = usePersonalize();
  return (
    <PersonalizeProvider recorder={recorder} userId={userId}>
      <Page />
    </PersonalizeProvider>
  );
}

const meta = {
  title: 'React/PersonalizeProvider',
  component: App,
  args: { userId: undefined },
  argTypes: {
    userId: {
      control: 'text',
      description:
        'The signed-in user: each change goes to `recorder.identify()` (anonymous → known keeps the session).',
      table: { type: { summary: 'string' }, defaultValue: { summary: 'the recorder’s own user' } },
    },
  },
  parameters: {
    docs: {
      description: {
        component: `\`<PersonalizeProvider recorder userId?>\` gives its subtree a recorder made outside React with
\`createRecorder()\` (it never closes it), mounts its page-lifecycle listeners and keeps its user in step with
\`userId\`. \`usePersonalize()\` returns that recorder and \`usePersonalizeState()\` its snapshot; both throw outside
a provider. Reference: docs/react.md.`,
      },
    },
  },
} satisfies Meta<typeof App>;

export default meta;
type Story = StoryObj<typeof meta>;

/** No user yet: events carry the session alone. */
export const Anonymous: Story = {
  play: async ({ canvasElement }) => {
    await waitFor(() =>
      expect(canvasElement.querySelectorAll('[data-type="recorded"][data-event-type="page-view"]')).toHaveLength(1),
    );
    await waitFor(() => expect(canvasElement.querySelector('[data-type="sent"]')).toHaveTextContent('anonymous'), {
      timeout: 10_000,
    });
  },
};

/** `userId` given: the recorder is told (anonymous → known keeps the session), and events carry both. */
export const SignedIn: Story = {
  args: { userId: 'alice' },
  play: async ({ canvas, canvasElement, userEvent }) => {
    await waitFor(() => expect(canvasElement.querySelector('[data-testid="user-id"]')).toHaveTextContent('alice'));
    await userEvent.click(canvas.getByRole('button', { name: 'Click the banner' }));
    await waitFor(
      () => {
        const sent = [...canvasElement.querySelectorAll('[data-type="sent"]')];
        expect(sent.some((entry) => entry.textContent?.includes('user alice'))).toBe(true);
      },
      { timeout: 10_000 },
    );
  },
};
