'use client';
export {
  ImpressionTracker,
  type ImpressionTrackerComponent,
  type ImpressionTrackerOwnProps,
  type ImpressionTrackerProps,
} from './ImpressionTracker';
export { PersonalizeProvider, type PersonalizeProviderProps } from './PersonalizeProvider';
export { useImpression } from './useImpression';
export { usePersonalize } from './usePersonalize';
export { usePersonalizeState } from './usePersonalizeState';
export { useTrackEvent } from './useTrackEvent';
