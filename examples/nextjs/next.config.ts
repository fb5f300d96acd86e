import type { NextConfig } from 'next';

const config: NextConfig = {
  // No telemetry prompt, no powered-by header: nothing the example needs.
  poweredByHeader: false,
};

export default config;
