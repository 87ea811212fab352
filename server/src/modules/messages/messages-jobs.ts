/**
 * Job names of the outbox (stable: jobs already queued carry them). One job per message row, key `message:<id>`,
 * run at the row's `send_at`; the task in server/src/jobs/tasks.ts delivers it (delivery.service.ts).
 */
export const messageJobs = {
  deliver: 'message-deliver',
} as const;

export const messageJobKey = (messageId: string): string => `message:${messageId}`;

/** Delivery gives up after this many attempts (graphile-worker's exponential backoff: about 3 days in all). */
export const maxDeliveryAttempts = 25;
