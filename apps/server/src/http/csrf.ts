import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export const CSRF_HEADER = 'x-perch-csrf';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const JSON_BODY = ['application/json'];

/**
 * S4, for every state-changing request to the API (tRPC mutations are POSTs):
 * - a custom header, which a cross-site form or `fetch` without CORS pre-flight cannot set;
 * - a JSON body (forms, text/plain and multipart are refused before parsing), or, for a raw upload route, one of
 *   its non-"simple" content types (`text/csv`…), which a cross-site form cannot send either;
 * - `Origin`, when sent, must be one of ours; `Sec-Fetch-Site`, when sent, must be same-origin (or none).
 * Webhook routes (raw, signed by their senders) are exempt by prefix.
 */
export function csrfViolation(
  req: FastifyRequest,
  allowedOrigins: string[],
  bodyTypes: readonly string[] = JSON_BODY,
): string | null {
  if (!UNSAFE.has(req.method)) return null;
  if (req.headers[CSRF_HEADER] !== '1') return `missing ${CSRF_HEADER} header`;
  const contentType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (!bodyTypes.includes(contentType) && !(contentType === '' && req.headers['content-length'] === '0')) {
    return `content type must be ${bodyTypes.join(' or ')}`;
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !allowedOrigins.includes(origin)) return 'foreign origin';
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return 'cross-site request';
  return null;
}

/** An `onRequest` hook answering 403 to a forged request before its body is read (nothing parsed or written). */
export function csrfGuard(allowedOrigins: string[], bodyTypes: readonly string[] = JSON_BODY) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const violation = csrfViolation(req, allowedOrigins, bodyTypes);
    if (!violation) return;
    req.log.warn({ violation, origin: req.headers.origin }, 'csrf: request refused');
    await reply.code(403).send({ error: { message: `Request refused: ${violation}`, perchCode: 'CSRF' } });
  };
}

export function registerCsrfGuard(app: FastifyInstance, prefix: string, allowedOrigins: string[]) {
  const guard = csrfGuard(allowedOrigins);
  app.addHook('onRequest', async (req, reply) => {
    if (req.url.startsWith(prefix)) await guard(req, reply);
  });
}
