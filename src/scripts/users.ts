import 'reflect-metadata';
import * as os from 'node:os';
import { parseArgs } from 'node:util';
import { systemClock } from '../clock/clock';
import { loadConfig } from '../config/app-config';
import { openEventStore } from '../config/open-stores';
import { ROLES, type Role } from '../identity/access/access-policy';
import { generatePassword } from '../identity/auth/passwords';
import { UsersService } from '../identity/users/users.service';
import { DISTRICTS, type District } from '../issues/domain/vocabulary';
import { DomainError } from '../shared-kernel/domain-errors';

const USAGE = `usage:
  npm run users:add -- --username <name> --display-name <name> --role <role> [--district <district>]
  npm run users:password -- --username <name>
The password is USER_PASSWORD, or a generated one printed once. Roles: ${ROLES.join(', ')};
districts: ${DISTRICTS.join(', ')}. The store is the engine's (DATA_DIR, EVENT_STORE, DATABASE_URL ...).`;

/**
 * `npm run users:add` and `npm run users:password`: users for operators without HTTP (the
 * first accounts of a new deployment, an admin locked out). Straight into the configured event
 * store through the same command path as POST /users, recorded as `cli:<os user>`; a running
 * engine sees the change at once.
 */
async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  const { values } = parseArgs({
    args: rest,
    options: {
      username: { type: 'string' },
      'display-name': { type: 'string' },
      role: { type: 'string' },
      district: { type: 'string' },
    },
  });
  if (!values.username || !['add', 'password'].includes(command ?? '')) throw new Error(USAGE);
  const given = process.env.USER_PASSWORD;
  const password = given || generatePassword();
  const store = await openEventStore(loadConfig());
  const users = new UsersService(store, systemClock);
  const context = {
    actor: `cli:${os.userInfo().username}`,
    correlationId: `cli-${Date.now()}`,
    causationId: null,
    metadata: { actorRole: 'system', actorDistrict: null },
  };
  try {
    if (command === 'add') {
      if (!values['display-name'] || !values.role) throw new Error(USAGE);
      await users.create(
        {
          username: values.username,
          displayName: values['display-name'],
          role: values.role as Role,
          district: (values.district as District | undefined) ?? null,
          password,
        },
        context,
      );
      console.log(
        `created user ${values.username.toLowerCase()} (${values.role}${values.district ? `, ${values.district}` : ''})`,
      );
    } else {
      await users.setPassword(values.username, password, context);
      console.log(`set a new password for ${values.username}: its sessions ended, a lock-out is lifted`);
    }
    if (!given)
      console.log(
        `password: ${password}  (shown once; the user can change it with POST /users/<name>/password)`,
      );
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  const message = error instanceof DomainError || error instanceof Error ? error.message : String(error);
  console.error(message);
  process.exit(1);
});
