/** How a check-in's times are written to members and buddies: "21:30", in the server's time zone (TZ). */
const FORMAT = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** "21:30" for a time in milliseconds since the epoch. */
export function clockTime(ms: number): string {
  return FORMAT.format(ms);
}

/** The last four digits of a number: how a member is told which buddy a message is about. */
export function ending(e164: string): string {
  return e164.slice(-4);
}
