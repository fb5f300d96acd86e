import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { useState, version } from 'react';
import { version as domVersion } from 'react-dom';
import { renderToString } from 'react-dom/server';

// Runs in the unit project (React 19) and in the react18 and react18-ssr projects, where vitest.config.ts sets
// REACT_MAJOR=18 and swaps React 18 in: each project must test the React it claims to.
const major = process.env.REACT_MAJOR ?? '19';

function Probe() {
  const [label] = useState('hooks work');
  useQueryClient();
  return <p>{label}</p>;
}

describe('the React under test', () => {
  it("is the project's React, for the sources and React DOM alike", () => {
    expect(version.split('.')[0]).toBe(major);
    expect(domVersion).toBe(version);
  });

  it('is the one TanStack Query and the server renderer use (a second React would break hooks)', () => {
    const markup = renderToString(
      <QueryClientProvider client={new QueryClient()}>
        <Probe />
      </QueryClientProvider>,
    );
    expect(markup).toBe('<p>hooks work</p>');
  });
});
