'use client';
import { useEffect, useState } from 'react';
import type { RecorderInspector } from '../core/createRecorderInspector';
import type { Recorder } from '../core/types';
import { EventList } from './EventList';
import { ImpressionListsView } from './ImpressionListsView';
import { ImpressionOverlay } from './ImpressionOverlay';
import { simulateOffline } from './simulateOffline';
import { useImpressionLists } from './useImpressionLists';
import { useInspectorSnapshot } from './useRecorderInspector';

/** Props of the panel's content, shared by both components. */
export interface DevtoolsPanelProps {
  /** The recorder shown and acted on. */
  recorder: Recorder;
  /** Its inspector. */
  inspector: RecorderInspector;
  /** The local endpoint's base URL, linked as the endpoint's inspector page. */
  endpointUrl?: string | undefined;
  /** Closes the panel (the floating devtools); absent for the always-rendered panel. */
  onClose?: (() => void) | undefined;
  /** Whether tracked items are outlined on the page at first. */
  initialOverlay: boolean;
  /** The corner the panel floats in (the floating devtools); absent: the panel is in the page's flow. */
  position?: string | undefined;
}

/** The panel: counters, actions (flush, consent, offline, overlay), the event list and the impression lists. */
export function DevtoolsPanel({
  recorder,
  inspector,
  endpointUrl,
  onClose,
  initialOverlay,
  position,
}: DevtoolsPanelProps) {
  const snapshot = useInspectorSnapshot(inspector);
  const lists = useImpressionLists(recorder);
  // The lists' dwell times are on the recorder's clock (its `now` option).
  const now = recorder.clock?.now ?? Date.now;
  const [tab, setTab] = useState<'events' | 'impressions'>('events');
  const [offline, setOffline] = useState(false);
  const [overlay, setOverlay] = useState(initialOverlay);
  useEffect(() => (offline ? simulateOffline() : undefined), [offline]);
  const { sessionId, userId, enabled, queued, inFlight, sent, failed } = snapshot.recorder;
  return (
    // The overlay is the panel's sibling, not its child: a floating panel is a stacking context of its own, and the
    // outlines must pass under it, not over it.
    <>
      <section
        className={position ? 'panel floating' : 'panel'}
        data-position={position}
        aria-label="Personalize devtools"
      >
        <div className="bar">
          <h2>Personalize</h2>
          <button type="button" aria-pressed={tab === 'events'} onClick={() => setTab('events')}>
            Events ({snapshot.events.length})
          </button>
          <button type="button" aria-pressed={tab === 'impressions'} onClick={() => setTab('impressions')}>
            Impressions ({lists.length})
          </button>
          <span className="spacer" />
          <button type="button" onClick={() => void recorder.flush()}>
            Flush now
          </button>
          <button type="button" aria-pressed={enabled} onClick={() => recorder.setEnabled(!enabled)}>
            Consent {enabled ? 'on' : 'off'}
          </button>
          <button type="button" aria-pressed={offline} onClick={() => setOffline(!offline)}>
            Offline
          </button>
          <button type="button" aria-pressed={overlay} onClick={() => setOverlay(!overlay)}>
            Overlay
          </button>
          {endpointUrl && (
            <a href={endpointUrl} target="_blank" rel="noreferrer">
              Endpoint ↗
            </a>
          )}
          {onClose && (
            <button type="button" aria-label="Close devtools" onClick={onClose}>
              ×
            </button>
          )}
        </div>
        <dl className="stats">
          <Stat name="session" value={sessionId} />
          <Stat name="user" value={userId ?? 'anonymous'} />
          <Stat name="consent" value={enabled ? 'on' : 'off'} />
          <Stat name="queued" value={queued} />
          <Stat name="in flight" value={inFlight} />
          <Stat name="sent" value={sent} />
          <Stat name="retries" value={snapshot.retries} />
          <Stat name="failed" value={failed} />
        </dl>
        <div className="body">
          {tab === 'events' ? (
            <EventList inspector={inspector} events={snapshot.events} paused={snapshot.paused} />
          ) : (
            <ImpressionListsView lists={lists} now={now} />
          )}
        </div>
      </section>
      {overlay && <ImpressionOverlay lists={lists} now={now} />}
    </>
  );
}

function Stat({ name, value }: { name: string; value: string | number }) {
  return (
    <div data-stat={name}>
      <dt>{name}</dt>
      <dd>{value}</dd>
    </div>
  );
}
