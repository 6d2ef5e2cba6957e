/**
 * The admin CLI's commands, apart from process plumbing so tests can run them against a test database.
 * Arguments are validated with the same shared schemas as the admin REST API.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import {
  createUserRequestSchema,
  displayPlaylistSchema,
  passwordSchema,
  playlistToString,
  unitCodesSchema,
  userRoleSchema,
  usernameSchema,
  type AdminToken,
  type AdminUser,
} from '../../shared/admin.js';
import type { AdminBackend } from './backend.js';

export const USAGE = `Usage: npm run admin -- <command> [options]

  create-user --username NAME --role admin|leader|unit_head|presenter [--units HN-HK,HN-BD] [--name "Full name"] [--password-stdin]
  disable-user --username NAME          (or --id ID)   ends the user's sessions and live connections
  enable-user --username NAME
  assign-units --username NAME --units HN-HK,HN-BD
  set-password --username NAME [--password-stdin]
  issue-display-token --name NAME --playlist "views=overview,rankings:district&interval=30&period=today"
  issue-ingest-key --name NAME [--units HN-HK,HN-BD]
  revoke --id TOKEN_ID                  revokes a display token or an ingest key
  list [users|tokens|audit]             (default: users and tokens)

Add --json for machine-readable output. Without --password-stdin the password is asked for (twice) on the terminal.
The database is the server's: DATABASE_URL, or the embedded one in DATA_DIR. The embedded database takes one
process at a time, so while \`npm start\` runs on it the commands go through that server's admin API instead.`;

export interface CommandIo {
  backend: AdminBackend;
  out: (text: string) => void;
  /** Reads the password: from standard input (`--password-stdin`) or a hidden terminal prompt. */
  readPassword: (fromStdin: boolean) => Promise<string>;
}

export class UsageError extends Error {}

