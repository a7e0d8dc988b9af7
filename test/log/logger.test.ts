import { createLogger } from '../../src/log/logger';

const NUMBER_FORMS = ['+14155550100', '14155550100', '4155550100', '(415) 555-0100', '415-555-0100', '415.555.0100'];

/** A logger at debug level writing into an array, and the lines parsed. */
function collecting() {
  const lines: string[] = [];
  const log = createLogger('debug', { write: (line: string) => void lines.push(line) });
  return { log, lines, parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

function expectNoNumber(text: string): void {
  for (const form of NUMBER_FORMS) expect(text).not.toContain(form);
  expect(text).not.toMatch(/555.?0100/);
}

describe('createLogger', () => {
  it('writes one JSON line per call with an ISO time, not an epoch that would look like a number', () => {
    const { log, parsed } = collecting();
    log.info({ outboxId: 12 }, 'sent');
    const [line] = parsed();
    expect(line).toMatchObject({ level: 30, msg: 'sent', outboxId: 12 });
    expect(String(line?.time)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('redacts request bodies and signature, authorization and cookie headers by path', () => {
    const { log, lines, parsed } = collecting();
    log.info(
      {
        req: {
          method: 'POST',
          body: 'Body=grey+van&From=%2B14155550100',
          headers: { 'x-twilio-signature': 'c2lnbmF0dXJl', authorization: 'Basic dXNlcjpwYXNz', cookie: 'sid=abc', 'content-type': 'x' },
        },
      },
      'request',
    );
    const line = parsed()[0] as { req: { body: string; headers: Record<string, string> } };
    expect(line.req.body).toBe('[redacted]');
    expect(line.req.headers['x-twilio-signature']).toBe('[redacted]');
    expect(line.req.headers.authorization).toBe('[redacted]');
    expect(line.req.headers.cookie).toBe('[redacted]');
    expect(line.req.headers['content-type']).toBe('x');
    expect(lines.join('')).not.toContain('grey+van');
    expect(lines.join('')).not.toContain('c2lnbmF0dXJl');
  });

  it('redacts top-level body, text, from, to and params, and any child body', () => {
    const { log, lines } = collecting();
    log.info({ body: 'grey van', text: 'grey van', from: 'a', to: 'b', params: { x: 1 }, msg2: { body: 'grey van' } }, 'fields');
    const line = JSON.parse(lines[0] as string) as Record<string, unknown>;
    for (const k of ['body', 'text', 'from', 'to', 'params']) expect(line[k]).toBe('[redacted]');
    expect(lines.join('')).not.toContain('grey van');
  });

  it.each(NUMBER_FORMS)('scrubs the number %s from the message', (form) => {
    const { log, lines } = collecting();
    log.warn(`could not reach ${form} today`);
    expect(lines).toHaveLength(1);
    expectNoNumber(lines.join(''));
    expect(lines[0]).toMatch(/could not reach \(?\[redacted\] today/);
  });

  it('scrubs numbers and Signal ids in nested objects and arrays', () => {
    const { log, lines } = collecting();
    log.info({ member: { contact: { phone: '(415) 555-0100', ids: ['4155550100', '0f0e0d0c-0b0a-4908-8706-050403020100'] } } }, 'nested');
    const text = lines.join('');
    expectNoNumber(text);
    expect(text).not.toContain('0f0e0d0c');
    expect(text).toContain('nested');
  });

  it('scrubs numbers in errors: message, stack and custom properties', () => {
    const { log, lines } = collecting();
    const err = Object.assign(new Error('Attempt to send to +14155550100 failed'), { to: '415-555-0100', moreInfo: 'see 415.555.0100' });
    log.error({ err }, 'send failed');
    log.error(err);
    const text = lines.join('');
    expect(lines).toHaveLength(2);
    expectNoNumber(text);
    expect(text).toContain('Attempt to send to [redacted] failed');
  });

  it('scrubs child logger bindings', () => {
    const { log, lines } = collecting();
    log.child({ member: '+14155550100' }).info('hello');
    expectNoNumber(lines.join(''));
  });

  it('keeps JSON numbers and dates intact, and every line parses as JSON', () => {
    const { log, lines, parsed } = collecting();
    log.info({ bytes: 17179869184, at: 1733097600000, since: '2024-05-01 12:34:56', to: undefined }, 'checkpoint');
    log.info({ member: '+14155550100', sizes: [4155550100] }, 'mixed');
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    const [first, second] = parsed() as Array<Record<string, unknown>>;
    expect(first).toMatchObject({ bytes: 17179869184, at: 1733097600000, since: '2024-05-01 12:34:56' });
    expect(second).toMatchObject({ member: '[redacted]', sizes: [4155550100] });
  });

  it('never writes the raw bytes a parse error carries (rawPacket)', () => {
    const { log, lines } = collecting();
    const err = Object.assign(new Error('Parse Error: Invalid method encountered'), {
      code: 'HPE_INVALID_METHOD',
      rawPacket: Buffer.from('XPOST / HTTP/1.1\r\n\r\nFrom=%2B14155550123&Body=REPORT+Marcus'),
    });
    log.error({ err }, 'client error');
    const text = lines.join('');
    expect(text).toContain('HPE_INVALID_METHOD');
    expect(text).not.toContain('rawPacket');
    expect(text).not.toMatch(/Marcus|REPORT|Body=/);
  });

  it('writes nothing below its level', () => {
    const lines: string[] = [];
    const log = createLogger('warn', { write: (line: string) => void lines.push(line) });
    log.info('quiet');
    log.debug('quieter');
    log.warn('heard');
    expect(lines).toHaveLength(1);
  });
});
