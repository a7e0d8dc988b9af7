// Preloaded (node --require) into an admin run by admin-rotate-key.test.ts: SIGKILL at the first
// wal_checkpoint(TRUNCATE), rotate-key's after its last commit, as a kill or a power cut during
// that checkpoint (slow on a large line) would.
const Database = require('better-sqlite3');
const pragma = Database.prototype.pragma;
Database.prototype.pragma = function (source, options) {
  if (/wal_checkpoint\(TRUNCATE\)/i.test(source)) process.kill(process.pid, 'SIGKILL');
  return pragma.call(this, source, options);
};
