import type { Meta, StoryObj } from '@storybook/react-vite';
import { usePersonalize, usePersonalizeState } from 'react-personalize';
import type { PersonalizeParameters } from 'react-personalize/storybook';
import { expect, waitFor } from 'storybook/test';

/** Args of the user-switch stories. */
interface SignInProps {
  /** The user when the page opens (the recorder's `userId` option). */
  userId?: string;
}

/** Sign-in buttons calling `recorder.identify()`, and a page view to record in the current session. */
function SignIn(_: SignInProps) {
  const recorder = usePersonalize();
  const { userId } = usePersonalizeState();
  return (
    <section>
      <p className="rp-note">
        Anonymous → signed in keeps the session (the service joins the anonymous history to the user). Another user, or
        signing out, starts a new session: two people never share a history. Watch the session in the log.
      </p>
      <p className="rp-note">{userId ? `Signed in as ${userId}.` : 'Anonymous.'}</p>
      <div className="rp-toolbar">
        <button type="button" className="rp-button" onClick={() => recorder.identify('alice')}>
          Sign in as alice
        </button>
        <button type="button" className="rp-button" onClick={() => recorder.identify('bob')}>
          Sign in as bob
        </button>
        <button type="button" className="rp-button" onClick={() => recorder.identify(undefined)}>
          Sign out
        </button>
        <button
          type="button"
          className="rp-button rp-button--primary"
          onClick={() => recorder.record({ eventType: 'page-view', itemId: 'home' })}
        >
          Record a page view
        </button>
      </div>
    </section>
  );
}

const personalize: PersonalizeParameters = ({ args }) => ({ recorder: { userId: args.userId as string | undefined } });

const meta = {
  title: 'Core/User switch',
  component: SignIn,
  args: { userId: undefined },
  argTypes: {
    userId: {
      control: 'text',
      description: 'Recorder option `userId` at start; the buttons call `recorder.identify()`.',
      table: { type: { summary: 'string' }, defaultValue: { summary: 'none: anonymous' } },
    },
  },
  parameters: {
    personalize,
    docs: {
      description: {
        component: `\`recorder.identify(userId)\`: anonymous → known keeps the session (the anonymous history joins
the user); another user, or \`undefined\` (sign-out), starts a new session. Reference: docs/recorder.md.`,
      },
    },
  },
} satisfies Meta<typeof SignIn>;

export default meta;
type Story = StoryObj<typeof meta>;

const sessionId = (root: HTMLElement) => root.querySelector('[data-testid="session-id"]')?.getAttribute('title');

/** Starts anonymous: sign in keeps the session, switching user or signing out renews it. */
export const Anonymous: Story = {
  play: async ({ canvas, canvasElement, userEvent, step }) => {
    const anonymous = sessionId(canvasElement);
    await step('anonymous → alice keeps the session', async () => {
      await userEvent.click(canvas.getByRole('button', { name: 'Record a page view' }));
      await userEvent.click(canvas.getByRole('button', { name: 'Sign in as alice' }));
      await waitFor(() => expect(canvasElement.querySelector('[data-testid="user-id"]')).toHaveTextContent('alice'));
      expect(sessionId(canvasElement)).toBe(anonymous);
    });
    await step('alice → bob starts a new session', async () => {
      await userEvent.click(canvas.getByRole('button', { name: 'Sign in as bob' }));
      await waitFor(() => expect(canvasElement.querySelector('[data-testid="user-id"]')).toHaveTextContent('bob'));
      expect(sessionId(canvasElement)).not.toBe(anonymous);
    });
    await step('sign out starts another', async () => {
      const bob = sessionId(canvasElement);
      await userEvent.click(canvas.getByRole('button', { name: 'Sign out' }));
      await waitFor(() =>
        expect(canvasElement.querySelector('[data-testid="user-id"]')).toHaveTextContent('anonymous'),
      );
      expect(sessionId(canvasElement)).not.toBe(bob);
      expect(sessionId(canvasElement)).not.toBe(anonymous);
    });
  },
};

/** Starts signed in as alice. */
export const SignedIn: Story = { args: { userId: 'alice' } };
