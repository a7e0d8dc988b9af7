/** `npm run test:image`: the production tree test, slow (a clean install), run as its own CI step. */
const base = require('./jest.config.js');

module.exports = { ...base, testMatch: ['**/test/image/**/*.test.ts'], testPathIgnorePatterns: ['/node_modules/'], testTimeout: 120000 };
