/** A count as the admin commands print it: "1 member", "0 reports". */
export function counted(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The counts backup and restore print of a line. */
export function lineCounts(n: { members: number; reports: number; alerts: number }): string {
  return `${counted(n.members, 'member')}, ${counted(n.reports, 'report')}, ${counted(n.alerts, 'alert')}`;
}
