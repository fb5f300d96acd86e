import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createRecorder } from 'react-personalize';
import { createPersonalizeTransport } from 'react-personalize/aws';
import { App } from './App';
import './styles.css';

/** The local endpoint stands in for Amazon Personalize: same protocol, same SDK, no AWS account. */
const endpoint = __PERSONALIZE_ENDPOINT__;

const recorder = createRecorder({
  transport: createPersonalizeTransport({
    trackingId: 'storefront-demo',
    region: 'us-east-1',
    endpoint,
    // The local endpoint's test key pair (LOCAL_CREDENTIALS): it checks the SDK's SigV4 signature against it. In a
    // real app this is a Cognito identity pool's guest credentials, never a key in the bundle.
    credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local-secret' },
  }),
});

const queryClient = new QueryClient();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App recorder={recorder} endpoint={endpoint} />
    </QueryClientProvider>
  </StrictMode>,
);
