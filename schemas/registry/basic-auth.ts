import { createHash, timingSafeEqual } from 'node:crypto';
import { ConfluentError } from '../../errors/index.ts';
import type { BasicAuthCredentials } from '../../config/index.ts';

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

/**
 * The check @fastify/basic-auth calls with the decoded user and password. Digests are compared
 * in constant time, both of them always, so neither the lengths nor which part was wrong leak.
 */
export function basicAuthValidator(expected: BasicAuthCredentials): (user: string, password: string) => Promise<void> {
  const user = digest(expected.user);
  const password = digest(expected.password.reveal());
  return (givenUser, givenPassword) => {
    const userMatches = timingSafeEqual(digest(givenUser), user);
    const passwordMatches = timingSafeEqual(digest(givenPassword), password);
    return userMatches && passwordMatches
      ? Promise.resolve()
      : Promise.reject(new ConfluentError(401, 401, 'Unauthorized'));
  };
}
