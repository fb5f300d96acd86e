'use client';
import { type ReactElement, useState } from 'react';
import type { RecorderInspector } from '../core/createRecorderInspector';
import { usePersonalize } from '../react/usePersonalize';
import { DevtoolsPanel } from './DevtoolsPanel';
import { ShadowHost } from './ShadowHost';
import { useInspectorSnapshot, useRecorderInspector } from './useRecorderInspector';

/** Where the floating toggle and panel sit. */
export type PersonalizeDevtoolsPosition = 'bottom-right' | 'bottom-left' | 'top-right' | 'top-left';

/** Props of `PersonalizeDevtools`. */
export interface PersonalizeDevtoolsProps {
  /** Whether the panel is open on first render. @default false */
  initialIsOpen?: boolean | undefined;
  /** The corner of the toggle and the panel. @default 'bottom-right' */
  position?: PersonalizeDevtoolsPosition | undefined;
  /** The local endpoint's base URL (`startLocalEndpoint().url`): the panel links to its page of what it received. */
  endpointUrl?: string | undefined;
  /** Whether tracked items are outlined on the page while the panel is open. @default true */
  initialOverlay?: boolean | undefined;
}

/**
 * Devtools for the nearest `PersonalizeProvider`: a floating toggle that opens a panel of what the recorder does
 * (session, user, consent, counters, every event with its delivery state) and of the mounted `ImpressionTracker`s
 * (each item seen, dwelling, or why not), with an overlay outlining tracked items on the page. Rendered in a shadow
 * root. Events are listed from its mount, also while the panel is closed. The `react-personalize/devtools` export
 * renders nothing when `process.env.NODE_ENV` is `'production'`, and bundlers then drop its code.
 * @example
 * <PersonalizeProvider recorder={recorder}>
 *   <App />
 *   <PersonalizeDevtools endpointUrl="http://127.0.0.1:4599" />
 * </PersonalizeProvider>
 */
export function PersonalizeDevtools({
  initialIsOpen = false,
  position = 'bottom-right',
  endpointUrl,
  initialOverlay = true,
}: PersonalizeDevtoolsProps): ReactElement | null {
  const recorder = usePersonalize();
  const inspector = useRecorderInspector(recorder);
  const [open, setOpen] = useState(initialIsOpen);
  return (
    <ShadowHost variant="floating">
      {open ? (
        <DevtoolsPanel
          recorder={recorder}
          inspector={inspector}
          endpointUrl={endpointUrl}
          initialOverlay={initialOverlay}
          position={position}
          onClose={() => setOpen(false)}
        />
      ) : (
        <Toggle inspector={inspector} position={position} onOpen={() => setOpen(true)} />
      )}
    </ShadowHost>
  );
}

function Toggle({
  inspector,
  position,
  onOpen,
}: {
  inspector: RecorderInspector;
  position: PersonalizeDevtoolsPosition;
  onOpen: () => void;
}) {
  const { recorder } = useInspectorSnapshot(inspector);
  return (
    <button
      type="button"
      className="toggle"
      data-position={position}
      aria-label="Open Personalize devtools"
      onClick={onOpen}
    >
      <span className="dot" data-busy={recorder.queued + recorder.inFlight > 0} data-failed={recorder.failed > 0} />
      Personalize
    </button>
  );
}
