/**
 * The queue writers of one page (one JS realm): which are alive, never taken over by another recorder of the same
 * page, and which the page has had, closed ones too, all taken over at once by the tab's next page (a page may have
 * several recorders, and a recorder closed without waiting may leave events).
 */
export interface WriterRegistry {
  /** A recorder's queue store starts writing. */
  add(writerId: string): void;
  /** A writer is gone for good (its recorder closed): other recorders of the page may take over what it left. */
  retire(writerId: string): void;
  /** Whether the writer is alive in this page. */
  isActive(writerId: string): boolean;
  /** Every writer this page has had, in the order they started. */
  pageWriters(): string[];
}

/** A registry of its own: a test stands in for a new page with a fresh one. */
export function createWriterRegistry(): WriterRegistry {
  const active = new Set<string>();
  const page = new Set<string>();
  return {
    add(writerId) {
      active.add(writerId);
      page.add(writerId);
    },
    retire: (writerId) => {
      active.delete(writerId);
    },
    isActive: (writerId) => active.has(writerId),
    pageWriters: () => [...page],
  };
}

/** This page's registry, made at the first call (never at import). */
let pageRegistry: WriterRegistry | undefined;

/** The registry of this page (this copy of the library), shared by every recorder in it. */
export function pageWriterRegistry(): WriterRegistry {
  pageRegistry ??= createWriterRegistry();
  return pageRegistry;
}
