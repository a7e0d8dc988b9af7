// Check-in times name their day when it is not today, in TZ: the tests' fixed clocks are read in UTC
// whatever the machine's zone (tests of another zone set TZ themselves).
process.env.TZ = 'UTC';

/** @type {import('jest').Config} */
module.exports = {
  // Jest's node environment, plus a temporary directory per test file removed when the file ends.
  testEnvironment: '<rootDir>/test/helpers/test-environment.js',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // The production tree test is slow (a clean install): `npm run test:image`, its own CI step.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/image/'],
  // ts-jest only transpiles (isolatedModules): `tsc --noEmit` in `npm test`
  // does the type checking once for the whole tree, not once per test file.
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: { isolatedModules: true, module: 'commonjs', target: 'ES2022', esModuleInterop: true, resolveJsonModule: true } }],
    // cookie 2 ships only ES modules; light-my-request (Fastify's inject) requires it,
    // which Node allows and Jest's module loader does not: transpile it to CommonJS.
    '/node_modules/cookie/.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, isolatedModules: true, module: 'commonjs', target: 'ES2022' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!cookie/)'],
  testTimeout: 30000,
  // Two test files at once, also on a 2-core machine (jest's default there is one): most files wait on child
  // processes, timers and loopback HTTP, not the CPU. Measured on this project's 2-core machine, one run each:
  // 4,844 tests in 591 s with one worker, 322 s with two, none failing.
  maxWorkers: 2,
};
