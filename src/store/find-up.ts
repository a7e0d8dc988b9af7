/** Locates a project folder (migrations/, config/) from src/ under tsx or dist/ after a build. */
import fs from 'node:fs';
import path from 'node:path';

/** The nearest ancestor of this file's folder that contains `name`, joined with it. */
export function findProjectDir(name: string): string {
  let dir = __dirname;
  for (;;) {
    const candidate = path.join(dir, name);
    if (fs.existsSync(candidate) && fs.existsSync(path.join(dir, 'package.json'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the project's ${name}/ folder`);
    dir = parent;
  }
}
