'use client';
import { usePersonalize } from '../react/usePersonalize';
import { DevtoolsPanel } from './DevtoolsPanel';
import { ShadowHost } from './ShadowHost';
import { useRecorderInspector } from './useRecorderInspector';

/** Props of `PersonalizeDevtoolsPanel`. */
export interface PersonalizeDevtoolsPanelProps {
  /** The local endpoint's base URL (`startLocalEndpoint().url`): the panel links to its page of what it received. */
  endpointUrl?: string | undefined;
  /** Whether tracked items are outlined on the page at first. @default true */
  initialOverlay?: boolean | undefined;
}

/**
 * The devtools panel of `PersonalizeDevtools`, always rendered (in production builds too) as a block in the page's
 * flow, in a shadow root. For forced use: a staging build, an internal page, a story.
 * @example
 * <PersonalizeProvider recorder={recorder}>
 *   <App />
 *   {showDevtools && <PersonalizeDevtoolsPanel />}
 * </PersonalizeProvider>
 */
export function PersonalizeDevtoolsPanel({ endpointUrl, initialOverlay = true }: PersonalizeDevtoolsPanelProps) {
  const recorder = usePersonalize();
  const inspector = useRecorderInspector(recorder);
  return (
    <ShadowHost variant="panel">
      <DevtoolsPanel
        recorder={recorder}
        inspector={inspector}
        endpointUrl={endpointUrl}
        initialOverlay={initialOverlay}
      />
    </ShadowHost>
  );
}
