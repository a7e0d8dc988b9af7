// Preloaded into a restore (NODE_OPTIONS=--require): SIGKILL just after it renames its staged copy over the database, before its check ends.
const fs = require('node:fs');
const rename = fs.renameSync;
fs.renameSync = function (from, to) {
  const r = rename.apply(this, arguments);
  if (String(from).endsWith('.restoring')) process.kill(process.pid, 'SIGKILL');
  return r;
};
