/**
 * Strict command-line parsing shared by the commands: an unknown or malformed option becomes the
 * command's own usage error, in French.
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;
type Parsed<O extends Options, P extends boolean> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O; strict: true; allowPositionals: P }>
>;

/**
 * `parseArgs` with `strict: true`; `invalid` turns Node's reason (English) into the command's
 * usage error.
 */
export function parseOptions<const O extends Options, const P extends boolean = false>(
  argv: readonly string[],
  options: O,
  invalid: (reason: string) => Error,
  allowPositionals?: P,
): Parsed<O, P> {
  try {
    return parseArgs({
      args: [...argv],
      options,
      strict: true,
      allowPositionals: allowPositionals ?? false,
    }) as Parsed<O, P>;
  } catch (error) {
    throw invalid((error as Error).message);
  }
}

/** The options of a command: string options, boolean flags, and `--help` / `-h`. */
export function cliOptions<const S extends string, const B extends string = never>(
  strings: readonly S[],
  booleans: readonly B[] = [],
): Record<S, { type: 'string' }> & Record<B | 'help', { type: 'boolean' }> {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
  for (const name of strings) options[name] = { type: 'string' };
  for (const name of booleans) options[name] = { type: 'boolean' };
  options.help = { type: 'boolean', short: 'h' };
  return options as Record<S, { type: 'string' }> & Record<B | 'help', { type: 'boolean' }>;
}
