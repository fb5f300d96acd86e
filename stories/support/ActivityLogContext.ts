import { createContext, useContext, useSyncExternalStore } from 'react';
import type { ActivityLog, ActivityLogState } from './createActivityLog';

/** The activity log of the story being shown (given by `withEventLog`). */
export const ActivityLogContext = createContext<ActivityLog | undefined>(undefined);

/** The current story's log state; re-renders on each new line. */
export function useActivityLog(): ActivityLogState {
  const log = useContext(ActivityLogContext);
  if (!log) throw new Error('useActivityLog() needs withEventLog among the decorators (see .storybook/preview.tsx).');
  return useSyncExternalStore(log.subscribe, log.getSnapshot, log.getSnapshot);
}
