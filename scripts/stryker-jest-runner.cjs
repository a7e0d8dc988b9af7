/**
 * Jest's own test runner, for Stryker's runs only (`jest.config.runner` in
 * stryker*.config.json): a mutant's run loads only the test files that hold
 * a test Stryker asks for.
 *
 * Why: for each mutant Stryker asks jest for the files related to the mutated
 * file (`--findRelatedTests`) and the tests that cover the mutant
 * (`--testNamePattern`). Jest loads every related file, a fresh module
 * registry each, to find the few tests that match: for a bot or store module
 * that is about ten files and most of a mutant's time, while the covering
 * tests sit in one or two of them.
 *
 * How: during Stryker's first run (no mutant active, no name pattern) this
 * records which file each test's full name comes from, in the sandbox; in a
 * mutant's run it drops the related files that hold no test matching the
 * pattern. Jest would run no test in those files anyway, so the result is the
 * same. Without the record (or outside Stryker) it runs what jest gives it.
 *
 * Static mutants (code that runs when a module loads, or in a worker loop
 * between tests) have no covering tests, and jest would re-run every related
 * file for each: for a bot module that is thirty files, most of which reach
 * it only through others. For those this runs only the module's own tests:
 * the files that import it themselves, and those named after it
 * (`src/outbox/lane.ts` -> `lane-answers.test.ts`, `lane-rows.test.ts`), when there
 * are any. That can only lose a kill, never invent one: a static mutant its
 * own tests miss is reported as surviving.
 *
 * A mutant's run also stops at the first file with a failing test (within a
 * file, scripts/stryker-jest-environment.cjs skips the tests after the first
 * failure): one failure kills the mutant, and a survivor runs every file.
 */
const fs = require('node:fs');
const path = require('node:path');
const TestRunner = require('jest-runner').default;

const RECORD = path.join(process.cwd(), '.stryker-test-files.json');
const mutantActive = () => process.env.__STRYKER_ACTIVE_MUTANT__ !== undefined;

/** Test full name -> the files that hold a test of that name, read once per process. */
let filesByName = null;

function readRecord() {
  if (filesByName === null && fs.existsSync(RECORD)) filesByName = new Map(Object.entries(JSON.parse(fs.readFileSync(RECORD, 'utf8'))));
  return filesByName;
}

/** The files holding a test the pattern selects, or null when the record cannot tell. */
function filesMatching(pattern) {
  const record = readRecord();
  if (record === null) return null;
  const selects = new RegExp(pattern, 'i');
  const files = new Set();
  for (const [name, paths] of record) if (selects.test(name)) for (const p of paths) files.add(p);
  return files;
}

const withoutExtension = (file) => file.replace(/\.[cm]?[jt]s$/, '');

/** A test file's relative imports, as absolute paths without extension, read once per process. */
const importsByFile = new Map();
const IMPORT = /(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g;

function importsOf(testPath) {
  if (!importsByFile.has(testPath)) {
    const source = fs.readFileSync(testPath, 'utf8');
    importsByFile.set(testPath, new Set([...source.matchAll(IMPORT)].map((m) => withoutExtension(path.resolve(path.dirname(testPath), m[1])))));
  }
  return importsByFile.get(testPath);
}

/** The module's own test files: those that import it, and those named `<name>.test.ts` or `<name>-<more>.test.ts`. */
function ownTests(tests, modulePath) {
  const target = withoutExtension(path.resolve(modulePath));
  const name = path.basename(target);
  return tests.filter((t) => {
    const base = path.basename(t.path);
    return base === `${name}.test.ts` || (base.startsWith(`${name}-`) && base.endsWith('.test.ts')) || importsOf(t.path).has(target);
  });
}

class StrykerJestRunner extends TestRunner {
  async runTests(tests, watcher, options) {
    const pattern = this._globalConfig.testNamePattern;
    if (pattern && mutantActive()) {
      const files = filesMatching(pattern);
      return this.untilFailure(files === null ? tests : tests.filter((t) => files.has(t.path)), watcher, options);
    }
    if (mutantActive() && !pattern) {
      // A static mutant: --findRelatedTests names the mutated module.
      const [mutated] = this._globalConfig.nonFlagArgs ?? [];
      const own = mutated === undefined ? [] : ownTests(tests, mutated);
      return this.untilFailure(own.length > 0 ? own : tests, watcher, options);
    }
    if (pattern) return super.runTests(tests, watcher, options);
    // The first run: every test runs; note where each one lives.
    const record = {};
    const stop = this.on('test-file-success', ([test, result]) => {
      for (const r of result.testResults) (record[r.fullName] ??= []).push(test.path);
    });
    try {
      return await super.runTests(tests, watcher, options);
    } finally {
      stop();
      fs.writeFileSync(RECORD, JSON.stringify(record));
    }
  }

  /** Runs the files one after another, none after the first that has a failing test. */
  async untilFailure(tests, watcher, options) {
    let failed = false;
    const stops = [
      this.on('test-file-success', ([, result]) => {
        if (result.numFailingTests > 0 || result.testExecError) failed = true;
      }),
      this.on('test-file-failure', () => {
        failed = true;
      }),
    ];
    try {
      for (const test of tests) {
        if (failed) break;
        await super.runTests([test], watcher, options);
      }
    } finally {
      for (const stop of stops) stop();
    }
  }
}

module.exports = StrykerJestRunner;
