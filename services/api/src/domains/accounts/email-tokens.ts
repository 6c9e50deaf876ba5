import { randomUUID } from 'node:crypto'
import { type DbOrTx, type EmailTokenPurpose, emailTokens } from '@dj/db'
import { isLinkToken, linkToken } from '@dj/queue'
import { and, eq, gt, isNull, sql } from 'drizzle-orm'
import { hashToken } from './secrets.js'

/**
 * Creates the token row of an email link and returns its id, never the token: the token is
 * derived from the id under EMAIL_LINK_SECRET (linkToken of @dj/queue) by the notifier when it
 * writes the mail, so the event that asks for the mail carries the id alone. Only the token's
 * hash is stored, for the lookup when the link is used.
 */
export async function createEmailToken(
  tx: DbOrTx,
  linkSecret: string,
  userId: string,
  purpose: EmailTokenPurpose,
  ttlHours: number,
): Promise<{ tokenId: string; expiresAt: Date }> {
  const tokenId = randomUUID()
  const expiresAt = new Date(Date.now() + ttlHours * 3600_000)
  // A new token replaces older unused ones of the same purpose: only the latest link works.
  await tx
    .update(emailTokens)
    .set({ usedAt: sql`now()` })
    .where(and(eq(emailTokens.userId, userId), eq(emailTokens.purpose, purpose), isNull(emailTokens.usedAt)))
  await tx.insert(emailTokens).values({
    id: tokenId,
    userId,
    purpose,
    tokenHash: hashToken(linkToken(linkSecret, purpose, tokenId)),
    expiresAt,
  })
  return { tokenId, expiresAt }
}

/**
 * Marks the token used and returns its user, or null when unknown, used, expired, or not the
 * token derived for its row (tokens from before derived links, which sat in the outbox in clear,
 * therefore open nothing).
 */
export async function consumeEmailToken(
  tx: DbOrTx,
  linkSecret: string,
  purpose: EmailTokenPurpose,
  token: string,
): Promise<string | null> {
  const [row] = await tx
    .select({ id: emailTokens.id })
    .from(emailTokens)
    .where(
      and(
        eq(emailTokens.tokenHash, hashToken(token)),
        eq(emailTokens.purpose, purpose),
        isNull(emailTokens.usedAt),
        gt(emailTokens.expiresAt, sql`now()`),
      ),
    )
  if (!row || !isLinkToken(linkSecret, purpose, row.id, token)) return null
  const [used] = await tx
    .update(emailTokens)
    .set({ usedAt: sql`now()` })
    .where(and(eq(emailTokens.id, row.id), isNull(emailTokens.usedAt)))
    .returning({ userId: emailTokens.userId })
  return used?.userId ?? null
}
