#!/usr/bin/env node
/**
 * Prints the mutation score of the reports `npm run mutate` writes under
 * reports/mutation/: per file, per pass and for both passes together.
 * "score" counts killed and timed-out mutants as caught, as Stryker does;
 * "by assertion" counts only killed ones (issue 16 wants at least 85 %).
 */
import fs from 'node:fs';
import path from 'node:path';

const dir = path.resolve(process.argv[2] ?? 'reports/mutation');
const names = fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
// One report per pass, named by stryker*.config.json: 1-stateful.json, 2-pure.json.
// A pass stopped before its end wrote no report, only its events (events-1/, events-2/): read those instead.
const passes = names.filter((f) => /^\d-.*\.json$/.test(f));
for (const events of names.filter((f) => /^events-\d$/.test(f))) {
  if (!passes.some((f) => f.startsWith(`${events.slice(-1)}-`))) passes.push(events);
}
passes.sort((a, b) => a.replace('events-', '').localeCompare(b.replace('events-', '')));
if (passes.length === 0) {
  console.error(`no mutation reports in ${dir}: run npm run mutate first`);
  process.exit(1);
}

/** The report's shape ({ files: { name: { mutants } } }) from the mutants tested so far, one event file each. */
function fromEvents(eventsDir) {
  const files = {};
  for (const f of fs.readdirSync(eventsDir).filter((n) => n.endsWith('-onMutantTested.json'))) {
    const m = JSON.parse(fs.readFileSync(path.join(eventsDir, f), 'utf8'));
    const name = path.relative(process.cwd(), m.fileName);
    (files[name] ??= { mutants: [] }).mutants.push(m);
  }
  console.log(`(${path.basename(eventsDir)}: a run that did not finish; the mutants it tested)`);
  return { files };
}

const empty = () => ({ Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, Ignored: 0, CompileError: 0, RuntimeError: 0 });
const line = (name, c) => {
  const valid = c.Killed + c.Timeout + c.Survived + c.NoCoverage;
  const pct = (n) => (valid ? ((100 * n) / valid).toFixed(1) : '-');
  return `${name.padEnd(46)} ${String(valid).padStart(5)} valid  score ${pct(c.Killed + c.Timeout).padStart(5)} %  by assertion ${pct(c.Killed).padStart(5)} %  survived ${c.Survived}  no coverage ${c.NoCoverage}  timeout ${c.Timeout}  ignored ${c.Ignored}`;
};

const all = empty();
for (const file of passes) {
  const report = file.startsWith('events-') ? fromEvents(path.join(dir, file)) : JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  const pass = empty();
  console.log(`\n${file}`);
  for (const [name, f] of Object.entries(report.files).sort()) {
    const c = empty();
    for (const m of f.mutants) c[m.status] = (c[m.status] ?? 0) + 1;
    for (const k of Object.keys(c)) {
      pass[k] = (pass[k] ?? 0) + c[k];
      all[k] = (all[k] ?? 0) + c[k];
    }
    console.log(line(`  ${name}`, c));
  }
  console.log(line('  pass total', pass));
}
console.log(`\n${line('ALL PASSES', all)}`);
