'use client';
import { type ReactNode, useState } from 'react';
import { createHttpTransport, createRecorder, PersonalizeProvider } from 'react-personalize';

/** One recorder for the browser tab, sending to this app's own route (app/api/events/route.ts). */
export function Providers({ children }: { children: ReactNode }) {
  const [recorder] = useState(() => createRecorder({ transport: createHttpTransport({ url: '/api/events' }) }));
  return <PersonalizeProvider recorder={recorder}>{children}</PersonalizeProvider>;
}
