import {
  type CancellationToken,
  type Connection,
  ErrorCodes,
  type ProtocolRequestType,
  type RequestHandler,
  ResponseError,
} from 'vscode-languageserver';

/** One entry of the handler table: registers a request handler on the connection. */
export type Registration = (connection: Connection) => void;

export function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/**
 * Wraps handlers so that the server keeps serving: an exception is logged and answered with an
 * error, and after `shutdown` every request is answered InvalidRequest (LSP "Shutdown Request").
 */
export class Guards {
  private shutDown = false;

  constructor(private readonly connection: Connection) {}

  shutdownReceived(): void {
    this.shutDown = true;
  }

  request<P, R, PR, E, RO>(
    type: ProtocolRequestType<P, R, PR, E, RO>,
    handler: (params: P, token: CancellationToken) => R | Promise<R>,
  ): Registration {
    const method = type.method;
    const guarded: RequestHandler<P, R, E> = async (params, token) => {
      if (this.shutDown)
        return new ResponseError<E>(ErrorCodes.InvalidRequest, `pyconv: ${method} after shutdown`);
      try {
        return await handler(params, token);
      } catch (error) {
        if (error instanceof ResponseError) return error;
        this.connection.console.error(`pyconv: ${method} failed: ${describe(error)}`);
        return new ResponseError<E>(
          ErrorCodes.InternalError,
          `pyconv: ${method} failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    };
    return (connection) => connection.onRequest(type, guarded);
  }

  notification(method: string, handler: () => void): void {
    try {
      handler();
    } catch (error) {
      this.connection.console.error(`pyconv: ${method} failed: ${describe(error)}`);
    }
  }

  logFailure(what: string): (error: unknown) => void {
    return (error) => this.connection.console.error(`pyconv: ${what} failed: ${describe(error)}`);
  }
}
