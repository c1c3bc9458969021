// `pnpm mast users ...` and `pnpm mast organisations ...`: the operator's way to create the first
// administrator, invite, list, change roles, disable and enable, and to set an organisation to
// sign in through its identity provider. The same rules as the API (account-actions.ts), audited
// with no user and detail { via: 'cli' }. Passwords come from a prompt or stdin, never an argument
// (arguments are visible to every user of the machine and kept in shell history).
import { ORGANISATION_KINDS, OrganisationKindSchema, RoleSchema, UsernameSchema, type Role } from '@mast/shared';
import {
  addOrganisation,
  createAccount,
  getAccountByUsername,
  getOrganisationByName,
  listAccounts,
  listOrganisations,
  recordAudit,
  setOrganisationOidc,
  type Database,
  type OrganisationRow,
} from '@mast/db';
import { hashPassword } from '../auth/password.ts';
import { passwordProblem } from '../auth/password-policy.ts';
import { changeRole, disableAccount, enableAccount, inviteAccount } from './account-actions.ts';
import { AccountProblem } from './account-problem.ts';
import { auditOf, CLI_ACTOR } from './actor.ts';
import { DEFAULT_PUBLIC_ORIGIN, inviteHours, publicOrigin } from '../config.ts';
import { flag, parseArgs, type ParsedArgs } from './cli-args.ts';

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /** The new password: from stdin (--password-stdin) or a prompt. */
  readPassword: (fromStdin: boolean) => Promise<string>;
  now: () => Date;
}

export const USERS_USAGE = `  users create-admin --organisation NAME --kind KIND --username U --display-name D [--password-stdin]
                               the first administrator of an organisation (created if new); prompts for a password
  users invite --organisation NAME --role ROLE --display-name D [--username U] [--email E]
                               print a one-time invitation link (MAST_PUBLIC_URL, MAST_INVITE_HOURS)
  users list [--organisation NAME] | set-role <username> <role> | disable <username> | enable <username>
  organisations list | add NAME --kind KIND
  organisations set-oidc NAME --issuer URL --client-id ID --client-secret-env VAR | set-oidc NAME --off
                               sign in through the organisation's OpenID Connect provider (secret read from VAR)`;

/** 0 when done, 1 when refused, 2 for a command line that cannot be read. */
export async function runAccountsCommand(database: Database, command: 'users' | 'organisations', args: string[], io: CliIo): Promise<number> {
  try {
    return command === 'users' ? await users(database, args, io) : await organisations(database, args, io);
  } catch (e) {
    if (e instanceof AccountProblem) {
      io.err(`mast: refused: ${e.message}`);
      return 1;
    }
    throw e;
  }
}

function usageProblem(io: CliIo, problem: string): number {
  io.err(`mast: ${problem}\n\nUsage:\n${USERS_USAGE}`);
  return 2;
}

function refused(io: CliIo, problem: string): number {
  io.err(`mast: refused: ${problem}`);
  return 1;
}

async function organisationNamed(database: Database, io: CliIo, name: string | undefined): Promise<OrganisationRow | number> {
  if (!name) return usageProblem(io, '--organisation is needed');
  const organisation = await getOrganisationByName(database.db, name);
  return organisation ?? refused(io, 'no organisation of that name (see organisations list)');
}

