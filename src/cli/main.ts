// The groundtruth command: global options, the store, and one module per command.
import { Command, CommanderError } from 'commander';
import { InputFileError } from '../model/reject.js';
import { openStore, storeLocation } from '../store/open.js';
import type { Store } from '../store/store.js';
import { commands } from './commands.js';
import { CliError, type CliContext } from './context.js';

export async function main(argv: string[]): Promise<number> {
  let store: Store | null = null;
  let exitCode = 0;
  const program = new Command('groundtruth')
    .description('Groundtruth: conflict-event data and a desk’s own investigations, turned into figures with provenance.')
    .option('--db <location>', 'SQLite file or postgres:// URL (default: $GROUNDTRUTH_DB or ./groundtruth.db)')
    .showHelpAfterError()
    .exitOverride();

  const ctx: CliContext = {
    async store() {
      store ??= await openStore(storeLocation(program.opts<{ db?: string }>().db));
      return store;
    },
    print: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    printJson: (value) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
    warn: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    interactive: Boolean(process.stdout.isTTY && process.stderr.isTTY),
    fail: (code = 1) => {
      exitCode = code;
    },
  };
  for (const register of commands) register(program, ctx);

  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    if (err instanceof CliError) {
      process.stderr.write(`groundtruth: ${err.message}\n`);
      return err.exitCode;
    }
    if (err instanceof InputFileError || err instanceof Error) {
      process.stderr.write(`groundtruth: ${err.message}\n`);
      if (process.env.GROUNDTRUTH_DEBUG && err.stack) process.stderr.write(`${err.stack}\n`);
      return 1;
    }
    process.stderr.write(`groundtruth: ${String(err)}\n`);
    return 1;
  } finally {
    if (store) await (store as Store).close();
  }
}
