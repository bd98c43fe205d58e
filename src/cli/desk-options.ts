// What the desk commands (investigation, incident, source, evidence, audit) share: who acts, how
// numbers and ranges are read from flags, and how the library's errors reach the person at the terminal.
import type { Command } from 'commander';
import { ZodError } from 'zod';
import type { Actor, Range } from '../model/desk.js';
import { findIncidentByRef } from '../store/desk/incidents.js';
import { localActor } from '../store/desk/users.js';
import type { Store } from '../store/store.js';
import { CliError } from './context.js';

export interface ActorOptions {
  as?: string;
}

/** Adds --as to a desk command. */
export function actingAs(cmd: Command): Command {
  return cmd.option('--as <user>', 'act as this desk user (default: $GROUNDTRUTH_USER or the login name)');
}

export function actorOf(store: Store, opts: ActorOptions): Promise<Actor> {
  return localActor(store.db, opts.as ?? null);
}

/** Runs a command body, turning validation errors into one readable line per problem. */
export async function deskAction(work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (err) {
    if (err instanceof ZodError) {
      throw new CliError(err.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; '));
    }
    throw err;
  }
}

export function intArg(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v.trim())) throw new CliError(`${name}: expected a whole number, got ${JSON.stringify(v)}`);
  return Number(v);
}

export function floatArg(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n)) throw new CliError(`${name}: expected a number, got ${JSON.stringify(v)}`);
  return n;
}

/** "14" is 14–14, "14-15" (or "14..15") is 14–15, "" or "none" is unknown. */
export function rangeArg(name: string, v: string | undefined): Range | null | undefined {
  if (v === undefined) return undefined;
  const s = v.trim();
  if (s === '' || s === 'none' || s === 'unknown') return null;
  const m = /^(\d+)(?:\s*(?:-|–|\.\.)\s*(\d+))?$/.exec(s);
  if (!m) throw new CliError(`${name}: expected a count or a range like 14-15, got ${JSON.stringify(v)}`);
  const low = Number(m[1]);
  const high = m[2] === undefined ? low : Number(m[2]);
  if (low > high) throw new CliError(`${name}: ${low} is above ${high}`);
  return { low, high };
}

/** An incident named by its id, or by INVESTIGATION/REF. */
export async function incidentIdOf(store: Store, actor: Actor, arg: string): Promise<number> {
  if (/^\d+$/.test(arg)) return Number(arg);
  const slash = arg.indexOf('/');
  if (slash > 0) {
    const found = await findIncidentByRef(actor, store.db, arg.slice(0, slash), arg.slice(slash + 1));
    if (found) return found.id;
  }
  throw new CliError(`no incident ${arg} (give its id, or INVESTIGATION/REF)`);
}

export function idArg(name: string, v: string): number {
  if (!/^\d+$/.test(v)) throw new CliError(`${name}: expected an id, got ${JSON.stringify(v)}`);
  return Number(v);
}

export const collect = (value: string, previous: string[] = []) => [...previous, value];

/** A min–max as people write it. */
export function showRange(r: Range | null): string {
  if (!r) return '';
  return r.low === r.high ? String(r.low) : `${r.low}–${r.high}`;
}
