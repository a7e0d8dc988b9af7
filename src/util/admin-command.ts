/**
 * An admin command as an operator types it, in both forms: a checkout has
 * no `heads-up` on its PATH (npm run admin), the image has (bin/heads-up,
 * Dockerfile). Printed to volunteers, who try the first one they read.
 */
export function adminCommand(args: string): string {
  return `npm run admin -- ${args} (heads-up ${args} in the image)`;
}
