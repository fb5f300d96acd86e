import { configure, render, waitFor } from '@testing-library/react';
import { withPersonalize } from 'react-personalize/storybook';

configure({ reactStrictMode: true });

vi.mock('storybook/actions', () => ({ action: () => () => {} }));

const context = { id: 'story--one', args: {}, parameters: {} };
const Story = () => <p>story</p>;

describe('withPersonalize({ devtools })', () => {
  it('renders the devtools next to the story, with the props given', async () => {
    const { container } = render(withPersonalize({ devtools: { initialIsOpen: true } })(Story, context));
    await waitFor(() => {
      const root = container.querySelector('personalize-devtools')?.shadowRoot;
      expect(root?.querySelector('section[aria-label="Personalize devtools"]')).not.toBeNull();
    });
    expect(container.textContent).toContain('story');
  });

  it('renders no devtools by default, and none when a story turns them off', async () => {
    const { container, unmount } = render(withPersonalize()(Story, context));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(container.querySelector('personalize-devtools')).toBeNull();
    unmount();
    const off = { ...context, parameters: { personalize: { devtools: false } } };
    const second = render(withPersonalize({ devtools: true })(Story, off));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(second.container.querySelector('personalize-devtools')).toBeNull();
  });
});
