/**
 * One-line French error messages for the import and data-build commands: never a stack trace.
 */
import { ImportError } from '../../src/ingest/import-error.ts';

/** A usage error: exit status 2. */
export class UsageError extends Error {}

/** One line, no stack trace: the message names the file and what is wrong. */
function oneLineError(error: unknown): string {
  let message: string;
  if (error instanceof ImportError) {
    message = `Erreur${error.file === undefined ? '' : ` (${error.file})`} : ${error.message}`;
  } else if (error instanceof UsageError) {
    message = error.message;
  } else {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    const text = error instanceof Error ? error.message : String(error);
    message =
      code === 'EACCES'
        ? `Erreur : fichier illisible (droits insuffisants) : ${text}`
        : `Erreur inattendue : ${text}`;
  }
  return message.replace(/\s*\n\s*/g, ' ');
}

/** Runs a command's main function, printing a one-line error and setting the exit status. */
export function runCommand(main: () => Promise<number>): void {
  main().then(
    (status) => {
      process.exitCode = status;
    },
    (error: unknown) => {
      process.stderr.write(`${oneLineError(error)}\n`);
      process.exitCode = error instanceof UsageError ? 2 : 1;
    },
  );
}
