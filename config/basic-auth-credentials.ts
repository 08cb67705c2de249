import { z } from 'zod';
import { Secret } from './secret.ts';

/** A user and password that HTTP basic auth must present. */
export interface BasicAuthCredentials {
  readonly user: string;
  readonly password: Secret;
}

/** `user:password`, split at the first colon (a password may hold colons); empty means no auth. */
export const basicAuthCredentials = z
  .string()
  .refine((s) => s === '' || /^[^:]+:.+$/.test(s), 'expected user:password')
  .transform((s): BasicAuthCredentials | undefined => {
    if (s === '') return undefined;
    const colon = s.indexOf(':');
    return { user: s.slice(0, colon), password: new Secret(s.slice(colon + 1)) };
  });
