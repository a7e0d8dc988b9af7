/**
 * The line's guard, set up first by the storage part: one server per
 * DATA_DIR (store/server-lock.ts), its lock held until the database has
 * closed; and, once listening, a watch on the database's files (store/
 * open-files.ts). Files removed while the server runs are told once, as an
 * error, with a rescue copy of what it holds (store/rescue-copy.ts) and what
 * to do: what it holds open is otherwise the only copy, lost at its stop.
 */
import type { FastifyInstance } from 'fastify';
import { safeError } from '../log/safe-error';
import { FILES_CHECK_EVERY_MS } from '../store/open-files';
import { writeRescueCopy } from '../store/rescue-copy';
import { takeServerLock } from '../store/server-lock';
import type { ServerOptions } from '../server';
import { adminCommand } from '../util/admin-command';

/** How often the watch runs by default (the files themselves are looked at every FILES_CHECK_EVERY_MS of the server's clock). */
const WATCH_EVERY_MS = 1_000;

/** Takes DATA_DIR's server lock (ServerRunningError while another server runs), releases it last at close, and watches the files once listening. */
export function guardLine(app: FastifyInstance, opts: ServerOptions): void {
  const { config, log } = opts;
  const now = opts.now ?? Date.now;
  const lock = takeServerLock(config.dataDir);
  // onClose hooks run latest first: this one after the database (opened after it) has closed.
  app.addHook('onClose', async () => lock.release());

  let timer: NodeJS.Timeout | null = null;
  // The copy being written: a stop waits for it (closing the database under it would lose the copy, and with it the data).
  let copying: Promise<unknown> | null = null;
  app.addHook('onListen', async () => {
    const db = app.db;
    db.watchFiles();
    // told: the error line is written; busy: a copy is being written; failed: a copy failed (told once, tried again).
    const state = { told: false, busy: false, failed: false, lastTry: -Infinity };
    timer = setInterval(() => {
      const files = db.missingFiles(now());
      if (!files.length || state.told || state.busy || now() - state.lastTry < FILES_CHECK_EVERY_MS) return;
      state.busy = true;
      state.lastTry = now();
      copying = writeRescueCopy(db.sqlite, now()).then(
        (rescue) => {
          state.told = true;
          // Names only: the log may be shipped where DATA_DIR's place is not to be known.
          log.error(
            { files, rescue },
            `files of the database were removed while the server runs: what it writes now no other process can open, and it is lost when the server stops. A copy of what it holds was written to DATA_DIR (rescue): do not kill it before that copy is safe; then stop the server and run ${adminCommand('restore')} with that copy`,
          );
        },
        (err: unknown) => {
          if (!state.failed) {
            // DATA_DIR gone and not to be made again (a file where a folder of its path should be): room is not what is missing.
            const code = (err as { code?: unknown }).code;
            const cure =
              code === 'ENOENT' || code === 'ENOTDIR'
                ? 'make DATA_DIR again (the same path, owned by the server\'s user, mode 700)'
                : 'free room in DATA_DIR, or let the server\'s user write it';
            log.error(
              { files, err: safeError(err) },
              `files of the database were removed while the server runs, and a copy of what it holds could not be written to DATA_DIR: do not stop the server, what it holds open is the only copy; ${cure}, it tries again every few seconds`,
            );
          }
          state.failed = true;
        },
      ).finally(() => {
        state.busy = false;
        copying = null;
      });
    }, opts.lineWatchMs ?? WATCH_EVERY_MS);
    timer.unref();
  });
  // Before any part closes: the database with it.
  app.addHook('preClose', async () => {
    if (timer) clearInterval(timer);
    await copying;
  });
}
