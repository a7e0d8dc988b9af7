/**
 * A guided report's "where" answer names its area by a name of several words
 * ("Ciudad de México", "los angeles"), as README says names may be and as
 * JOIN reads them, and by several areas with "and" between them ("415 and
 * 510"). Only the first word was looked at: the report went to the reporter's
 * own areas, or she was asked "where?" again and again.
 */
import path from 'node:path';
import { Regions } from '../../src/alerts/regions';
import { findProjectDir } from '../../src/store/find-up';
import type { Sender } from '../../src/phone/identity';
import { botWorld, type BotWorld } from '../helpers/bot-world';

const MX_MOD = '+525555550999';
const GDL_MEMBER = '+523312345602';
const UNCLAIMED = '+529611234501'; // no area of the MX line claims +52961
const NA_MOD = '+14155550199';
const NA_MEMBER = '+14155550111';
const sms = (address: string): Sender => ({ channel: 'sms', address, phone: address });

async function mxWorld(): Promise<BotWorld> {
  const regions = Regions.forLine(path.join(findProjectDir('config'), 'areas.mx.example.json'), 'MX');
  return botWorld({ regions, moderators: new Set([MX_MOD]), moderatorContacts: [sms(MX_MOD)] });
}

async function naWorld(): Promise<BotWorld> {
  const w = await botWorld({ moderators: new Set([NA_MOD]), moderatorContacts: [sms(NA_MOD)] });
  w.sms(NA_MEMBER, 'JOIN 415');
  return w;
}

/** A guided report answering "where" with `where`; DONE's reply. */
function guided(w: BotWorld, from: string, where: string, words = ['REPORTE', '1', 'ayer 11pm']): string | null {
  for (const word of words) w.sms(from, word);
  w.sms(from, where);
  return w.sms(from, 'LISTO').reply;
}

describe('the "where" answer of a guided report', () => {
  it('names an area of several words: a Guadalajara member reporting from Mexico City files for CDMX, not for her own GDL', async () => {
    const w = await mxWorld();
    w.sms(GDL_MEMBER, 'UNIRSE');
    expect(guided(w, GDL_MEMBER, 'Ciudad de México, hotel Las Palmas')).toMatch(/#[A-Z0-9]{4,6}/);
    expect(w.sms(MX_MOD, 'PENDING').reply).toMatch(/\(CDMX\)/);
  });

  it('lets a reporter whose number names no area file by naming it in words', async () => {
    const w = await mxWorld();
    expect(guided(w, UNCLAIMED, 'Ciudad de México, hotel Las Palmas')).toMatch(/#[A-Z0-9]{4,6}/);
  });

  it('names a North American region of two words ("los angeles")', async () => {
    const w = await naWorld();
    expect(guided(w, NA_MEMBER, 'los angeles, motel on Sunset', ['REPORT', '1', 'fri 11pm'])).toMatch(/#/);
    expect(w.sms(NA_MOD, 'PENDING').reply).toMatch(/\(213, 323, 738\)/);
  });

  it('names two areas with "and" between them', async () => {
    const w = await naWorld();
    expect(guided(w, NA_MEMBER, '415 and 510, motel on Mission', ['REPORT', '1', 'fri 11pm'])).toMatch(/#/);
    expect(w.sms(NA_MOD, 'PENDING').reply).toMatch(/\(415, 510\)/);
  });

  // A street number that is a valid NANP code of no place (personal 5XX, 600, premium 900) is the street's.
  it.each([['500 block of Mission'], ['900 Folsom'], ['600 Pine']])('files %p for her own area, not for a code of no place', async (where) => {
    const w = await naWorld();
    expect(guided(w, NA_MEMBER, where, ['REPORT', '1', 'fri 11pm'])).toMatch(/#/);
    expect(w.sms(NA_MOD, 'PENDING').reply).toMatch(/\(415\)/);
  });
});
