// Creates an officer or admin account: `pnpm --filter @dj/api create-user -- --email a@b.de --role officer --side duren --name "…"`.
// The password is read from DJ_NEW_USER_PASSWORD so it never lands in shell history.
import { parseArgs } from 'node:util'
import { createDb, type Role, type Side } from '@dj/db'
import { loadApiConfig } from '../config.js'
import { createStaffUser } from '../domains/accounts/create-staff.js'

const { values } = parseArgs({
  options: {
    email: { type: 'string' },
    role: { type: 'string' },
    side: { type: 'string' },
    name: { type: 'string' },
  },
})
const password = process.env.DJ_NEW_USER_PASSWORD
if (!values.email || !values.role || !values.name || !password) {
  console.error(
    'usage: DJ_NEW_USER_PASSWORD=… create-user --email E --role officer|admin [--side duren|jinhua] --name N',
  )
  process.exit(2)
}
if (values.role !== 'officer' && values.role !== 'admin') {
  console.error('--role must be officer or admin (coordinators register themselves)')
  process.exit(2)
}
const config = loadApiConfig()
const handle = createDb(config.DATABASE_URL, { max: 1 })
try {
  const id = await createStaffUser(
    handle.db,
    {
      email: values.email,
      password,
      name: values.name,
      role: values.role as Role,
      side: (values.side as Side) ?? null,
    },
    { memoryKib: config.ARGON2_MEMORY_KIB, timeCost: config.ARGON2_TIME_COST },
  )
  console.log(`created ${values.role} ${values.email} (${id})`)
} catch (error) {
  console.error(`could not create user: ${error instanceof Error ? error.message : error}`)
  process.exitCode = 1
} finally {
  await handle.close()
}
