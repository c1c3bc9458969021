// Feed files are UTF-8: bytes that are not are refused, rather than silently turned into
// replacement characters in a name. The SHA-256 of the whole file is its identity.
import { Transform, type TransformCallback } from 'node:stream';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { FeedFileError } from './feed-file-error.ts';

export class Utf8Guard extends Transform {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    try {
      this.decoder.decode(chunk, { stream: true });
    } catch {
      done(new FeedFileError('not_utf8', 'The file is not UTF-8 text; save it as UTF-8 CSV and send it again.'));
      return;
    }
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    try {
      this.decoder.decode();
    } catch {
      done(new FeedFileError('not_utf8', 'The file is not UTF-8 text (it ends inside a character).'));
      return;
    }
    done();
  }

}

/** SHA-256 of a whole file, read before anything is parsed (to spot a file sent twice). */
export async function sha256OfFile(open: () => AsyncIterable<Buffer>): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of open()) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

/** A file's bytes through the UTF-8 guard; a read error (a missing file) fails the stream, not the process. */
export function openUtf8File(path: string): Utf8Guard {
  const source = createReadStream(path);
  const guard = new Utf8Guard();
  source.on('error', (e) => guard.destroy(e));
  return source.pipe(guard);
}
