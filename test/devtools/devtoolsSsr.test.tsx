// @vitest-environment node
import { renderToString } from 'react-dom/server';
import { PersonalizeProvider } from 'react-personalize';
import { PersonalizeDevtools, PersonalizeDevtoolsPanel } from 'react-personalize/devtools';
import { createTestRecorder } from 'react-personalize/test-utils';

describe('PersonalizeDevtools on the server', () => {
  it('renders an empty host (the panel comes with the shadow root, on the client), without warnings', () => {
    const error = vi.spyOn(console, 'error');
    const warn = vi.spyOn(console, 'warn');
    const { recorder } = createTestRecorder();
    const html = renderToString(
      <PersonalizeProvider recorder={recorder}>
        <PersonalizeDevtools initialIsOpen />
        <PersonalizeDevtoolsPanel />
      </PersonalizeProvider>,
    );
    expect(html).toBe(
      '<personalize-devtools data-variant="floating"></personalize-devtools><personalize-devtools data-variant="panel"></personalize-devtools>',
    );
    expect(error).not.toHaveBeenCalled();
    expect(warn).not.toHaveBeenCalled();
    error.mockRestore();
    warn.mockRestore();
  });
});
