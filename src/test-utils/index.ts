export { createMemoryTransport, type MemoryFailure, type MemoryTransport } from './createMemoryTransport';
