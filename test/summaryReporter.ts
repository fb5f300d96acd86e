import type { Reporter, TestModule } from 'vitest/node';

/**
 * Prints, last, the one closing line CI reads: `Tests: N passed, N failed, N skipped`.
 * A test file that fails to load, and an unhandled error, each count as a failure.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = unhandledErrors.length;
    let skipped = 0;
    for (const module of testModules) {
      let count = 0;
      for (const test of module.children.allTests()) {
        count++;
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
      if (count === 0 || (module.state() === 'failed' && [...module.children.allTests('failed')].length === 0)) {
        if (module.state() === 'failed') failed++;
      }
    }
    // Let the default reporter's summary go first.
    process.stdout.write(`\nTests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
