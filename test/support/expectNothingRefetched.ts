import type { QueryClient } from '@tanstack/react-query';
import type { Mock } from 'vitest';

/**
 * Asserts that no recommendation list was refetched: none is invalidated or fetching (not only "not yet fetched"),
 * and `queryFn` ran only for the first fetch.
 */
export function expectNothingRefetched(queryClient: QueryClient, queryFn: Mock) {
  expect(
    queryClient
      .getQueryCache()
      .getAll()
      .some((query) => query.state.isInvalidated),
  ).toBe(false);
  expect(queryClient.isFetching()).toBe(0);
  expect(queryFn).toHaveBeenCalledTimes(1);
}
