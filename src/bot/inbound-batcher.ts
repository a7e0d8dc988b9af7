/**
 * Group commit for webhooks: the messages that arrive in one turn of the
 * event loop are handled together, in one transaction, once the turn's I/O
 * is done (setImmediate). Each webhook is still answered only after the
 * commit that holds its effect, so a crash loses nothing that was
 * acknowledged. Under load, one commit then serves several webhooks; when
 * quiet, a message waits for nothing but the end of its own turn.
 */
import type { BatchOutcome, Bot, BotResult, Inbound, Reading } from './bot';

interface Waiting {
  reading: Reading;
  resolve: (result: BotResult) => void;
  reject: (error: unknown) => void;
}

/** Most messages in one transaction: bounds how long the event loop is held. */
const MAX_BATCH = 64;

export class InboundBatcher {
  private queue: Waiting[] = [];
  private scheduled = false;

  constructor(private readonly bot: Bot) {}

  /** Handles a message; resolves with the bot's result once its transaction has committed. */
  submit(msg: Inbound): BotResult | Promise<BotResult> {
    const reading = this.bot.read(msg);
    if (reading.result) return reading.result;
    return new Promise<BotResult>((resolve, reject) => {
      this.queue.push({ reading, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    const batch: Waiting[] = [];
    const later: Waiting[] = [];
    const ids = new Set<string>();
    for (const w of this.queue) {
      const { msg } = w.reading;
      const id = msg.providerId === undefined ? undefined : `${msg.sender.channel}:${msg.providerId}`;
      // A retried copy waits for the next batch, where the first one's record is visible.
      if (batch.length >= MAX_BATCH || (id !== undefined && ids.has(id))) {
        later.push(w);
        continue;
      }
      if (id !== undefined) ids.add(id);
      batch.push(w);
    }
    this.queue = later;
    if (later.length) this.schedule();
    let outcomes: BatchOutcome[];
    try {
      outcomes = this.bot.handleBatch(batch.map((w) => w.reading));
    } catch (error) {
      // handleBatch reports failures per message; this is only so no webhook ever waits forever.
      for (const w of batch) w.reject(error);
      return;
    }
    batch.forEach((w, i) => {
      const o = outcomes[i] as BatchOutcome;
      if (o.ok) w.resolve(o.result);
      else w.reject(o.error);
    });
  }
}
