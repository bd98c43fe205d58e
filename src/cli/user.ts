// groundtruth user add|passwd|role|list: accounts of the web desk. Passwords are read from standard input
// (one line), never from an argument, so they stay out of shell history and process lists.
import { PasswordPolicyError } from '../server/accounts/passwords.js';
import { readSecretLine } from '../server/accounts/stdin.js';
import { addUser, listAccounts, setPassword, setRole } from '../server/accounts/users.js';
import { USER_ROLES } from '../model/desk.js';
import { CliError, type RegisterCommand } from './context.js';
import { deskAction } from './desk-options.js';
import { table } from './format.js';

async function password(interactive: boolean, warn: (t: string) => void): Promise<string> {
  if (interactive) warn('password (one line, at least 10 characters):');
  try {
    return await readSecretLine(process.stdin);
  } catch (err) {
    throw new CliError(err instanceof Error ? err.message : String(err));
  }
}

const policy = async <T>(work: () => Promise<T>): Promise<T> => {
  try {
    return await work();
  } catch (err) {
    if (err instanceof PasswordPolicyError) throw new CliError(err.message);
    throw err;
  }
};

export const register: RegisterCommand = (program, ctx) => {
  const user = program.command('user').description('accounts of the web desk: names, roles and passwords');

  user
    .command('add')
    .description('create an account; the password is read from standard input (one line)')
    .argument('<name>')
    .requiredOption('--role <role>', USER_ROLES.join(' | '))
    .option('--json', 'print JSON')
    .action((name: string, opts: { role: string; json?: boolean }) =>
      deskAction(async () => {
        if (!(USER_ROLES as readonly string[]).includes(opts.role)) throw new CliError(`--role must be one of ${USER_ROLES.join(', ')}`);
        const pw = await password(Boolean(process.stdin.isTTY), ctx.warn);
        const store = await ctx.store();
        const made = await policy(() => addUser(store.db, name, opts.role, pw));
        if (opts.json) ctx.printJson(made);
        else ctx.print(`added ${made.name} (${made.role})`);
      }),
    );

  user
    .command('passwd')
    .description("set a user's password from standard input (one line); signs the user out everywhere")
    .argument('<name>')
    .option('--json', 'print JSON')
    .action((name: string, opts: { json?: boolean }) =>
      deskAction(async () => {
        const pw = await password(Boolean(process.stdin.isTTY), ctx.warn);
        const store = await ctx.store();
        await policy(() => setPassword(store.db, name, pw));
        if (opts.json) ctx.printJson({ name, password: 'set' });
        else ctx.print(`password set for ${name}`);
      }),
    );

  user
    .command('role')
    .description("change a user's role")
    .argument('<name>')
    .argument('<role>', USER_ROLES.join(' | '))
    .option('--json', 'print JSON')
    .action((name: string, role: string, opts: { json?: boolean }) =>
      deskAction(async () => {
        const store = await ctx.store();
        const u = await setRole(store.db, name, role);
        if (opts.json) ctx.printJson(u);
        else ctx.print(`${u.name} is now ${u.role}`);
      }),
    );

  user
    .command('list')
    .description('every account, with its role and whether it can sign in')
    .option('--json', 'print JSON')
    .action((opts: { json?: boolean }) =>
      deskAction(async () => {
        const store = await ctx.store();
        const list = await listAccounts(store.db);
        if (opts.json) ctx.printJson(list);
        else ctx.print(table(list.map((u) => ({ name: u.name, role: u.role, password: u.has_password ? 'yes' : 'no', tokens: u.tokens, created: u.created_at.slice(0, 10) }))));
      }),
    );
};
