import { dirname } from 'node:path';
import { ShelfstreamError, type ShelfstreamErrorOptions } from './shelfstream-error.ts';

/** System calls on a path: their failures are about the file, not the program. */
const FILE_CALLS = new Set(['open', 'stat', 'lstat', 'fstat', 'read', 'write', 'access', 'mkdir', 'scandir', 'rename']);

/**
 * A file given on the command line cannot be read or written: missing, a directory, in a
 * directory that does not exist, or not permitted. A person must fix the path; never retried.
 */
export class FileAccessError extends ShelfstreamError {
  readonly code: 'FILE_UNREADABLE' | 'FILE_UNWRITABLE';
  readonly retriable = false;

  constructor(file: string, access: 'read' | 'write', reason: string, options: Omit<ShelfstreamErrorOptions, 'location'> = {}) {
    super(`cannot ${access} ${file}: ${reason}`, { ...options, location: { file } });
    this.code = access === 'read' ? 'FILE_UNREADABLE' : 'FILE_UNWRITABLE';
  }

  /** `error` as a FileAccessError on `file` when it is a file-system failure (ENOENT, EISDIR...); any other error as it is. */
  static of(file: string, access: 'read' | 'write', error: unknown): unknown {
    const { code, syscall, message } = error as { code?: unknown; syscall?: unknown; message?: unknown };
    if (typeof code !== 'string' || typeof syscall !== 'string' || !FILE_CALLS.has(syscall)) return error;
    // "ENOENT: no such file or directory, open 'x.csv'" → "no such file or directory".
    const reason =
      code === 'EISDIR' ? 'it is a directory'
      : code === 'ENOENT' && access === 'write' ? `directory ${dirname(file)} does not exist`
      : (/^[A-Z]+: ([^,]+)/.exec(String(message))?.[1] ?? code);
    return new FileAccessError(file, access, reason, { cause: error });
  }
}
