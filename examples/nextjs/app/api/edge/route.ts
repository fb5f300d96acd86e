import { createRecorder, validateEvent } from 'react-personalize';

export const runtime = 'edge';

/** Edge code calling core functions of the root entry: a recorder sends one event through a transport of its own. */
export async function GET() {
  const sent: string[] = [];
  const recorder = createRecorder({
    transport: {
      async send(batch) {
        for (const event of batch.eventList) sent.push(event.itemId ?? '');
      },
    },
  });
  recorder.record({ eventType: 'click', itemId: 'edge-item' });
  await recorder.flush();
  return Response.json({ issues: validateEvent({ eventType: 'click', itemId: 'edge-item' }), sent });
}
