import { attachmentBlobs, type DbOrTx } from '@dj/db'
import { eq } from 'drizzle-orm'

/**
 * Where attachment bytes live, by attachment id. The PostgreSQL store writes them in the caller's
 * transaction, so an upload is stored whole or not at all, needs no extra service and is in every
 * database backup. An S3-compatible store can implement the same two calls later (it would then
 * write before the commit and sweep keys whose attachment row never committed).
 */
export interface AttachmentStore {
  put(tx: DbOrTx, attachmentId: string, bytes: Uint8Array): Promise<void>
  get(db: DbOrTx, attachmentId: string): Promise<Buffer | null>
}

export const postgresAttachmentStore: AttachmentStore = {
  async put(tx, attachmentId, bytes) {
    await tx.insert(attachmentBlobs).values({ attachmentId, bytes: Buffer.from(bytes) })
  },
  async get(db, attachmentId) {
    const [row] = await db
      .select({ bytes: attachmentBlobs.bytes })
      .from(attachmentBlobs)
      .where(eq(attachmentBlobs.attachmentId, attachmentId))
    return row?.bytes ?? null
  },
}
