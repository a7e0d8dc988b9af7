/**
 * The suite's environment (jest's node environment with a temporary folder per
 * test file, test/helpers/test-environment.js), for Stryker's runs only (`jest.config.testEnvironment`
 * in stryker*.config.json): in a mutant's run, once one test has failed, the
 * tests after it in the file are skipped.
 *
 * Why: one failing test kills a mutant, but jest cannot stop at the first
 * failure inside a file (its `bail` counts whole files, and Stryker turns it
 * off), so a killed mutant whose code every test's set-up reaches ran every
 * one of those tests. The mutant's status is the same either way: killed
 * when a test fails, survived when none does (nothing is skipped then).
 *
 * How: jest-circus announces each test (`test_start`) before it decides
 * whether to skip it; a test marked `skip` at that moment is skipped. Outside
 * a mutant's run (Stryker's first run, plain jest) nothing changes.
 */
const NodeEnvironment = require('../test/helpers/test-environment.js');

const mutantActive = () => process.env.__STRYKER_ACTIVE_MUTANT__ !== undefined;

class BailingEnvironment extends NodeEnvironment {
  failed = false;

  async handleTestEvent(event) {
    if (!mutantActive()) return;
    if (event.name === 'test_done' && event.test.errors.length > 0) this.failed = true;
    else if (event.name === 'test_start' && this.failed) event.test.mode = 'skip';
  }
}

module.exports = BailingEnvironment;
