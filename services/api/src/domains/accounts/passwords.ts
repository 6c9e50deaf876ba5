import argon2 from 'argon2'

export interface PasswordPolicy {
  memoryKib: number
  timeCost: number
}

export const MIN_PASSWORD_LENGTH = 12

/** Argon2id at OWASP's recommended minimum (m=19 MiB, t=2, p=1) unless config asks for more. */
export function hashPassword(password: string, policy: PasswordPolicy): Promise<string> {
  return argon2.hash(password, {
    type: argon2.argon2id,
    memoryCost: policy.memoryKib,
    timeCost: policy.timeCost,
    parallelism: 1,
  })
}

export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  if (!hash) return false
  try {
    return await argon2.verify(hash, password)
  } catch {
    return false
  }
}

let dummyHash: Promise<string> | undefined
/**
 * Spends the same work as a real check when the account does not exist, so response time does
 * not tell an attacker which emails are registered.
 */
export async function burnPasswordCheck(password: string, policy: PasswordPolicy): Promise<void> {
  dummyHash ??= hashPassword('not-a-real-password-0000', policy)
  await verifyPassword(await dummyHash, password)
}

export function passwordProblems(password: string, email: string): string | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return `must be at least ${MIN_PASSWORD_LENGTH} characters`
  if (password.toLowerCase() === email.toLowerCase()) return 'must not be your email address'
  return null
}
