/**
 * French and Portuguese conversations over SMS: keywords, aliases and every
 * reply in the member's language, the join question, LANG listing what the
 * line speaks, and an alert in each member's own language.
 */
import type { FakeTwilio } from '../fakes/fake-twilio';
import { startTwilioLine, waitFor, type Harness } from '../helpers/harness';

const MOD = '+14155550199';
const AMELIE = '+14155550121';
const JOANA = '+14155550122';
const HIDDEN_AREA = '+448000000000';

describe('French and Portuguese members', () => {
  let fake: FakeTwilio;
  let h: Harness;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    ({ fake, h, stop } = await startTwilioLine({ env: { MODERATORS: MOD, SEND_RATE: '1000' } }));
  });
  afterAll(() => stop());

  it('holds a French conversation: join, areas, help, report, check, leave', async () => {
    expect((await h.sms(AMELIE, 'Rejoindre')).message).toBe(
      "Heads Up: vous recevrez les alertes mauvais clients pour 415. SIGNALER + détails pour prévenir. AIDE pour l'aide, STOP pour partir.",
    );
    expect((await h.sms(AMELIE, 'rejoindre 628')).message).toMatch(/pour 415, 628\./);
    expect((await h.sms(AMELIE, 'ZONES')).message).toMatch(/^Heads Up: vos zones d'alerte sont 415, 628\./);
    expect((await h.sms(AMELIE, 'aide')).message).toMatch(/^Heads Up, liste des mauvais clients\. REJOINDRE 415/);
    expect((await h.sms(AMELIE, 'SIGNALER 415 homme en van gris, agressif')).message).toMatch(/^Heads Up: merci\. Le signalement #[A-Z0-9]{4,6} pour 415 est chez une modératrice/);
    expect((await h.sms(AMELIE, 'Vérifier 415-555-0177')).message).toMatch(/^Heads Up: aucune alerte ne cite cela/);
    // 628 overlays 415: its alerts still reach her through 415, and she is told so.
    expect((await h.sms(AMELIE, 'QUITTER 628')).message).toBe(
      'Heads Up: les alertes pour 628 vous arrivent toujours par 415 (zone identique). QUITTER 415 pour ne plus les recevoir.',
    );
    expect((await h.sms(AMELIE, 'blabla')).message).toBe("Heads Up n'a pas compris. Écrivez AIDE pour les commandes.");
  });

  it('holds a Portuguese conversation, and switches language with LANG', async () => {
    expect((await h.sms(JOANA, 'ENTRAR 415')).message).toMatch(/^Heads Up: voce vai receber alertas de clientes perigosos em 415\. .* PARAR para sair\.$/);
    expect((await h.sms(JOANA, 'REGIOES')).message).toMatch(/^Heads Up: suas areas de alerta sao 415\./);
    expect((await h.sms(JOANA, 'DENÚNCIA 415 homem de carro azul, nao pagou')).message).toMatch(/^Heads Up: obrigada\. A denuncia #[A-Z0-9]{4,6} para 415 esta com uma moderadora/);
    expect((await h.sms(JOANA, 'LANG')).message).toBe('Heads Up fala EN, ES, FR, PT: escreva LANG e uma delas, ex. LANG EN.');
    expect((await h.sms(JOANA, 'LANG FR')).message).toBe('Heads Up vous répondra en francais.');
    expect((await h.sms(JOANA, 'ZONES')).message).toMatch(/^Heads Up: vos zones/);
    expect((await h.sms(JOANA, 'PORTUGUÊS')).message).toBe('Heads Up vai responder em portugues.');
  });

  it('asks a member with no area in their language, and takes the answer', async () => {
    expect((await h.sms(HIDDEN_AREA, 'INSCRIPTION')).message).toBe('Heads Up: pour quelle zone voulez-vous des alertes? Répondez avec son code, ex. 415.');
    expect((await h.sms(HIDDEN_AREA, 'san francisco')).message).toMatch(/^Heads Up: vous recevrez les alertes mauvais clients pour 415, 628\./);
  });

  it("sends each member the alert in their own language", async () => {
    await h.sms(AMELIE, 'REJOINDRE 415');
    await h.sms(JOANA, 'ENTRAR 415');
    expect((await h.sms(MOD, 'ALERT 415 grey van near 16th and Mission')).message).toMatch(/^Alert #[A-Z0-9]{4,6} going to 415\. RETRACT [A-Z0-9]{4,6} withdraws it\. Text: "[^"]*"$/);
    await waitFor(() => [AMELIE, JOANA].every((n) => fake.to(n).some((m) => m.body.includes('grey van'))), 5000, 'alerts');
    expect(fake.to(AMELIE).find((m) => m.body.includes('grey van'))!.body).toBe('Alerte Heads Up (415): grey van near 16th and Mission -- STOP pour partir');
    expect(fake.to(JOANA).find((m) => m.body.includes('grey van'))!.body).toBe('Alerta Heads Up (415): grey van near 16th and Mission -- PARAR para sair');
  });
});
