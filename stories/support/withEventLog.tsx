import { type ComponentType, useState } from 'react';
import { usePersonalize } from 'react-personalize';
import { ActivityLogContext } from './ActivityLogContext';
import { createActivityLog } from './createActivityLog';
import { EventLog } from './EventLog';

function EventLogFrame({ Story }: { Story: ComponentType }) {
  const recorder = usePersonalize();
  // Made during render, before any effect of the story: what a story records on mount is in the log.
  const [log] = useState(() => createActivityLog(recorder));
  return (
    <ActivityLogContext.Provider value={log}>
      <div className="rp-frame">
        <main className="rp-stage">
          <Story />
        </main>
        <EventLog />
      </div>
    </ActivityLogContext.Provider>
  );
}

/** Puts the on-screen event log beside every story; needs a recorder from `withPersonalize` around it. */
export function withEventLog(Story: ComponentType) {
  return <EventLogFrame Story={Story} />;
}
