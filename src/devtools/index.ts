'use client';
import { PersonalizeDevtools as PersonalizeDevtoolsInDevelopment } from './PersonalizeDevtools';

/**
 * Devtools for the nearest `PersonalizeProvider` (see `PersonalizeDevtoolsProps`); renders nothing when
 * `process.env.NODE_ENV` is `'production'`, and a bundler that replaces it drops the devtools' code from the build.
 * @example
 * <PersonalizeProvider recorder={recorder}>
 *   <App />
 *   <PersonalizeDevtools initialIsOpen={false} position="bottom-right" />
 * </PersonalizeProvider>
 */
export const PersonalizeDevtools: typeof PersonalizeDevtoolsInDevelopment =
  process.env.NODE_ENV !== 'production' ? PersonalizeDevtoolsInDevelopment : () => null;

export {
  createRecorderInspector,
  type InspectedDelivery,
  type InspectedEvent,
  type RecorderInspector,
  type RecorderInspectorOptions,
  type RecorderInspectorSnapshot,
} from '../core/createRecorderInspector';
export type { ImpressionItemState, ImpressionListState, ImpressionMissReason } from '../react/ImpressionListState';
export { type ImpressionListsInspector, inspectImpressionLists } from '../react/inspectImpressionLists';
export type { PersonalizeDevtoolsPosition, PersonalizeDevtoolsProps } from './PersonalizeDevtools';
export { PersonalizeDevtoolsPanel, type PersonalizeDevtoolsPanelProps } from './PersonalizeDevtoolsPanel';
