export { createMemoryStorage, type MemoryStorage } from './createMemoryStorage';
export { createMemoryTransport, type MemoryFailure, type MemoryTransport } from './createMemoryTransport';
export { createTestRecorder, type TestRecorder, type TestRecorderOptions } from './createTestRecorder';
export {
  mockAllIsIntersecting,
  mockIsIntersecting,
  resetIntersectionMocking,
  setupIntersectionMocking,
} from './setupIntersectionMocking';
