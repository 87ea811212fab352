import { isIP } from 'node:net';
import { z } from 'zod';

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_OWNER_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PUBLIC_URL: z.string().url().optional(),
  SEED_DEMO: z.enum(['true', 'false']).optional(),
  COOKIE_SECURE: z.enum(['true', 'false', 'auto']).default('auto'),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default('Needlepoint <no-reply@needlepoint.local>'),
  FHIR_EXPORT_DIR: z.string().optional(),
  IMPORT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(256 * 1024 * 1024),
  IMPORT_MAX_RESOURCE_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(4 * 1024 * 1024),
  FHIR_BATCH_MAX_ENTRIES: z.coerce.number().int().min(1).default(1000),
  MAIL_LOG_BODIES: z.enum(['true', 'false']).default('false'),
  SHUTDOWN_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  SMS_PROVIDER_URL: z.string().url().optional(),
  SMS_PROVIDER_TOKEN: z.string().min(1).optional(),
  PHOTO_STORE: z.enum(['folder', 's3']).default('folder'),
  PHOTO_DIR: z.string().optional(),
  S3_ENDPOINT: z.string().url().optional(),
  S3_BUCKET: z.string().min(1).optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).optional(),
  TRUST_PROXY: z
    .string()
    .trim()
    .refine(
      (v) => v === '' || /^\d+$/.test(v) || v.split(',').every((item) => isAddressOrRange(item.trim())),
      {
        message: 'a number of proxy hops, or proxy addresses / CIDR ranges separated by commas',
      },
    )
    .optional(),
  AUDIT_CHECKPOINT_KEY: z.string().min(32, 'use a secret of at least 32 characters').optional(),
});

/** An IPv4/IPv6 address, or one with a /prefix (CIDR). */
function isAddressOrRange(value: string): boolean {
  const [address, prefix, ...rest] = value.split('/');
  if (rest.length || !address || isIP(address) === 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d+$/.test(prefix) && bits <= (isIP(address) === 4 ? 32 : 128);
}

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** Migrations connect here when set; DATABASE_URL is then the app's own role (ADR 061). */
  databaseOwnerUrl: string | undefined;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  publicUrl: string;
  seedDemo: boolean;
  /** Secure cookies are sent only over HTTPS; `auto` sets them when the public URL is https. */
  cookieSecure: boolean;
  /** Outgoing mail; unset: messages are written to the log. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Bulk Data export files; default DATA_DIR/fhir-exports. */
  exportDir: string;
  /** Bounds on imports: one upload, one resource (NDJSON line or Bundle entry), entries in one FHIR batch. */
  importLimits: { maxBytes: number; maxResourceBytes: number; maxBatchEntries: number };
  /** Without SMTP: also log message bodies (development mail catcher only). */
  mailLogBodies: boolean;
  /** On SIGTERM: how long `/ready` says not-ready before the server stops taking requests (for a proxy). */
  shutdownDelayMs: number;
  /** Text messages: an HTTP provider when set, otherwise written to the log (development). */
  sms: { url: string | undefined; token: string | undefined };
  /** Where photo files live: a folder (default DATA_DIR/photos) or an S3-compatible bucket. */
  photoStore: PhotoStoreConfig;
  /**
   * Proxies whose X-Forwarded-For is believed (addresses / CIDR ranges, or a number of hops); false: none, the
   * client address is the connection's. Behind a proxy, rate limits and audit rows need the client's address.
   */
  trustProxy: string[] | number | false;
  /**
   * Signed checkpoints of the audit chain, appended to `file` (DATA_DIR/audit-checkpoints.jsonl) with the key
   * AUDIT_CHECKPOINT_KEY; without one, development and demo (not https, or SEED_DEMO) keep a key in DATA_DIR.
   */
  auditCheckpoints: { file: string; key: string | undefined; development: boolean };
}

export type PhotoStoreConfig =
  | { kind: 'folder'; dir: string }
  | {
      kind: 's3';
      bucket: string;
      region: string;
      endpoint: string | undefined;
      forcePathStyle: boolean;
      credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
    };

function photoStoreOf(e: z.infer<typeof Env>): PhotoStoreConfig {
  if (e.PHOTO_STORE === 'folder')
    return { kind: 'folder', dir: e.PHOTO_DIR ?? `${e.DATA_DIR.replace(/\/$/, '')}/photos` };
  if (!e.S3_BUCKET) throw new Error('Invalid environment: S3_BUCKET is required when PHOTO_STORE=s3');
  if (Boolean(e.S3_ACCESS_KEY_ID) !== Boolean(e.S3_SECRET_ACCESS_KEY))
    throw new Error('Invalid environment: set both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or neither');
  return {
    kind: 's3',
    bucket: e.S3_BUCKET,
    region: e.S3_REGION,
    endpoint: e.S3_ENDPOINT,
    // Most S3-compatible servers (MinIO, Ceph, s3rver) want the bucket in the path; AWS takes either.
    forcePathStyle: e.S3_FORCE_PATH_STYLE ? e.S3_FORCE_PATH_STYLE === 'true' : Boolean(e.S3_ENDPOINT),
    credentials:
      e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY
        ? { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY }
        : undefined,
  };
}

export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
      .join('; ');
    throw new Error(`Invalid environment: ${problems}`);
  }
  const e = parsed.data;
  const publicUrl = e.PUBLIC_URL ?? `http://localhost:${e.PORT}`;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    databaseOwnerUrl: e.DATABASE_OWNER_URL,
    logLevel: e.LOG_LEVEL,
    publicUrl,
    // The demo clinic is for trials: never on an https (real) address unless asked for explicitly.
    seedDemo: e.SEED_DEMO === 'true' || (e.SEED_DEMO === undefined && !publicUrl.startsWith('https:')),
    cookieSecure: e.COOKIE_SECURE === 'auto' ? publicUrl.startsWith('https:') : e.COOKIE_SECURE === 'true',
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    exportDir: e.FHIR_EXPORT_DIR ?? `${e.DATA_DIR.replace(/\/$/, '')}/fhir-exports`,
    importLimits: {
      maxBytes: e.IMPORT_MAX_BYTES,
      maxResourceBytes: e.IMPORT_MAX_RESOURCE_BYTES,
      maxBatchEntries: e.FHIR_BATCH_MAX_ENTRIES,
    },
    mailLogBodies: e.MAIL_LOG_BODIES === 'true',
    shutdownDelayMs: e.SHUTDOWN_DELAY_MS,
    sms: { url: e.SMS_PROVIDER_URL, token: e.SMS_PROVIDER_TOKEN },
    photoStore: photoStoreOf(e),
    trustProxy:
      e.TRUST_PROXY === undefined || e.TRUST_PROXY === ''
        ? false
        : /^\d+$/.test(e.TRUST_PROXY)
          ? Number(e.TRUST_PROXY)
          : e.TRUST_PROXY.split(',').map((item) => item.trim()),
    auditCheckpoints: {
      file: `${e.DATA_DIR.replace(/\/$/, '')}/audit-checkpoints.jsonl`,
      key: e.AUDIT_CHECKPOINT_KEY,
      development: !publicUrl.startsWith('https:') || e.SEED_DEMO === 'true',
    },
  };
}
