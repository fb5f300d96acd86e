'use client';
import { createContext } from 'react';
import type { ImpressionList } from './createImpressionList';

/** The list of the nearest `ImpressionTracker`; internal, read by `useImpression` and `useTrackEvent`. */
export const ImpressionListContext = createContext<ImpressionList | null>(null);
ImpressionListContext.displayName = 'ImpressionListContext';
