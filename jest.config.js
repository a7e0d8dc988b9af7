/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // The production tree test is slow (a clean install): `npm run test:image`, its own CI step.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/image/'],
  // ts-jest only transpiles (isolatedModules): `tsc --noEmit` in `npm test`
  // does the type checking once for the whole tree, not once per test file.
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: { isolatedModules: true, module: 'commonjs', target: 'ES2022', esModuleInterop: true, resolveJsonModule: true } }] },
  testTimeout: 30000,
};