async function users(database: Database, args: string[], io: CliIo): Promise<number> {
  const db = database.db;
  const [action, ...rest] = args;
  const parsed = parseArgs(rest, ['organisation', 'kind', 'username', 'display-name', 'role', 'email'], ['password-stdin']);
  if (typeof parsed === 'string') return usageProblem(io, parsed);
  switch (action) {
    case 'create-admin':
      return createAdmin(database, parsed, io);
    case 'invite': {
      const organisation = await organisationNamed(database, io, flag(parsed, 'organisation'));
      if (typeof organisation === 'number') return organisation;
      const role = RoleSchema.safeParse(flag(parsed, 'role'));
      if (!role.success) return usageProblem(io, `--role must be one of ${RoleSchema.options.join(', ')}`);
      const displayName = flag(parsed, 'display-name')?.trim();
      if (!displayName) return usageProblem(io, '--display-name is needed');
      const username = flag(parsed, 'username');
      const email = flag(parsed, 'email')?.trim().toLowerCase();
      if (!username && !email) return usageProblem(io, 'give --username or --email (for single sign-on, the email the provider verifies)');
      if (username && !UsernameSchema.safeParse(username).success) return usageProblem(io, 'a username is 2 to 64 lower case letters, digits or . _ @ -');
      const issued = await inviteAccount(
        db,
        CLI_ACTOR,
        organisation.id,
        { displayName, role: role.data, username: username?.toLowerCase(), email },
        { now: io.now(), origin: publicOrigin() ?? DEFAULT_PUBLIC_ORIGIN, hours: inviteHours() },
      );
      io.out(`Invitation for a ${role.data} of ${organisation.name}, usable once until ${issued.invite.expiresAt.toISOString()}.`);
      io.out(`It is shown only now; mast keeps only the token's hash. Send it to the person by a channel you trust:\n\n  ${issued.link}\n`);
      return 0;
    }
    case 'list': {
      const name = flag(parsed, 'organisation');
      const chosen = name ? await organisationNamed(database, io, name) : undefined;
      if (typeof chosen === 'number') return chosen;
      for (const organisation of chosen ? [chosen] : await listOrganisations(db)) {
        const accounts = await listAccounts(db, organisation.id);
        io.out(`${organisation.name} (${organisation.kind}, signs in by ${organisation.signIn}): ${accounts.length} user${accounts.length === 1 ? '' : 's'}`);
        for (const a of accounts) {
          io.out(`  ${String(a.id).padStart(5)}  ${a.username.padEnd(24)} ${a.role.padEnd(13)} ${a.disabledAt ? 'disabled' : 'active  '}  ${a.displayName}`);
        }
      }
      return 0;
    }
    case 'set-role':
    case 'disable':
    case 'enable': {
      const [username, role, extra] = parsed.words;
      const wanted = action === 'set-role' ? 2 : 1;
      if (!username || parsed.words.length !== wanted || extra) return usageProblem(io, action === 'set-role' ? 'users set-role needs a username and a role' : `users ${action} needs a username`);
      const account = await getAccountByUsername(db, username.toLowerCase());
      if (!account) return refused(io, 'no user of that username (see users list)');
      if (action === 'set-role') {
        const parsedRole = RoleSchema.safeParse(role);
        if (!parsedRole.success) return usageProblem(io, `the role must be one of ${RoleSchema.options.join(', ')}`);
        await changeRole(db, CLI_ACTOR, account.organisationId, account.id, parsedRole.data);
        io.out(`${account.username} is now ${parsedRole.data} (was ${account.role}); their sessions have ended.`);
      } else if (action === 'disable') {
        await disableAccount(db, CLI_ACTOR, account.organisationId, account.id, io.now());
        io.out(`${account.username} is disabled: they cannot sign in, and their sessions have ended.`);
      } else {
        await enableAccount(db, CLI_ACTOR, account.organisationId, account.id);
        io.out(`${account.username} is enabled again.`);
      }
      return 0;
    }
    default:
      return usageProblem(io, 'users needs create-admin, invite, list, set-role, disable or enable');
  }
}

async function createAdmin(database: Database, parsed: ParsedArgs, io: CliIo): Promise<number> {
  const db = database.db;
  const name = flag(parsed, 'organisation')?.trim();
  const kind = OrganisationKindSchema.safeParse(flag(parsed, 'kind'));
  const username = UsernameSchema.safeParse(flag(parsed, 'username'));
  const displayName = flag(parsed, 'display-name')?.trim();
  if (!name) return usageProblem(io, '--organisation is needed');
  if (!kind.success) return usageProblem(io, `--kind must be one of ${ORGANISATION_KINDS.join(', ')}`);
  if (!username.success) return usageProblem(io, '--username is needed: 2 to 64 lower case letters, digits or . _ @ -');
  if (!displayName) return usageProblem(io, '--display-name is needed');
  const known = await getOrganisationByName(db, name);
  if (known && known.kind !== kind.data) return refused(io, `that organisation exists already as ${known.kind}, not ${kind.data}`);
  if (await getAccountByUsername(db, username.data)) return refused(io, 'that username is taken');

  const password = await io.readPassword(parsed.flags.has('password-stdin'));
  const problem = passwordProblem(password);
  if (problem) return refused(io, `password not accepted: ${problem}`);

  const organisationId = known?.id ?? (await addOrganisation(db, name, kind.data)) ?? (await getOrganisationByName(db, name))!.id;
  if (!known) await recordAudit(db, auditOf(CLI_ACTOR, 'admin-organisation-added', 'organisation', organisationId, { kind: kind.data }));
  const role: Role = 'admin';
  const id = await createAccount(db, { username: username.data, displayName, role, organisationId, passwordHash: await hashPassword(password) });
  if (id === undefined) return refused(io, 'that username is taken');
  await recordAudit(db, auditOf(CLI_ACTOR, 'admin-user-created', 'user', id, { role }));
  io.out(`${username.data} is an administrator of ${name}: sign in, then invite the others from Accounts.`);
  return 0;
}

