// Global setup of the browser project (runs in Node): one local Personalize endpoint on 127.0.0.1 for the tests
// in Chromium, which reach it cross-origin (so CORS preflights are real).
import type { TestProject } from 'vitest/node';
import { startLocalEndpoint } from '../../src/endpoint';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the local endpoint (SigV4 with LOCAL_CREDENTIALS, any origin). */
    localEndpointUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const endpoint = await startLocalEndpoint({ region: 'us-east-1' });
  project.provide('localEndpointUrl', endpoint.url);
  return () => endpoint.close();
}
