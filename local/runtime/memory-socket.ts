import { Duplex } from 'node:stream';

/**
 * Two connected in-memory stream ends that stand in for a TCP connection between two servers of
 * the local world. Node's own HTTP client and server run over them unchanged (its parser and
 * serializer, keep-alive, idle timeouts); only the kernel's loopback is skipped, which costs more
 * than the whole exchange does over memory. Each end offers what Node's http and its callers
 * read from a net.Socket: the addresses (a fake's IP check reads `remoteAddress`), setTimeout
 * (the server's keep-alive timeout, the agent's idle timeout), and destroy (a server that hangs
 * up), which ends the other side as a closed connection would.
 */
export class MemorySocket extends Duplex {
  peer!: MemorySocket;
  readonly remoteFamily = 'IPv4';
  readonly connecting = false;
  private idleMs = 0;
  private idleTimer: NodeJS.Timeout | null = null;

  constructor(
    readonly localAddress: string,
    readonly localPort: number,
    readonly remoteAddress: string,
    readonly remotePort: number,
  ) {
    // A half-closed TCP connection is ended by Node's http at once: so here too.
    super({ allowHalfOpen: false });
  }

  override _read(): void {}

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.deliver(chunk, callback);
  }

  // Node's HTTP writes a message's head and body corked: hand them over as one chunk, parsed once.
  override _writev(chunks: Array<{ chunk: Buffer }>, callback: (error?: Error | null) => void): void {
    this.deliver(chunks.length === 1 ? chunks[0]!.chunk : Buffer.concat(chunks.map((c) => c.chunk)), callback);
  }

  private deliver(chunk: Buffer, callback: (error?: Error | null) => void): void {
    if (this.peer.destroyed || this.peer.eof) return callback(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    this.touch();
    this.peer.touch();
    this.peer.push(chunk);
    callback();
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.peer.end_();
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    // The other end sees the connection close: what it had not read yet is still delivered.
    this.peer.end_();
    callback(error);
  }

  /** As net.Socket#setTimeout: 'timeout' after `ms` without traffic; 0 turns it off. */
  setTimeout(ms: number, callback?: () => void): this {
    this.idleMs = ms;
    if (callback) {
      if (ms === 0) this.removeListener('timeout', callback);
      else this.once('timeout', callback);
    }
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    this.touch();
    return this;
  }

  setNoDelay(): this {
    return this;
  }

  setKeepAlive(): this {
    return this;
  }

  // Nothing here keeps the process alive (an idle timer never does, as with a real socket's).
  ref(): this {
    return this;
  }

  unref(): this {
    return this;
  }

  address(): { address: string; family: string; port: number } {
    return { address: this.localAddress, family: 'IPv4', port: this.localPort };
  }

  /** Whether the other end has finished writing to this one. */
  eof = false;

  private end_(): void {
    if (this.eof || this.destroyed) return;
    this.eof = true;
    this.push(null);
  }

  private touch(): void {
    if (this.idleMs <= 0 || this.destroyed) return;
    if (this.idleTimer) {
      this.idleTimer.refresh();
      return;
    }
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      this.emit('timeout');
    }, this.idleMs);
    this.idleTimer.unref();
  }
}

let nextPort = 40_000;

/**
 * A connection from `clientAddress` to a server at `serverAddress:serverPort`: [client end, server
 * end]. The ephemeral port only tells one connection from another.
 */
export function memoryConnection(clientAddress: string, serverAddress: string, serverPort: number): [MemorySocket, MemorySocket] {
  const port = (nextPort = nextPort >= 60_999 ? 40_000 : nextPort + 1);
  const client = new MemorySocket(clientAddress, port, serverAddress, serverPort);
  const server = new MemorySocket(serverAddress, serverPort, clientAddress, port);
  client.peer = server;
  server.peer = client;
  return [client, server];
}
