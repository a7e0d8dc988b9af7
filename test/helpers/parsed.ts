/** What parse() made of a message, for parser tests: its command, or its refusal; anything else fails the test, naming the input. */
import type { Command, Parsed } from '../../src/bot/commands';
import { parse } from '../../src/bot/parser';

/** The command of a successful parse; fails the test (with the input) otherwise. */
export function commandOf(input: string): Command {
  const p = parse(input);
  if (!p.ok) throw new Error(`expected ${JSON.stringify(input)} to parse, got error ${p.error}`);
  return p.command;
}

export function errorOf(input: string): Exclude<Parsed, { ok: true }> {
  const p = parse(input);
  if (p.ok) throw new Error(`expected ${JSON.stringify(input)} to be refused, got ${p.command.kind}`);
  return p;
}