const OPTIONS = {
  username: { type: 'string' },
  id: { type: 'string' },
  role: { type: 'string' },
  units: { type: 'string' },
  name: { type: 'string' },
  playlist: { type: 'string' },
  'password-stdin': { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new UsageError(`${what}: ${result.error.issues.map((i) => i.message).join('; ')}`);
  return result.data;
}

const unitsOption = (value: string | undefined): string[] | null =>
  value === undefined || value.trim() === '' ? null : parse(unitCodesSchema, value.split(',').map((s) => s.trim()).filter(Boolean), '--units');

function required(value: string | undefined, flag: string): string {
  if (value === undefined || value.trim() === '') throw new UsageError(`${flag} is required`);
  return value;
}

function userLine(u: AdminUser): string {
  const state = u.disabledAt ? `disabled ${u.disabledAt}` : 'active';
  return `${u.id}  ${u.username.padEnd(20)} ${u.role.padEnd(10)} ${(u.units?.join(',') ?? '-').padEnd(20)} ${state}`;
}

function tokenLine(t: AdminToken): string {
  const state = t.revokedAt ? `revoked ${t.revokedAt}` : t.expiresAt && new Date(t.expiresAt) <= new Date() ? 'expired' : 'active';
  const scope = t.role === 'display' ? `playlist ${t.playlist ? decodeURIComponent(playlistToString(t.playlist)) : '-'}` : `units ${t.units?.join(',') ?? 'all'}`;
  return `${t.id}  ${t.role.padEnd(8)} ${t.name.padEnd(24)} ${scope}  ${state}`;
}

async function userIdOf(io: CommandIo, values: { username?: string | undefined; id?: string | undefined }): Promise<string> {
  if (values.id) return values.id;
  if (!values.username) throw new UsageError('--username (or --id) is required');
  const username = parse(usernameSchema, values.username, '--username');
  const user = (await io.backend.listUsers()).find((u) => u.username === username);
  if (!user) throw new UsageError(`no user '${username}'`);
  return user.id;
}

/** Runs one command; answers the process exit code. */
export async function runCommand(argv: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  const [command, ...rest] = positionals;
  if (!command || values.help) {
    io.out(USAGE);
    return command ? 0 : 2;
  }
  const admin = io.backend;
  const print = (json: unknown, text: string) => io.out(values.json ? JSON.stringify(json, null, 2) : text);

  switch (command) {
    case 'create-user': {
      const role = parse(userRoleSchema, required(values.role, '--role'), '--role');
      const password = parse(passwordSchema, await io.readPassword(values['password-stdin'] ?? false), 'password');
      const input = parse(createUserRequestSchema, {
        username: required(values.username, '--username'),
        displayName: values.name,
        password,
        role,
        units: unitsOption(values.units),
      }, 'user');
      const user = await admin.createUser(input);
      print(user, `created user ${user.username} (${user.role}${user.units ? `: ${user.units.join(', ')}` : ''}), id ${user.id}`);
      return 0;
    }
    case 'disable-user':
    case 'enable-user': {
      const user = await admin.updateUser(await userIdOf(io, values), { disabled: command === 'disable-user' });
      print(user, `${command === 'disable-user' ? 'disabled' : 'enabled'} user ${user.username}`);
      return 0;
    }
    case 'assign-units': {
      const units = unitsOption(required(values.units, '--units'));
      const user = await admin.updateUser(await userIdOf(io, values), { units });
      print(user, `user ${user.username} (${user.role}) now has units ${user.units?.join(', ') ?? '(all: units only narrow a unit_head)'}`);
      return 0;
    }
    case 'set-password': {
      const userId = await userIdOf(io, values);
      const password = parse(passwordSchema, await io.readPassword(values['password-stdin'] ?? false), 'password');
      const user = await admin.updateUser(userId, { password });
      print(user, `password of ${user.username} changed; their sessions were ended`);
      return 0;
    }
    case 'issue-display-token': {
      const playlist = parse(displayPlaylistSchema, values.playlist ?? 'views=overview,rankings:district,rankings:department&interval=30', '--playlist');
      const issued = await admin.issue({ kind: 'display', name: required(values.name, '--name'), playlist });
      print(issued, [
        `issued display token ${issued.token.id} (${issued.token.name})`,
        `secret (shown once, store it now): ${issued.secret}`,
        `open on the wall: /display?token=${encodeURIComponent(issued.secret)}`,
      ].join('\n'));
      return 0;
    }
    case 'issue-ingest-key': {
      const issued = await admin.issue({ kind: 'ingest', name: required(values.name, '--name'), units: unitsOption(values.units) });
      print(issued, [
        `issued ingest key ${issued.token.id} (${issued.token.name}, units ${issued.token.units?.join(', ') ?? 'all'})`,
        `secret (shown once, store it now): ${issued.secret}`,
        `use it as: Authorization: Bearer <secret>`,
      ].join('\n'));
      return 0;
    }
    case 'revoke': {
      const token = await admin.revoke(required(values.id, '--id'));
      print(token, `revoked ${token.role} token ${token.id} (${token.name}); open connections close within seconds`);
      return 0;
    }
    case 'list': {
      const what = rest[0] ?? 'all';
      if (!['all', 'users', 'tokens', 'audit'].includes(what)) throw new UsageError(`list what? users, tokens or audit, not '${what}'`);
      const users = what === 'all' || what === 'users' ? await admin.listUsers() : undefined;
      const tokens = what === 'all' || what === 'tokens' ? await admin.listTokens() : undefined;
      const entries = what === 'audit' ? await admin.listAudit(50) : undefined;
      const lines: string[] = [];
      if (users) lines.push(`Users (${users.length})`, ...users.map(userLine), '');
      if (tokens) lines.push(`Tokens (${tokens.length})`, ...tokens.map(tokenLine), '');
      if (entries) lines.push(...entries.map((e) => `${e.at}  ${e.action.padEnd(22)} ${(e.actorName ?? '-').padEnd(20)} ${e.target ?? ''}`));
      print({ users, tokens, audit: entries }, lines.join('\n'));
      return 0;
    }
    default:
      throw new UsageError(`unknown command '${command}'`);
  }
}
