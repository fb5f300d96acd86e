export {
  createPutEventsHandler,
  type PutEventsHandlerOptions,
  type ResolvedUser,
} from './createPutEventsHandler';
export { type NodeHandler, toNodeHandler } from './toNodeHandler';
