import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { FileAccessError } from '../../../errors/index.ts';

const failure = (promise: Promise<unknown>): Promise<unknown> => promise.then(() => assert.fail('expected a failure'), (error: unknown) => error);

describe('FileAccessError.of', () => {
  it('names the file and the reason of a file-system failure, with the file as location', async () => {
    const file = path.join(tmpdir(), 'shelfstream-no-such-file.csv');
    const error = FileAccessError.of(file, 'read', await failure(readFile(file)));
    assert.ok(error instanceof FileAccessError);
    assert.equal(error.code, 'FILE_UNREADABLE');
    assert.equal(error.retriable, false);
    assert.equal(error.message, `cannot read ${file}: no such file or directory`);
    assert.deepEqual(error.location, { file });
  });

  it('says which directory is missing when a file cannot be written, and when a path is a directory', async () => {
    const file = path.join(tmpdir(), 'shelfstream-no-such-dir', 'out.csv');
    const missingDir = FileAccessError.of(file, 'write', await failure(writeFile(file, 'x')));
    assert.ok(missingDir instanceof FileAccessError);
    assert.equal(missingDir.code, 'FILE_UNWRITABLE');
    assert.equal(missingDir.message, `cannot write ${file}: directory ${path.dirname(file)} does not exist`);
    const directory = FileAccessError.of(tmpdir(), 'read', await failure(readFile(tmpdir())));
    assert.ok(directory instanceof FileAccessError);
    assert.equal(directory.message, `cannot read ${tmpdir()}: it is a directory`);
  });

  it('leaves errors that are not about the file as they are', async () => {
    const refused = await new Promise<unknown>((resolve) => createConnection({ host: '127.0.0.1', port: 1 }).on('error', resolve));
    assert.equal(FileAccessError.of('x.csv', 'read', refused), refused);
    const bug = new TypeError('not a file problem');
    assert.equal(FileAccessError.of('x.csv', 'read', bug), bug);
  });
});
