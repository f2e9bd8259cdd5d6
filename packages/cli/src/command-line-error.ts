/** Wrong use of the command line (a flag, a value, a missing argument): printed with a hint at --help, exit code 2. */
export class CommandLineError extends Error {
  constructor(
    message: string,
    /** The command whose --help the hint names, when the error is about one. */
    readonly command?: string,
  ) {
    super(message);
    this.name = 'CommandLineError';
  }
}
