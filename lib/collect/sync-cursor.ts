import { z } from 'zod';

// provider_connection.sync_cursor: how far collection got, per purpose.
export const syncCursorSchema = z.object({
  completeThroughMs: z.number().int().optional(), // the minute pull stored everything before this
  backfill: z.object({ sinceMs: z.number().int(), doneThroughMs: z.number().int() }).optional(),
});
export type SyncCursor = z.infer<typeof syncCursorSchema>;

export function readCursor(value: unknown): SyncCursor {
  const parsed = syncCursorSchema.safeParse(value ?? {});
  return parsed.success ? parsed.data : {};
}
