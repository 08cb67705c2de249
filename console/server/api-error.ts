import type { FastifyError, FastifyReply } from 'fastify';
import { ZodError } from 'zod';
import { CredentialsRejectedError, KafkaClientError, ReadPositionError, SchemaRegistryError, ServiceUnavailableError, ShelfstreamError } from '../../errors/index.ts';
import type { Logger } from '../../infra/logger.ts';
import type { ApiError } from '../web/src/api-types.ts';

/**
 * Every failure as `{error: {code, message, service}}`: a service down or refusing us is a 502
 * naming it, so the page shows which one; a registry's own refusal keeps its status (404, 422).
 * Messages are the project's typed errors, which never carry credentials.
 */
export function apiError(error: FastifyError | Error, reply: FastifyReply, log: Logger | undefined): FastifyReply {
  const [status, body] = describe(error);
  if (status >= 500) log?.warn({ err: error, url: reply.request.url }, 'console API call failed');
  return reply.code(status).send(body);
}

/** The status and body an error answers with; the Sales stream sends the body as an event. */
export function describe(error: Error): [number, ApiError] {
  const answer = (status: number, code: string, service?: string, message = error.message): [number, ApiError] => [
    status,
    { error: { code, message, ...(service === undefined ? {} : { service }) } },
  ];
  if (error instanceof ZodError) return answer(400, 'BAD_REQUEST', undefined, requestProblems(error));
  if (error instanceof ReadPositionError) return answer(400, error.code);
  if (error instanceof ServiceUnavailableError || error instanceof CredentialsRejectedError) return answer(502, error.code, error.service);
  if (error instanceof SchemaRegistryError) return answer(error.status >= 500 ? 502 : error.status, error.code, 'Schema Registry');
  // A topic that is not there is the address's fault, not Kafka's: the page says not found.
  if (error instanceof KafkaClientError && error.code === 'KAFKA_UNKNOWN_TOPIC_OR_PARTITION') return answer(404, error.code, 'Kafka', 'Kafka has no such topic or partition');
  if (error instanceof KafkaClientError) return answer(502, error.code, 'Kafka');
  if (error instanceof ShelfstreamError) return answer(500, error.code);
  const status = (error as FastifyError).statusCode;
  if (status !== undefined && status < 500) return answer(status, (error as FastifyError).code);
  return answer(500, 'INTERNAL');
}

/** A refused request's problems as a person reads them: `timestamp: 'soon' is not a time…`. */
function requestProblems(error: ZodError): string {
  return error.issues.map((issue) => (issue.path.length === 0 ? issue.message : `${issue.path.join('.')}: ${issue.message}`)).join('; ');
}
