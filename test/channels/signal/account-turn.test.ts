/**
 * The account's turn (account-turn.ts): one request at a time, receives and
 * identity checks ahead of sends waiting, and a request aborted while it
 * waits never issued.
 */
import { AccountTurn } from '../../../src/channels/signal/account-turn';

/** A request the test answers by hand; `issued` records the order requests went out. */
function requests() {
  const issued: string[] = [];
  const answers = new Map<string, () => void>();
  const request = (name: string) => () =>
    new Promise<string>((resolve) => {
      issued.push(name);
      answers.set(name, () => resolve(name));
    });
  const answer = async (name: string) => {
    answers.get(name)?.();
    // Lets the turn pass on and the next request go out.
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { issued, request, answer };
}

describe('the account turn', () => {
  it('issues one request at a time, a receive and an identity check before the sends that wait', async () => {
    const turn = new AccountTurn();
    const { issued, request, answer } = requests();
    const done = [
      turn.run('inLine', request('send 1')),
      turn.run('inLine', request('send 2')),
      turn.run('inLine', request('send 3')),
      turn.run('first', request('receive')),
      turn.run('first', request('identities')),
    ];
    await answer('none yet');
    expect(issued).toEqual(['send 1']);
    await answer('send 1');
    expect(issued).toEqual(['send 1', 'receive']);
    await answer('receive');
    await answer('identities');
    await answer('send 2');
    await answer('send 3');
    expect(issued).toEqual(['send 1', 'receive', 'identities', 'send 2', 'send 3']);
    await expect(Promise.all(done)).resolves.toEqual(['send 1', 'send 2', 'send 3', 'receive', 'identities']);
  });

  it('passes the turn on when a request fails', async () => {
    const turn = new AccountTurn();
    const failed = turn.run('inLine', () => Promise.reject(new Error('no answer')));
    const next = turn.run('inLine', () => Promise.resolve('sent'));
    await expect(failed).rejects.toThrow('no answer');
    await expect(next).resolves.toBe('sent');
  });

  it('never issues a request aborted while it waits for its turn', async () => {
    const turn = new AccountTurn();
    const { issued, request, answer } = requests();
    const first = turn.run('inLine', request('send'));
    const abort = new AbortController();
    const receive = turn.run('first', request('receive'), abort.signal);
    const later = turn.run('inLine', request('send 2'));
    abort.abort(new Error('stopping'));
    await expect(receive).rejects.toThrow('stopping');
    await answer('send');
    await answer('send 2');
    await Promise.all([first, later]);
    expect(issued).toEqual(['send', 'send 2']);
  });

  it('at a stop refuses the sends waiting, and any to come, unissued and as never reached; a receive still goes', async () => {
    const turn = new AccountTurn();
    const { issued, request, answer } = requests();
    const served = turn.run('inLine', request('send 1'));
    const waiting = turn.run('inLine', request('send 2'));
    turn.drain();
    const later = turn.run('inLine', request('send 3'));
    const receive = turn.run('first', request('receive'));
    await expect(waiting).rejects.toMatchObject({ kind: 'connection', neverReached: true });
    await expect(later).rejects.toMatchObject({ kind: 'connection', neverReached: true });
    await answer('send 1');
    await answer('receive');
    await expect(Promise.all([served, receive])).resolves.toEqual(['send 1', 'receive']);
    expect(issued).toEqual(['send 1', 'receive']);
  });

  it('after drain, resume lets sends go again (a lane started after a stop)', async () => {
    const turn = new AccountTurn();
    turn.drain();
    await expect(turn.run('inLine', () => Promise.resolve('refused'))).rejects.toMatchObject({ neverReached: true });
    turn.resume();
    await expect(turn.run('inLine', () => Promise.resolve('sent'))).resolves.toBe('sent');
  });

});
