import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { alias } from '../../alias.ts';
import { recommendationsApi } from './recommendationsApi.ts';

/** The storefront demo. `npm start` (scripts/start.mjs) runs it with the local endpoint's URL in `define`. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react(), recommendationsApi()],
  resolve: { alias },
  define: { __PERSONALIZE_ENDPOINT__: JSON.stringify(process.env.PERSONALIZE_ENDPOINT ?? 'http://127.0.0.1:4599') },
  // The SDK is imported lazily on the first send: pre-bundle it now rather than reload the page when it is found.
  optimizeDeps: {
    include: ['@aws-sdk/client-personalize-events', 'react', 'react-dom/client', '@tanstack/react-query'],
  },
  server: { host: '127.0.0.1' },
});
