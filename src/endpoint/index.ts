export type { InjectedFault, LocalEndpointFaults } from './createFaultInjector';
export { CLI_USAGE, type CliOutput, type CliResult, runCli } from './runCli';
export {
  LOCAL_CREDENTIALS,
  type LocalEndpoint,
  type LocalEndpointEvent,
  type LocalEndpointOptions,
  type LocalEndpointRequest,
  type SignatureVerdict,
  startLocalEndpoint,
} from './startLocalEndpoint';
export {
  type LocalCredentials,
  type SignedRequest,
  type SigV4Verdict,
  type VerifySigV4Options,
  verifySigV4,
} from './verifySigV4';
