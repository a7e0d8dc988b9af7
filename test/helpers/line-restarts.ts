/** A line started, stopped and started again on the same DATA_DIR with changed settings (the configuration-change tests). */
import fs from 'node:fs';
import path from 'node:path';
import { FakeTwilio } from '../fakes/fake-twilio';
import { ACCOUNT_SID, AUTH_TOKEN, startHarness, tempDir, type Harness } from './harness';

export const MOD = '+14155550199';

/** One area of an AREAS_FILE. */
export interface FileArea {
  code: string;
  names?: string[];
  prefixes?: string[];
}

/** A line whose settings change between starts: each start() opens the same data with the env given. */
export interface RestartedLine {
  fake: FakeTwilio;
  /** The AREAS_FILE path (written by writeAreas). */
  areasFile: string;
  writeAreas(areas: FileArea[], northAmerica?: boolean): void;
  /** Stops the running server, if any, and starts one with MODERATORS and these variables. */
  start(env: Record<string, string>): Promise<Harness>;
  /** The warnings (and errors) the latest start logged, as their messages. */
  warnings(): string[];
  close(): Promise<void>;
}

export async function restartedLine(): Promise<RestartedLine> {
  const fake = new FakeTwilio({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
  await fake.start();
  const dataDir = tempDir();
  const areasFile = path.join(tempDir(), 'areas.json');
  let running: Harness | undefined;
  const stop = async () => {
    await running?.close();
    running = undefined;
  };
  return {
    fake,
    areasFile,
    writeAreas(areas, northAmerica = false) {
      fs.writeFileSync(areasFile, JSON.stringify({ northAmerica, areas }));
    },
    async start(env) {
      await stop();
      running = await startHarness({ dataDir, env: { MODERATORS: MOD, ...env }, twilioApiBaseUrl: fake.url });
      return running;
    },
    warnings() {
      return (running?.logs ?? []).map((l) => JSON.parse(l) as { level: number; msg: string }).filter((l) => l.level >= 40).map((l) => l.msg);
    },
    async close() {
      await stop();
      await fake.stop();
    },
  };
}
