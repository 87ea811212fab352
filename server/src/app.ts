import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import { postgresRateLimitStore } from './platform/rate-limit-store';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Database } from './db/database';
import { aftercareRoutes } from './modules/aftercare/aftercare.routes';
import { auditRoutes } from './modules/audit/audit.routes';
import { authRoutes } from './modules/auth/auth.routes';
import { clinicRoutes } from './modules/clinic/clinic.routes';
import { consentsRoutes } from './modules/consents/consents.routes';
import { fhirApiRoutes } from './modules/fhir-api/fhir-api.routes';
import { registerFhirBearer } from './modules/fhir-api/fhir-bearer';
import { fhirClientsRoutes } from './modules/fhir-api/fhir-clients.routes';
import { defaultExportDir } from './modules/fhir-api/fhir-export.service';
import { healthRoutes } from './modules/health/health.routes';
import { importsRoutes } from './modules/imports/imports.routes';
import type { ImportLimits } from './modules/imports/import-sources';
import { messagesRoutes } from './modules/messages/messages.routes';
import { outcomesRoutes } from './modules/outcomes/outcomes.routes';
import { educationRoutes } from './modules/education/education.routes';
import { patientsRoutes } from './modules/patients/patients.routes';
import { clinicalPhotosRoutes } from './modules/photos/clinical-photos.routes';
import { photosRoutes } from './modules/photos/photos.routes';
import { createFolderBlobStore, type BlobStore } from './platform/blob-store/blob-store';
import { plansRoutes } from './modules/plans/plans.routes';
import { portalRoutes } from './modules/portal/portal.routes';
import { bookingsRoutes } from './modules/scheduling/bookings.routes';
import { resourcesRoutes } from './modules/scheduling/resources.routes';
import { screeningRoutes } from './modules/screening/screening.routes';
import { usersRoutes } from './modules/users/users.routes';
import { inventoryRoutes } from './modules/inventory/inventory.routes';
import { adverseEventsRoutes } from './modules/adverse-events/adverse-events.routes';
import { treatmentRecordsRoutes } from './modules/treatment-records/treatment-records.routes';
import type { AuditAnchor } from './platform/audit-checkpoints';
import type { Clock } from './platform/clock';
import {
  answerClientError,
  answerFrameworkError,
  registerErrorHandler,
  validatorCompiler,
} from './platform/error-handler';
import { requestLogFields } from './platform/log-redaction';
import { registerSessions } from './platform/session';
import { registerBodyTypeGuard, registerRequestGuard } from './platform/request-guard';

export interface AppDeps {
  db: Database;
  clock: Clock;
  logLevel?: string;
  cookieSecure?: boolean;
  /** The address users reach, for links in emails. */
  publicUrl?: string;
  /** Sign-in attempts allowed per client address per minute (default 10). */
  signInAttemptsPerMinute?: number;
  /** Where logs go (default stdout); tests read them. */
  logStream?: { write(line: string): void };
  /** Failed sign-ins allowed per client address per 15 minutes (default 20). */
  signInFailuresPerAddress?: number;
  /** Folder of the built web app to serve; omitted in API-only tests. */
  webDist?: string | null;
  /** Folder for Bulk Data export files (default: a folder under the system's temp folder). */
  exportDir?: string;
  /** No SMTP_URL: emails are kept in the development mail catcher (owners of a trial read them). */
  mailCatcher?: boolean;
  /** Bounds on import uploads (body, one resource, one FHIR batch); defaults in `defaultImportLimits`. */
  importLimits?: Partial<ImportLimits>;
  /** Set while the server shuts down: `/ready` answers 503 so a proxy sends requests elsewhere. */
  lifecycle?: { draining: boolean };
  /** Where photo files live (default: a folder under the system's temp folder, for tests and benchmarks). */
  photoStore?: BlobStore;
  /** Proxies whose X-Forwarded-For gives the client's address (TRUST_PROXY); default none. */
  trustProxy?: string[] | number | false;
  /** Signed audit checkpoints outside the database that `GET /api/audit/verify` checks the chain against. */
  auditAnchor?: AuditAnchor | null;
}

export const defaultWebDist = fileURLToPath(new URL('../../web/dist/', import.meta.url));

/** TRUST_PROXY for Fastify: proxy addresses as they are; a hop count as "trust the nearest n hops". */
function trustedProxies(
  trust: AppDeps['trustProxy'],
): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  return trust ?? false;
}

