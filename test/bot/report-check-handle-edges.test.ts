/** Report, APPROVE, CHECK: a handle shaped like a file name's start, a threads.com link, and italics after a label. */
import { catalog } from '../../src/bot/catalog';
import type { BotWorld } from '../helpers/bot-world';
import { MEMBER, MOD, REPORTER, reportWorld } from '../helpers/report-world';

const say = (w: BotWorld, from: string, text: string) => w.sms(from, text).reply ?? '';

async function approved(report: string): Promise<BotWorld> {
  const w = await reportWorld();
  const ref = /#([A-Z0-9]{4,6})/.exec(say(w, REPORTER, report))?.[1] ?? 'none';
  expect(say(w, MOD, `APPROVE ${ref}`)).toBe(`#${ref} approved: alert going to 415.`);
  return w;
}

describe('CHECK of a handle an approved report gave', () => {
  it('finds "his ig is photo_4you" by @photo_4you', async () => {
    const w = await approved('REPORT 415 choked me, his ig is photo_4you');
    expect(say(w, MEMBER, 'CHECK @photo_4you')).toMatch(/^Heads Up: that handle is in 1 alert/);
  });

  it('finds a threads.com link by its handle', async () => {
    const w = await approved('REPORT 415 choked me, his threads https://www.threads.com/@rickysf?xmt=AQGzAbCdEf');
    expect(say(w, MEMBER, 'CHECK @rickysf')).toMatch(/^Heads Up: that handle is in 1 alert/);
  });

  it('finds nothing by half of an italic phrase after a label ("his insta was _totally fake_")', async () => {
    const w = await approved('REPORT 415 choked me, his insta was _totally fake_');
    expect(say(w, MEMBER, 'CHECK @_totally')).toBe(catalog('en').checkNone());
  });
});
