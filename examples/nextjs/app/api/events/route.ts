import { createPutEventsHandler } from 'react-personalize/server';

/**
 * The recorder's endpoint: each batch goes to PutEvents with the server's tracking ID. Without
 * PERSONALIZE_ENDPOINT it sends to the local Personalize-compatible endpoint of `npm start` (port 4599), never to
 * AWS; point it at AWS by giving real credentials and no endpoint.
 */
export const POST = createPutEventsHandler({
  trackingId: process.env.PERSONALIZE_TRACKING_ID ?? 'local-tracking-id',
  region: process.env.AWS_REGION ?? 'us-east-1',
  endpoint: process.env.PERSONALIZE_ENDPOINT ?? 'http://127.0.0.1:4599',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  resolveUser: () => ({ userId: 'user-1' }),
});
