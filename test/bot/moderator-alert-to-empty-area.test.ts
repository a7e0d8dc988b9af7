/**
 * An alert that reaches no one is not reported as sent: ALERT or APPROVE
 * naming areas no admitted member gets alerts for (a typo, 212 for 415)
 * says so in the moderator's language, while the alert is kept (CHECK
 * still finds what it names, RETRACT withdraws it). A normal approval's
 * reply is unchanged. Real SQLite file and crypto, through the bot.
 */
import { countAlerts } from '../../src/store/alerts';
import { botWorld, type BotWorld } from '../helpers/bot-world';

const MOD = '+14155550199';
const SF = '+14155550101'; // 415
const SF_OVERLAY = '+16285550102'; // 628, which overlays 415
const REPORTER = '+14155550105';

async function world(): Promise<BotWorld> {
  return botWorld({ moderators: new Set([MOD]), moderatorContacts: [{ channel: 'sms', address: MOD, phone: MOD }] });
}

const mod = (w: BotWorld, text: string): string => w.sms(MOD, text).reply ?? '';

function refIn(text: string | null | undefined): string {
  const ref = /#([A-Z0-9]{4,6})/.exec(text ?? '')?.[1];
  if (!ref) throw new Error(`no reference in ${JSON.stringify(text)}`);
  return ref;
}

/** A report of the moderator's reading: filed, then shown to her (APPROVE sends only what she read). */
function shownReport(w: BotWorld, text: string): string {
  const ref = refIn(w.sms(REPORTER, `REPORT ${text}`).reply);
  mod(w, `SHOW ${ref}`);
  return ref;
}

describe('ALERT to areas no member gets alerts for', () => {
  it('tells the moderator that nobody will receive it, keeps it, and lets RETRACT withdraw it', async () => {
    const w = await world();
    w.sms(SF, 'JOIN');
    const reply = mod(w, 'ALERT 212 grey van, calls from 415-555-0166');
    const ref = refIn(reply);
    expect(reply).toBe(`Alert #${ref} for 212 kept, but no one there gets alerts yet: nobody will receive it. Check the area; RETRACT ${ref} withdraws it.`);
    // Kept: CHECK, for members of any area, still finds what it names.
    expect(countAlerts(w.db)).toBe(1);
    expect(w.sms(SF, 'CHECK 415-555-0166').reply).toMatch(/^Heads Up: that number is in 1 alert, .* in 212\./);
    expect(mod(w, `RETRACT ${ref}`)).toMatch(new RegExp(`^#${ref} retracted`));
  });

  it('answers in her language (Spanish)', async () => {
    const w = await world();
    mod(w, 'LANG ES');
    const reply = mod(w, 'ALERT 212 camioneta gris');
    const ref = refIn(reply);
    expect(reply).toBe(`Alerta #${ref} para 212 guardada, pero alli nadie recibe alertas aun: nadie la recibira. Revisa el area; RETRACT ${ref} la retira.`);
  });

  it('is sent as ever when a member of an area overlaying the one named gets it', async () => {
    const w = await world();
    w.sms(SF_OVERLAY, 'JOIN');
    const reply = mod(w, 'ALERT 415 grey van');
    const ref = refIn(reply);
    expect(reply).toBe(`Alert #${ref} going to 415. RETRACT ${ref} withdraws it. Text: "grey van"`);
  });

  it('is sent as ever when the only member there is on Signal', async () => {
    const w = await world();
    w.bot.handle({ sender: { channel: 'signal', address: '5f0e8d2a-7c41-4b9e-9a3d-2b6c1e0f4a77' }, text: 'JOIN 415', providerId: 'sig-join-1' });
    const reply = mod(w, 'ALERT 415 grey van');
    const ref = refIn(reply);
    expect(reply).toBe(`Alert #${ref} going to 415. RETRACT ${ref} withdraws it. Text: "grey van"`);
  });

  it('tells the operator at the command line too, as a success (the alert is kept)', async () => {
    const w = await world();
    w.sms(SF, 'JOIN');
    const { reply, failed } = w.bot.operate('ALERT 212 nobody here test');
    const ref = refIn(reply);
    expect({ reply, failed }).toEqual({
      reply: `Alert #${ref} for 212 kept, but no one there gets alerts yet: nobody will receive it. Check the area; RETRACT ${ref} withdraws it.`,
      failed: false,
    });
  });

  it('counts no member who stopped', async () => {
    const w = await world();
    w.sms(SF, 'JOIN');
    w.sms(SF, 'STOP');
    const reply = mod(w, 'ALERT 415 grey van');
    expect(reply).toMatch(/^Alert #[A-Z0-9]{4,6} for 415 kept, but no one there gets alerts yet/);
  });
});

describe('APPROVE to areas no member gets alerts for', () => {
  it('tells the moderator that nobody will receive it when the areas she names have no member', async () => {
    const w = await world();
    w.sms(SF, 'JOIN');
    const ref = shownReport(w, '415 brown sedan, hit a worker');
    expect(mod(w, `APPROVE ${ref} 212`)).toBe(`#${ref} approved for 212, but no one there gets alerts yet: nobody will receive it. Check the area; RETRACT ${ref} withdraws it.`);
    expect(countAlerts(w.db)).toBe(1);
  });

  it('answers in her language (French)', async () => {
    const w = await world();
    mod(w, 'LANG FR');
    const ref = shownReport(w, '415 brown sedan, hit a worker');
    expect(mod(w, `APPROVE ${ref}`)).toBe(
      `#${ref} approuvé pour 415, mais personne n'y est encore abonné: personne ne la recevra. Vérifiez la zone; RETRACT ${ref} la retire.`,
    );
  });

  it('keeps the reply of a normal approval', async () => {
    const w = await world();
    w.sms(SF, 'JOIN');
    const ref = shownReport(w, '415 brown sedan, hit a worker');
    expect(mod(w, `APPROVE ${ref}`)).toBe(`#${ref} approved: alert going to 415.`);
  });
});

describe('STATS after an alert to areas no member gets alerts for', () => {
  it('does not count it as sent: it counts alerts issued', async () => {
    const w = await world();
    w.sms(SF, 'JOIN');
    mod(w, 'ALERT 212 grey van, calls from 415-555-0166');
    const stats = mod(w, 'STATS');
    expect(stats).not.toContain('Alerts sent');
    expect(stats).toBe('Members: 1 in all; 415:1. Pending reports: 0. Pending members: 0. Alerts issued: 1.');
  });
});