/** Builds the whole app (plugins + modules) without listening, so tests can `inject` requests. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: deps.logLevel ?? 'silent',
      redact: ['req.headers.cookie', 'req.headers.authorization'],
      serializers: { req: requestLogFields },
      ...(deps.logStream ? { stream: deps.logStream } : {}),
    },
    bodyLimit: 1_048_576,
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
    trustProxy: trustedProxies(deps.trustProxy),
    clientErrorHandler: answerClientError,
    frameworkErrors: answerFrameworkError,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // JSON only: a cross-site form (text/plain, urlencoded) can never reach a handler with the session cookie.
  app.removeContentTypeParser('text/plain');
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  const webDist = deps.webDist === undefined ? defaultWebDist : deps.webDist;
  registerErrorHandler(app, { spa: Boolean(webDist && existsSync(webDist)) });
  // Brotli or gzip for every answer over 1 kB that the client accepts (the web app's scripts most of all).
  await app.register(compress, { encodings: ['br', 'gzip'], threshold: 1024 });
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        // 'wasm-unsafe-eval' lets the lazily loaded barcode reader compile its WebAssembly; it allows no JS eval.
        'script-src': ["'self'", "'wasm-unsafe-eval'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
      },
    },
  });
  await app.register(cookie);
  // Counters in PostgreSQL: a limit holds across every app instance behind a proxy (ADR 043).
  await app.register(rateLimit, { global: false, store: postgresRateLimitStore(deps.db) });
  await app.register(swagger, {
    openapi: { info: { title: 'Needlepoint API', version: '0.1.0' } },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  registerFhirBearer(app, { db: deps.db, clock: deps.clock });
  registerRequestGuard(app, { publicUrl: deps.publicUrl ?? 'http://localhost:3000' });
  registerSessions(app, { db: deps.db, clock: deps.clock });
  registerBodyTypeGuard(app);

  const cookieSecure = deps.cookieSecure ?? false;
  await app.register(healthRoutes({ db: deps.db, lifecycle: deps.lifecycle ?? { draining: false } }));
  await app.register(
    authRoutes({
      db: deps.db,
      clock: deps.clock,
      cookieSecure,
      attemptsPerMinute: deps.signInAttemptsPerMinute ?? 10,
      ...(deps.signInFailuresPerAddress ? { addressFailureLimit: deps.signInFailuresPerAddress } : {}),
    }),
  );
  await app.register(usersRoutes({ db: deps.db, clock: deps.clock, cookieSecure }));
  await app.register(clinicRoutes({ db: deps.db, clock: deps.clock, cookieSecure }));
  await app.register(auditRoutes({ db: deps.db, anchor: deps.auditAnchor ?? null }));
  await app.register(patientsRoutes({ db: deps.db, clock: deps.clock }));
  const publicUrl = deps.publicUrl ?? 'http://localhost:3000';
  await app.register(portalRoutes({ db: deps.db, clock: deps.clock, publicUrl, cookieSecure }));
  await app.register(consentsRoutes(deps));
  const photoDeps = {
    db: deps.db,
    clock: deps.clock,
    store: deps.photoStore ?? createFolderBlobStore(join(tmpdir(), `needlepoint-photos-${process.pid}`)),
  };
  await app.register(photosRoutes(photoDeps));
  await app.register(clinicalPhotosRoutes(photoDeps));
  await app.register(screeningRoutes({ db: deps.db, clock: deps.clock }));
  await app.register(importsRoutes({ db: deps.db, limits: deps.importLimits ?? {} }));
  await app.register(plansRoutes({ db: deps.db, clock: deps.clock }));
  await app.register(resourcesRoutes({ db: deps.db }));
  await app.register(bookingsRoutes({ db: deps.db, clock: deps.clock, publicUrl }));
  await app.register(aftercareRoutes({ db: deps.db, clock: deps.clock }));
  await app.register(treatmentRecordsRoutes({ db: deps.db, clock: deps.clock }));
  await app.register(inventoryRoutes({ db: deps.db, clock: deps.clock }));
  await app.register(adverseEventsRoutes({ db: deps.db, clock: deps.clock }));
  await app.register(fhirClientsRoutes({ db: deps.db, publicUrl }));
  await app.register(
    fhirApiRoutes({
      db: deps.db,
      clock: deps.clock,
      publicUrl,
      exportDir: deps.exportDir ?? defaultExportDir,
    }),
  );
  await app.register(outcomesRoutes({ db: deps.db, clock: deps.clock }));
  await app.register(educationRoutes({ db: deps.db, clock: deps.clock }));
  await app.register(
    messagesRoutes({ db: deps.db, clock: deps.clock, mailCatcher: deps.mailCatcher ?? false, publicUrl }),
  );

  if (webDist && existsSync(webDist)) {
    // Files are looked up per request (wildcard), so a rebuilt web app is served without a restart; any other
    // page path falls through to the not-found handler, which answers the SPA's index.html.
    await app.register(fastifyStatic, {
      root: webDist,
      prefix: '/',
      wildcard: true,
      // Built assets carry a content hash in their name: cached for a year. index.html is revalidated.
      cacheControl: false,
      setHeaders: (res, path) => {
        res.setHeader(
          'cache-control',
          /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }
  return app;
}
