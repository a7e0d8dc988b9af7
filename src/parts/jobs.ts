/**
 * Timed jobs: the WAL checkpoint every second (so no webhook pays for one),
 * check-in timers every second (due reminders and escalations become urgent
 * outbox rows, issue 13), lapsed report drafts every minute (filed or
 * dropped, the member told, issue 11; the clock followed every second) and
 * retention every hour. The two deadline jobs follow the wall clock with the
 * followers the messages read too (parts/inbound.ts, DeadlineClocks). They run while the
 * server listens (the two deadline jobs once what waited while it was down
 * has been handled: an OK sent before her deadline counts, catchUp; after
 * a sleep likewise, resumeGate) and stop first when it closes.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { lineExamples } from '../bot/line-examples';
import { CheckinTimers } from '../jobs/checkin-timers';
import { ReportDrafts } from '../jobs/report-drafts';
import { runRetentionInTurns, scheduleRetention } from '../jobs/retention';
import type { ServerOptions } from '../server';

async function jobs(app: FastifyInstance, opts: ServerOptions): Promise<void> {
  const { config, log } = opts;
  const now = opts.now ?? Date.now;
  const { db, metrics } = app;
  const stops: Array<() => unknown> = [];
  // Check-in timers are rows: this job turns due ones into urgent outbox rows (issue 13).
  const checkinTimers = new CheckinTimers({
    db,
    vault: app.vault,
    log,
    fallback: config.checkin.fallback,
    checkins: config.checkin,
    moderatorContacts: app.moderatorContacts,
    examples: lineExamples(app.regions),
    wake: () => app.dispatcher.wake(),
    now,
    pollMs: opts.checkinPollMs,
    clock: app.deadlineClocks.checkins,
    gate: app.resumeGate,
    onRun: (run) => {
      for (const event of ['reminded', 'escalated', 'failed', 'unreached'] as const) if (run[event]) metrics.checkinTimers.inc({ event }, run[event]);
    },
  });
  // Lapsed report drafts are filed or dropped (issue 11); open questions lapse too.
  const reportDrafts = new ReportDrafts({ db, log, now, expire: () => app.expireDrafts(), clock: app.deadlineClocks.conversations, gate: app.resumeGate });
  app.addHook('onListen', async () => {
    stops.push(() => checkinTimers.stop());
    stops.push(() => reportDrafts.stop());
    app.catchUp.whenDone('starting the deadline jobs', () => {
      checkinTimers.start();
      reportDrafts.start();
    });
    stops.push(db.checkpointEvery(1_000));
    stops.push(
      scheduleRetention(log, async () => {
        const erased = await runRetentionInTurns(db, config.retentionDays, now());
        log.info({ erased }, 'retention run');
      }),
    );
  });
  app.addHook('onClose', async () => {
    for (const stop of stops) await stop();
  });
}

export default fp(jobs, { name: 'jobs', dependencies: ['inbound'] });
