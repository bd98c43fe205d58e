// What every command gets: the store it should open, and how to print for people or machines.
import type { Command } from 'commander';
import type { Store } from '../store/store.js';

export interface CliContext {
  /** Opens (and migrates) the store named by --db, GROUNDTRUTH_DB or ./groundtruth.db; closed by main after the command. */
  store(): Promise<Store>;
  /** Writes a line to stdout. */
  print(text: string): void;
  /** Writes machine-readable output (--json) to stdout. */
  printJson(value: unknown): void;
  /** Writes to stderr (progress, warnings). */
  warn(text: string): void;
  /** True when stdout is a terminal (progress bars, colours). */
  readonly interactive: boolean;
  /** Set a non-zero exit code without throwing (e.g. a verify that found problems). */
  fail(code?: number): void;
}

/** Every command module exports one of these. */
export type RegisterCommand = (program: Command, ctx: CliContext) => void;

/** A user-facing error: printed without a stack trace, exit code 1 (or the given one). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
