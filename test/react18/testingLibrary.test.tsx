import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { act, render, screen } from '@testing-library/react';
import { StrictMode, useEffect, useState, version } from 'react';

// Runs in the unit project (React 19) and the react18 project (REACT_MAJOR=18, see vitest.config.ts).
const major = process.env.REACT_MAJOR ?? '19';

function Probe() {
  const [label, setLabel] = useState('mounted');
  useQueryClient();
  useEffect(() => setLabel('committed'), []);
  return <p>{label}</p>;
}

describe('@testing-library/react', () => {
  it("renders with the project's React, with TanStack Query on the same one", () => {
    expect(version.split('.')[0]).toBe(major);
    const { unmount } = render(
      <StrictMode>
        <QueryClientProvider client={new QueryClient()}>
          <Probe />
        </QueryClientProvider>
      </StrictMode>,
    );
    expect(screen.getByText('committed')).toBeInTheDocument();
    act(() => unmount());
    expect(screen.queryByText('committed')).not.toBeInTheDocument();
  });
});
