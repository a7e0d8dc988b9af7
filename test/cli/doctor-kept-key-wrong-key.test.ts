/**
 * doctor's kept-key warning compares each kept copy with the key the line
 * opens with. Given a wrong key, it must not tell the operator to delete
 * copies sealed under the line's real key as if they were another key's.
 */
import { runDoctor } from '../../src/cli/doctor';
import { TEST_MASTER_KEY } from '../helpers/harness';
import { lineWithReplacedCopy } from './replaced-line';

it('with a key that does not open the line, doctor fails the key and says nothing of kept copies', async () => {
  const { dataDir, replaced } = await lineWithReplacedCopy();

  const wrong = Buffer.alloc(32, 99).toString('base64');
  const checks = await runDoctor({ NODE_ENV: 'test', DATA_DIR: dataDir, HEADSUP_MASTER_KEY: wrong, PUBLIC_URL: 'https://headsup.example.org' });
  const key = checks.find((c) => c.name === 'key');
  expect(key?.ok).toBe(false);
  expect(key?.detail).toContain('does not open this database');
  expect(checks.filter((c) => c.name === 'kept key')).toEqual([]);
  // The copy a restore replaced is still named, as a restore's leftover.
  expect(checks.some((c) => c.name === 'restore' && c.detail.includes(replaced))).toBe(true);

  // With the line's own key, the copy under that same key is no other key's either.
  const right = await runDoctor({ NODE_ENV: 'test', DATA_DIR: dataDir, HEADSUP_MASTER_KEY: TEST_MASTER_KEY, PUBLIC_URL: 'https://headsup.example.org' });
  expect(right.find((c) => c.name === 'key')?.ok).toBe(true);
  expect(right.filter((c) => c.name === 'kept key')).toEqual([]);
}, 60_000);
