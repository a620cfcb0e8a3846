/**
 * ZIP output for multi-file exports (repeats as files), streamed with fflate: text chunks go in,
 * compressed byte chunks come out in order, so neither side holds the whole archive as a string.
 */
import { Zip, ZipDeflate } from "fflate";

export interface ZipWriter {
  /** Starts the next file; push its text chunks, then call `end()` before the next file. */
  file(name: string): { push(chunk: string | Uint8Array): void; end(): void };
  /** Writes the central directory; no more files after this. */
  end(): void;
}

/**
 * A ZIP writer; `onData` receives the archive's bytes in order (synchronously, as they are ready).
 * `mtime` is stamped on every entry (default: now); pass a fixed date for byte-identical output.
 */
export function createZipWriter(onData: (bytes: Uint8Array) => void, options: { mtime?: Date; level?: 0 | 1 | 6 | 9 } = {}): ZipWriter {
  let failure: Error | null = null;
  const zip = new Zip((err, data) => {
    if (err) failure = err;
    else onData(data);
  });
  const encoder = new TextEncoder();
  const check = () => {
    if (failure) throw failure;
  };
  return {
    file(name) {
      const entry = new ZipDeflate(name, { level: options.level ?? 6 });
      entry.mtime = options.mtime ?? new Date();
      zip.add(entry);
      return {
        push(chunk) {
          // Bytes are copied: callers pass views into buffers they reuse.
          if (chunk.length > 0) entry.push(typeof chunk === "string" ? encoder.encode(chunk) : chunk.slice());
          check();
        },
        end() {
          entry.push(new Uint8Array(0), true);
          check();
        },
      };
    },
    end() {
      zip.end();
      check();
    },
  };
}

/** Zips files given as text chunks; returns the archive's bytes in one array (tests, CLI). */
export function zipTextFiles(files: readonly { name: string; chunks(): Iterable<string> }[], options?: { mtime?: Date }): Uint8Array {
  const parts: Uint8Array[] = [];
  const writer = createZipWriter((b) => parts.push(b), options);
  for (const f of files) {
    const entry = writer.file(f.name);
    for (const chunk of f.chunks()) entry.push(chunk);
    entry.end();
  }
  writer.end();
  let size = 0;
  for (const p of parts) size += p.length;
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
