import type { Browser, BrowserContext, Page } from 'playwright';
import type { LocalEndpoint } from '../../src/endpoint';

export interface DeliveryLab {
  base: string;
  endpoint: LocalEndpoint;
  browser: Browser;
  hang(count: number): void;
  down(isDown: boolean): void;
  open(context: BrowserContext, query?: string): Promise<Page>;
  record(tab: Page, count: number, prefix: string): Promise<string[]>;
  errors(tab: Page): Promise<{ code: string; message: string; eventIds: number }[]>;
  deliveries(ids: string[]): number[];
  lastArrival(ids: string[]): number | undefined;
  arrived(ids: string[]): () => boolean;
  reset(): void;
  close(): Promise<void>;
}

export declare function waitFor(check: () => boolean | Promise<boolean>, what: string, timeout?: number): Promise<void>;
export declare function startDeliveryLab(options: {
  sources: { core: string; aws: string };
  endpoint: unknown;
  server: unknown;
}): Promise<DeliveryLab>;
export declare const FILL_STORAGE: () => void;
export declare const BLOCK_STORAGE: () => void;
export declare function reloadDuringReconnect(
  lab: DeliveryLab,
  options?: { transport?: 'aws' | 'http'; delay?: number },
): Promise<{ ids: string[]; deliveries: number[] }>;
export declare function deadTab(
  lab: DeliveryLab,
  options?: { how?: 'close' | 'crash' },
): Promise<{ ids: string[]; own: string[]; deliveries: number[]; seconds: number }>;
export declare function hungRequests(
  lab: DeliveryLab,
  options?: { requestTimeout?: number; events?: number },
): Promise<{
  ids: string[];
  deliveries: number[];
  lost: number;
  errors: { code: string; message: string; eventIds: number }[];
}>;
