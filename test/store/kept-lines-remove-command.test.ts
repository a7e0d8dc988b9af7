/**
 * The rm printed for kept copies names them by absolute path: DATA_DIR is
 * ./data by default, and an rm -f of relative names run from another folder
 * deletes nothing and says nothing.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { removeCommand } from '../../src/store/kept-lines';
import { tempDir } from '../helpers/harness';

it('the printed rm, run from another folder, deletes a kept copy named by a relative path', () => {
  const dataDir = tempDir();
  const kept = path.join(dataDir, 'heads-up.db.replaced-2026-12-08T03-00-00Z');
  fs.writeFileSync(kept, 'a kept copy');
  fs.writeFileSync(`${kept}-wal`, 'its log');
  const relative = path.relative(process.cwd(), kept);
  expect(path.isAbsolute(relative)).toBe(false);

  const rm = removeCommand([relative]);
  expect(rm).toContain(`'${kept}'`);
  execFileSync('sh', ['-c', rm], { cwd: tempDir() });
  expect(fs.existsSync(kept)).toBe(false);
  expect(fs.existsSync(`${kept}-wal`)).toBe(false);
});
