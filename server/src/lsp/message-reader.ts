import { fstatSync, readSync } from 'node:fs';
import {
  AbstractMessageReader,
  type DataCallback,
  type Disposable,
  type Message,
  type MessageReader,
  type MessageStrategy,
} from 'vscode-languageserver/node';

const HEADER_END = '\r\n\r\n';
const CONTENT_LENGTH = /^content-length:\s*(\d+)\s*$/im;

const CANCEL_REQUEST = '$/cancelRequest';

/**
 * Messages read but not yet handed to their handlers. vscode-jsonrpc queues each message it is given
 * and dispatches one per `setImmediate`; work that yields through the event loop (the scheduler's
 * slices) asks `waiting` before going on, so that a request read meanwhile is answered first
 * rather than after the next slice. Cancellations are not counted: vscode-jsonrpc may act on one
 * at once, without queueing it. (A request id sent twice while the first is queued is dispatched
 * once: `waiting` may then stay true, which costs the scheduler a few event-loop turns per yield.)
 */
export class IncomingMessages {
  private read = 0;
  private dispatched = 0;
  private reader: UnreadInput | undefined;

  /** Counts the messages vscode-jsonrpc dispatches (its `ConnectionOptions.messageStrategy`). */
  readonly strategy: MessageStrategy = {
    handleMessage: (message, next) => {
      if (!isCancellation(message)) this.dispatched++;
      next(message);
    },
  };

  /** A message was read and is given to the connection. */
  arrived(message: Message): void {
    if (!isCancellation(message)) this.read++;
  }

  /** Whether a message was read that the connection has not dispatched yet. */
  get waiting(): boolean {
    return this.dispatched < this.read;
  }

  /** The reader whose unread input `inputWaiting` reads. */
  readFrom(reader: UnreadInput): void {
    this.reader = reader;
  }

  /**
   * Whether the client has sent something the connection has not dispatched yet: a message read,
   * part of one, or bytes not read yet, which are read now, without waiting for more (see
   * `StdioMessageReader.readWaiting`). A synchronous step (a window publish) asks before its result
   * goes out, and yields to the event loop only then.
   */
  inputWaiting(): boolean {
    this.reader?.readWaiting();
    return this.waiting || this.reader?.partial === true;
  }
}

/** What `IncomingMessages.inputWaiting` asks of the reader. */
interface UnreadInput {
  /** Whether part of a message was read. */
  readonly partial: boolean;
  /** Reads what input is waiting already, without waiting for more. */
  readWaiting(): void;
}

function isCancellation(message: Message): boolean {
  return (message as { method?: unknown }).method === CANCEL_REQUEST;
}

/**
 * The server's JSON-RPC reader over stdio. It gives each message to the connection as soon as its
 * bytes are read, in the same event-loop phase, where vscode-jsonrpc's stream reader takes an
 * event-loop turn and a promise per message (a semaphore, then an asynchronous decoder): a request
 * read just before the debounce timer fired waited for the whole publish that timer started
 * (measured at 10k lines: most of the slow hovers and completions). Only `Content-Length` framing
 * of UTF-8 JSON, as LSP specifies; a message that is not JSON is reported and skipped.
 */
export class StdioMessageReader extends AbstractMessageReader implements MessageReader, UnreadInput {
  private chunks: Buffer[] = [];
  private buffered = 0;
  /** The body length of the message whose header was read, until its body is. */
  private bodyBytes: number | undefined;
  private callback: DataCallback | undefined;
  /** Whether a `shutdown` request was read (the exit code when the input ends). */
  shutdownRead = false;
  /** The stream's file descriptor, where `readWaiting` may read it (a pipe or a socket). */
  private unreadFrom: number | undefined;

  /**
   * @param fd the stream's file descriptor, if `readWaiting` is to read it: only where it is a pipe
   * or a socket, which Node's stream made non-blocking (libuv's `uv_pipe_open`, `uv_tcp_open`; not
   * on Windows); a read of a file or a terminal could block, or race the stream's own reads.
   */
  constructor(
    private readonly stream: NodeJS.ReadableStream,
    private readonly incoming: IncomingMessages,
    fd?: number,
  ) {
    super();
    if (fd !== undefined && isPipeOrSocket(fd)) this.unreadFrom = fd;
    incoming.readFrom(this);
  }

