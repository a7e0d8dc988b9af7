import { REDACTED, scrub } from '../../src/log/scrub';

describe('scrub', () => {
  it.each([
    ['+14155550100'],
    ['14155550100'],
    ['4155550100'],
    ['(415) 555-0100'],
    ['415-555-0100'],
    ['415.555.0100'],
    ['415 555 0100'],
    ['+1 (415) 555-0100'],
    ['+1-415-555-0100'],
    ['+447700900123'],
    ['415–555–0100'],
    ['415—555—0100'],
    ['415‑555‑0100'],
    ['415/555/0100'],
    ['+1 415 555 0100'],
  ])('removes the phone number %s', (number) => {
    const line = `{"msg":"sent to ${number} ok","n":1}`;
    const out = scrub(line);
    // A leading "(" may stay behind; no digit of the number may.
    expect(out).toMatch(new RegExp(`^\\{"msg":"sent to \\(?\\[redacted\\] ok","n":1\\}$`));
    expect(out.replace(/\D/g, '')).toBe('1');
  });

  it('removes a number split by an escaped line break in a JSON string', () => {
    expect(scrub('{"text":"call 415\\n555\\n0100"}')).not.toMatch(/555/);
  });

  it('removes every number in a line, not just the first', () => {
    const out = scrub('{"a":"4155550100","b":"(212) 555-0142","c":"+13125550111"}');
    expect(out).toBe(`{"a":"${REDACTED}","b":"(${REDACTED}","c":"${REDACTED}"}`);
  });

  it.each([['0f0e0d0c-0b0a-4908-8706-050403020100'], ['0F0E0D0C-0B0A-4908-8706-050403020100']])('removes the UUID %s', (uuid) => {
    expect(scrub(`{"signal":"${uuid}"}`)).toBe(`{"signal":"${REDACTED}"}`);
  });

  it.each([
    ['an ISO timestamp', '{"time":"2024-05-01T12:34:56.789Z"}'],
    ['a date', '{"day":"2024-05-01"}'],
    ['a short id', '{"ref":"K7Q2","outboxId":12345,"alertId":7}'],
    ['a pid and a port', '{"pid":48213,"address":"http://127.0.0.1:3000"}'],
    ['an area code list', '{"npas":["415","628"],"reach":"212,332,347,646"}'],
    ['ordinary words', '{"msg":"alert fan-out planned for the san-francisco region"}'],
    ['a Twilio error code', '{"reason":"throttled:20429","attempts":3}'],
    ['a duration', '{"ms":123456789}'],
    ['a run of nine digits with separators', '{"ref":"415-555-010","case":"12 345 678 9"}'],
    ['a byte count as a JSON number', '{"bytes":17179869184}'],
    ['an epoch in milliseconds as a JSON number', '{"at":1733097600000,"n":-14155550100.5}'],
    ['a date and time with a space', '{"since":"2024-05-01 12:34:56","until":"2026-12-02 04:52:02.123+00:00"}'],
    ['numbers in an array', '{"sizes":[17179869184,4155550100]}'],
  ])('keeps %s', (_what, line) => {
    expect(scrub(line)).toBe(line);
    expect(JSON.parse(scrub(line))).toEqual(JSON.parse(line));
  });

  it.each([
    ['a number after a date', '{"msg":"2024-05-01 4155550100"}', '{"msg":"2024-05-01 [redacted]"}'],
    ['a number shaped almost like a date', '{"msg":"2012-555-0100"}', '{"msg":"[redacted]"}'],
    ['a number in a key', '{"4155550100":1}', '{"[redacted]":1}'],
    ['a number beside escaped quotes', '{"msg":"\\"+14155550100\\" said"}', '{"msg":"\\"[redacted]\\" said"}'],
  ])('still removes %s, and the line stays JSON', (_what, line, expected) => {
    expect(scrub(line)).toBe(expected);
    expect(() => JSON.parse(scrub(line))).not.toThrow();
  });
});

describe('scrub keeps whole timestamps, however precise', () => {
  // A nanosecond fraction is a run of ten or more digits once the date is not
  // recognised as a whole: each timestamp form must be kept intact.
  it.each([
    ['a day in the teens, with a T and Z', '{"time":"2024-05-15T12:34:56.123456789Z"}'],
    ['the 31st, with a space and an offset with a colon', '{"time":"2024-05-31 23:59:58.123456789+05:30"}'],
    ['the 30th, with a negative offset without a colon', '{"time":"1999-10-30T08:07:06.123456789-0500"}'],
    ['the 20th, with no zone at all', '{"time":"2026-12-20T04:52:02.123456789"}'],
  ])('keeps %s', (_what, line) => {
    expect(scrub(line)).toBe(line);
  });

  it('still removes a number that follows a timestamp', () => {
    expect(scrub('{"msg":"2024-05-15T12:34:56.123456789Z 4155550100"}')).toBe(`{"msg":"2024-05-15T12:34:56.123456789Z ${REDACTED}"}`);
  });
});
