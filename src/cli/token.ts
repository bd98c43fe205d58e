// groundtruth token create|list|revoke: API tokens for scripts (Authorization: Bearer …). The token is
// printed once, alone on the last line; the store keeps only its hash.
import { createToken, listTokens, revokeToken } from '../server/accounts/tokens.js';
import type { RegisterCommand } from './context.js';
import { deskAction, idArg } from './desk-options.js';
import { table } from './format.js';

export const register: RegisterCommand = (program, ctx) => {
  const token = program.command('token').description('API tokens for scripts and tools (sent as Authorization: Bearer TOKEN)');

  token
    .command('create')
    .description('make a token acting as NAME; it is shown once, on the last line')
    .argument('<name>', 'the user the token acts as')
    .option('--label <text>', 'what the token is for ("newsroom bot")')
    .action((name: string, opts: { label?: string }) =>
      deskAction(async () => {
        const store = await ctx.store();
        const { token: secret, info } = await createToken(store.db, name, opts.label ?? null);
        ctx.warn(`token ${info.id} for ${info.user}${info.label ? ` (${info.label})` : ''}: keep it secret, it is not shown again`);
        ctx.print(secret);
      }),
    );

  token
    .command('list')
    .description('tokens (never their secrets), of one user or all')
    .argument('[name]')
    .option('--json', 'print JSON')
    .action((name: string | undefined, opts: { json?: boolean }) =>
      deskAction(async () => {
        const store = await ctx.store();
        const list = await listTokens(store.db, name);
        if (opts.json) ctx.printJson(list);
        else ctx.print(table(list.map((t) => ({ id: t.id, user: t.user, label: t.label, created: t.created_at.slice(0, 19), revoked: t.revoked_at?.slice(0, 19) ?? '' }))));
      }),
    );

  token
    .command('revoke')
    .description('revoke a token by its id')
    .argument('<id>')
    .option('--json', 'print JSON')
    .action((id: string, opts: { json?: boolean }) =>
      deskAction(async () => {
        const store = await ctx.store();
        const t = await revokeToken(store.db, idArg('token id', id));
        if (opts.json) ctx.printJson(t);
        else ctx.print(`revoked token ${t.id} of ${t.user}`);
      }),
    );
};
