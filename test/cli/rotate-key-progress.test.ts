import { progressLine } from '../../src/cli/rotate-key-command';

function stream(isTTY: boolean): { s: NodeJS.WriteStream; out: string[] } {
  const out: string[] = [];
  const s = { isTTY, write: (chunk: string) => out.push(chunk) } as unknown as NodeJS.WriteStream;
  return { s, out };
}

describe('the rotate-key progress line', () => {
  it('rewrites one line on a terminal and ends it when a step completes', () => {
    const { s, out } = stream(true);
    const p = progressLine(s);
    p({ step: 'members', done: 500, total: 2000 });
    p({ step: 'members', done: 2000, total: 2000 });
    expect(out).toEqual(['\rrotate-key: members 500/2000 (25%)\u001b[K', '\rrotate-key: members 2000/2000 (100%)\u001b[K\n']);
  });

  it('prints a line per tenth of each step when not on a terminal (a log stays short)', () => {
    const { s, out } = stream(false);
    const p = progressLine(s);
    for (let done = 10; done <= 1000; done += 10) p({ step: 'members', done, total: 1000 });
    p({ step: 'reports', done: 0, total: 0 });
    expect(out).toHaveLength(11 + 1);
    expect(out[0]).toBe('rotate-key: members 10/1000 (1%)\n');
    expect(out[out.length - 1]).toBe('rotate-key: reports 0/0 (100%)\n');
  });
});
