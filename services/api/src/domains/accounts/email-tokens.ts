import { type DbOrTx, type EmailTokenPurpose, emailTokens } from '@dj/db'
import { and, eq, gt, isNull, sql } from 'drizzle-orm'
import { hashToken, newOpaqueToken } from './secrets.js'

export async function createEmailToken(
  tx: DbOrTx,
  userId: string,
  purpose: EmailTokenPurpose,
  ttlHours: number,
): Promise<{ token: string; expiresAt: Date }> {
  const token = newOpaqueToken()
  const expiresAt = new Date(Date.now() + ttlHours * 3600_000)
  // A new token replaces older unused ones of the same purpose: only the latest link works.
  await tx
    .update(emailTokens)
    .set({ usedAt: sql`now()` })
    .where(and(eq(emailTokens.userId, userId), eq(emailTokens.purpose, purpose), isNull(emailTokens.usedAt)))
  await tx.insert(emailTokens).values({ userId, purpose, tokenHash: hashToken(token), expiresAt })
  return { token, expiresAt }
}

/** Marks the token used and returns its user, or null when unknown, used or expired. */
export async function consumeEmailToken(
  tx: DbOrTx,
  purpose: EmailTokenPurpose,
  token: string,
): Promise<string | null> {
  const [row] = await tx
    .update(emailTokens)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(emailTokens.tokenHash, hashToken(token)),
        eq(emailTokens.purpose, purpose),
        isNull(emailTokens.usedAt),
        gt(emailTokens.expiresAt, sql`now()`),
      ),
    )
    .returning({ userId: emailTokens.userId })
  return row?.userId ?? null
}
