#!/usr/bin/env node
// The package's `bin`: `react-personalize endpoint --port 4599` starts the local endpoint.
import { runCli } from './endpoint/runCli';

runCli(process.argv.slice(2)).then(({ exitCode, endpoint }) => {
  if (!endpoint) {
    process.exitCode = exitCode;
    return;
  }
  const stop = () => {
    void endpoint.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
});
