export { createPersonalizeTransport, type PersonalizeTransportOptions } from './createPersonalizeTransport';
export { toPutEventsInput } from './toPutEventsInput';
export { toTransportError } from './toTransportError';