async function organisations(database: Database, args: string[], io: CliIo): Promise<number> {
  const db = database.db;
  const [action, ...rest] = args;
  const parsed = parseArgs(rest, ['kind', 'issuer', 'client-id', 'client-secret-env'], ['off']);
  if (typeof parsed === 'string') return usageProblem(io, parsed);
  switch (action) {
    case 'list': {
      for (const o of await listOrganisations(db)) {
        const sso = o.signIn === 'oidc' ? `  OpenID Connect: ${o.oidcIssuer} client ${o.oidcClientId}, secret from $${o.oidcClientSecretEnv}` : '';
        io.out(`${String(o.id).padStart(4)}  ${o.name.padEnd(32)} ${o.kind.padEnd(8)} ${o.signIn}${sso}`);
      }
      return 0;
    }
    case 'add': {
      const [name, extra] = parsed.words;
      const kind = OrganisationKindSchema.safeParse(flag(parsed, 'kind'));
      if (!name?.trim() || extra) return usageProblem(io, 'organisations add needs one name (quote it if it has spaces)');
      if (!kind.success) return usageProblem(io, `--kind must be one of ${ORGANISATION_KINDS.join(', ')}`);
      const id = await addOrganisation(db, name.trim(), kind.data);
      if (id === undefined) return refused(io, 'an organisation of that name exists already');
      await recordAudit(db, auditOf(CLI_ACTOR, 'admin-organisation-added', 'organisation', id, { kind: kind.data }));
      io.out(`Organisation ${id} added: ${name.trim()} (${kind.data}). Create its first administrator with users create-admin.`);
      return 0;
    }
    case 'set-oidc': {
      const [name, extra] = parsed.words;
      if (!name || extra) return usageProblem(io, 'organisations set-oidc needs one organisation name');
      const organisation = await getOrganisationByName(db, name);
      if (!organisation) return refused(io, 'no organisation of that name (see organisations list)');
      if (parsed.flags.has('off')) {
        await setOrganisationOidc(db, organisation.id, null);
        await recordAudit(db, auditOf(CLI_ACTOR, 'admin-sign-in-changed', 'organisation', organisation.id, { from: organisation.signIn, to: 'password' }));
        io.out(`${organisation.name} signs in with mast passwords again. Its single sign-on accounts have no password: invite them again, or set it back.`);
        return 0;
      }
      const issuer = flag(parsed, 'issuer');
      const clientId = flag(parsed, 'client-id');
      const clientSecretEnv = flag(parsed, 'client-secret-env');
      if (!issuer || !clientId || !clientSecretEnv) return usageProblem(io, 'set-oidc needs --issuer, --client-id and --client-secret-env (or --off)');
      let url: URL;
      try {
        url = new URL(issuer);
      } catch {
        return usageProblem(io, '--issuer must be the provider\'s URL, such as https://login.example.org/realms/staff');
      }
      if (url.protocol !== 'https:' && !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) return refused(io, 'the issuer must use https (plain http only on this machine)');
      if (!/^[A-Z][A-Z0-9_]{0,63}$/.test(clientSecretEnv)) return usageProblem(io, '--client-secret-env is the NAME of an environment variable, such as MAST_OIDC_SECRET_POLICE');
      await setOrganisationOidc(db, organisation.id, { issuer: url.href.replace(/\/$/, ''), clientId, clientSecretEnv });
      await recordAudit(db, auditOf(CLI_ACTOR, 'admin-sign-in-changed', 'organisation', organisation.id, { from: organisation.signIn, to: 'oidc' }));
      io.out(`${organisation.name} now signs in through ${url.origin}. Set ${clientSecretEnv} in the server's environment to the client secret,`);
      io.out(`and register ${publicOrigin() ?? DEFAULT_PUBLIC_ORIGIN}/api/auth/oidc/callback as the client's redirect URI.`);
      if (!process.env[clientSecretEnv]) io.out(`(${clientSecretEnv} is not set in this shell.)`);
      return 0;
    }
    default:
      return usageProblem(io, 'organisations needs list, add or set-oidc');
  }
}

/** Reads the new password: all of stdin (--password-stdin), or twice from a prompt that does not echo. */
export async function readPasswordFromTerminal(fromStdin: boolean): Promise<string> {
  if (fromStdin || !process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  }
  const first = await promptHidden('New password: ');
  const second = await promptHidden('The same again: ');
  if (first !== second) throw new AccountProblem('weak-password', 'the two passwords differ');
  return first;
}

function promptHidden(question: string): Promise<string> {
  process.stdout.write(question);
  const stdin = process.stdin;
  stdin.setRawMode(true);
  stdin.resume();
  return new Promise((resolve) => {
    let typed = '';
    const onData = (data: Buffer) => {
      for (const ch of data.toString('utf8')) {
        if (ch === '\r' || ch === '\n') {
          stdin.off('data', onData);
          stdin.setRawMode(false);
          stdin.pause();
          process.stdout.write('\n');
          resolve(typed);
          return;
        }
        if (ch === '\u0003') process.exit(130);
        typed = ch === '\u007f' ? typed.slice(0, -1) : typed + ch;
      }
    };
    stdin.on('data', onData);
  });
}
