/**
 * A setting that is missing or wrong, named so the operator can fix it. Its own
 * module so the stores and the areas file can raise it without loading the schema.
 */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    expected: string,
  ) {
    super(`${variable}: ${expected}`);
    this.name = 'ConfigError';
  }
}
