// Preloaded into a restore (NODE_OPTIONS=--require): SIGKILL at the moment it renames its staged copy over the database (power cut, OOM kill, docker kill).
const fs = require('node:fs');
const rename = fs.renameSync;
fs.renameSync = function (from, to) {
  if (String(from).endsWith('.restoring')) process.kill(process.pid, 'SIGKILL');
  return rename.apply(this, arguments);
};
