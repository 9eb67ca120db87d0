import type { Reporter, SerializedError, TestModule } from 'vitest/node';

/**
 * Ends the run with one plain line, "Tests: N passed, N failed, N skipped", that CI can read,
 * and fails a run that executed no test at all (a broken config once made Vitest exit 0 here), any
 * failed test, or a test file that failed before its tests ran (it throws while loading or in a
 * hook: it has no failed test to count, and once passed as green), whatever exit code a library's
 * exit hook asks for.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const module of testModules) {
      // A file that failed outside its tests counts as one failure of its own.
      if (module.errors().length > 0) counts.failed++;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') counts.passed++;
        else if (state === 'failed') counts.failed++;
        else counts.skipped++;
      }
    }
    counts.failed += unhandledErrors.length;
    process.stdout.write(`\nTests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`);
    if (counts.passed === 0 || counts.failed > 0) {
      process.exitCode = 1;
      // async-exit-hook, once anything loaded in this process registers it, calls process.exit(0)
      // on 'beforeExit' and so would turn a failed run into a green one.
      process.on('exit', () => {
        process.exitCode = 1;
      });
    }
  }
}