  get partial(): boolean {
    return this.buffered > 0;
  }

  /**
   * Reads, in this turn, the bytes the client wrote that the event loop has not read yet (it reads
   * them only between tasks), and gives the messages among them to the connection as `data` would:
   * a request sent while a keystroke was analysed is then known before that keystroke's publish
   * goes out, and answered first (see `IncomingMessages.inputWaiting`). A non-blocking read of the
   * same descriptor: what it takes, the stream's next read does not see, and bytes stay in order,
   * both reads running on this thread. Nothing waiting costs one failed system call and Node's
   * exception for it (measured in the server while typing: 56 µs p50).
   */
  readWaiting(): void {
    const fd = this.unreadFrom;
    // Not before `listen` (nor after its disposal): what is read would have nowhere to go.
    if (fd === undefined || !this.callback) return;
    for (;;) {
      let bytes: number;
      try {
        bytes = readSync(fd, readWaitingBuffer, 0, readWaitingBuffer.length, null);
      } catch (error) {
        // EAGAIN: nothing waiting. Any other error stops these reads; the stream reports it.
        if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') this.unreadFrom = undefined;
        return;
      }
      // 0: the end of the input, which the stream's own read sees too.
      if (bytes === 0) return;
      this.received(Buffer.from(readWaitingBuffer.subarray(0, bytes)));
      if (bytes < readWaitingBuffer.length) return;
    }
  }

  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    const onData = (chunk: Buffer) => this.received(chunk);
    const onError = (error: Error) => this.fireError(error);
    const onClose = () => this.fireClose();
    this.stream.on('data', onData);
    this.stream.on('error', onError);
    this.stream.on('end', onClose);
    this.stream.on('close', onClose);
    return {
      dispose: () => {
        this.callback = undefined;
        this.stream.off('data', onData);
        this.stream.off('error', onError);
        this.stream.off('end', onClose);
        this.stream.off('close', onClose);
      },
    };
  }

  private received(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    while (this.nextMessage()) {}
  }

  /** Reads one header or one message from what is buffered; false when more bytes are needed. */
  private nextMessage(): boolean {
    if (this.bodyBytes === undefined) {
      const buffered = this.joined();
      const end = buffered.indexOf(HEADER_END, 0, 'ascii');
      if (end < 0) return false;
      const header = buffered.toString('ascii', 0, end);
      this.keep(buffered.subarray(end + HEADER_END.length));
      const length = CONTENT_LENGTH.exec(header)?.[1];
      if (length === undefined) {
        this.fireError(
          new Error(`pyconv: a message header without Content-Length: ${JSON.stringify(header)}`),
        );
        return true;
      }
      this.bodyBytes = Number(length);
    }
    if (this.buffered < this.bodyBytes) return false;
    const buffered = this.joined();
    const body = buffered.toString('utf8', 0, this.bodyBytes);
    this.keep(buffered.subarray(this.bodyBytes));
    this.bodyBytes = undefined;
    let message: Message;
    try {
      message = JSON.parse(body) as Message;
    } catch (error) {
      this.fireError(error);
      return true;
    }
    if ((message as { method?: unknown }).method === 'shutdown') this.shutdownRead = true;
    this.incoming.arrived(message);
    this.callback?.(message);
    return true;
  }

  /** What is buffered, in one buffer (copied only when it came in several chunks). */
  private joined(): Buffer {
    if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks, this.buffered)];
    return this.chunks[0] ?? Buffer.alloc(0);
  }

  private keep(rest: Buffer): void {
    this.chunks = rest.length > 0 ? [rest] : [];
    this.buffered = rest.length;
  }
}

/** What `readWaiting` reads into (then copied out): the size of a pipe's buffer. */
const readWaitingBuffer = Buffer.alloc(64 * 1024);

/**
 * Whether `fd` is a pipe or a socket on a POSIX system, where libuv reads it non-blocking. Not on
 * Windows: there a synchronous read of a pipe waits for data.
 */
function isPipeOrSocket(fd: number): boolean {
  if (process.platform === 'win32') return false;
  try {
    const stats = fstatSync(fd);
    return stats.isFIFO() || stats.isSocket();
  } catch {
    return false;
  }
}
