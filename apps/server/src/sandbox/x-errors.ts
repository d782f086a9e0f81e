import type { FastifyReply } from 'fastify';

/**
 * X v2 error bodies. X answers auth, rate-limit and server errors with a bare RFC 7807 problem
 * (`{title, type, detail, status}`, content type application/problem+json), and request errors (400, 403 on a
 * post) with the same fields plus an `errors[]` array. A connector has to read both, so the sandbox does the same.
 */
export interface XProblem {
  title: string;
  type: string;
  detail: string;
  status: number;
}

const INVALID_REQUEST = 'https://api.twitter.com/2/problems/invalid-request';

export const problems = {
  unauthorized: (): XProblem => ({ title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' }),
  tooManyRequests: (): XProblem => ({
    title: 'Too Many Requests',
    type: 'about:blank',
    status: 429,
    detail: 'Too Many Requests',
  }),
  serverError: (status: 500 | 502 | 503): XProblem => {
    const title = { 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable' }[status];
    return { title, type: 'about:blank', status, detail: title };
  },
  forbidden: (detail: string): XProblem => ({ title: 'Forbidden', type: 'about:blank', status: 403, detail }),
  unsupportedAuthentication: (): XProblem => ({
    title: 'Unsupported Authentication',
    type: 'https://api.twitter.com/2/problems/unsupported-authentication',
    status: 403,
    detail:
      'Authenticating with OAuth 2.0 Application-Only is forbidden for this endpoint.  Supported authentication types are [OAuth 1.0a User Context, OAuth 2.0 User Context].',
  }),
};

/** A bare problem (401, 429, 5xx). */
export function sendProblem(reply: FastifyReply, problem: XProblem): FastifyReply {
  return reply.code(problem.status).type('application/problem+json').send(problem);
}

/** A request error: the problem's fields at the top level and once more in `errors[]`. */
export function sendRequestError(reply: FastifyReply, problem: XProblem): FastifyReply {
  return reply
    .code(problem.status)
    .type('application/json')
    .send({ ...problem, errors: [{ ...problem, message: problem.detail }] });
}

/** X's 400 for a bad query or body parameter: names the parameter and the offending value. */
export function sendInvalidRequest(reply: FastifyReply, parameter: string, value: string, message: string) {
  return reply
    .code(400)
    .type('application/json')
    .send({
      errors: [{ parameters: { [parameter]: [value] }, message }],
      title: 'Invalid Request',
      detail: 'One or more parameters to your request was invalid.',
      type: INVALID_REQUEST,
      status: 400,
    });
}
