import { channels, type InvokeKey } from '../../../shared/channels';
import { contract, type Failure, type ParsedRequestOf, type ResponseOf } from '../../../shared/ipc-contract';
import type { Logger } from '../ports';
import type { SenderCheck, SenderFrame } from './trusted-sender';

/**
 * The one way main serves IPC: sender check, then input parsing, then the handler.
 *
 * Modeled on VS Code's validated IPC and GitHub Desktop's trusted-sender listener. No handler ever
 * sees a call from a foreign frame or an input that fails the contract; every failure is a typed
 * value, and a throwing handler is logged and answered with `internal` (main keeps serving).
 * Responses are checked against the contract too: the SessionView schema is strict, so a token
 * that slipped into a response is refused here instead of reaching the page.
 */
export interface InvokeEvent {
  senderFrame: SenderFrame | null;
}

export type InvokeListener = (event: InvokeEvent, ...args: unknown[]) => Promise<unknown>;

/** The part of `ipcMain` the wrapper needs; the Electron adapter passes the real one. */
export interface IpcRegistrar {
  handle(channel: string, listener: InvokeListener): void;
}

export type Handler<K extends InvokeKey> = (input: ParsedRequestOf<K>) => Promise<ResponseOf<K>>;
export type Handlers = { [K in InvokeKey]: Handler<K> };

export interface ValidatedIpcOptions {
  isTrustedSender: SenderCheck;
  logger: Logger;
}

export function createInvokeListener<K extends InvokeKey>(key: K, handler: Handler<K>, options: ValidatedIpcOptions): InvokeListener {
  const channel = channels[key];
  const { request, response } = contract[key];
  return async (event, ...args) => {
    if (!options.isTrustedSender(event?.senderFrame)) {
      options.logger.warn('IPC call refused: untrusted sender', { channel });
      return failure('forbidden_sender');
    }
    const parsed = args.length <= 1 ? request.safeParse(args[0]) : null;
    if (!parsed?.success) {
      options.logger.warn('IPC call refused: invalid input', { channel });
      return failure('invalid_request');
    }
    try {
      const result = await handler(parsed.data as ParsedRequestOf<K>);
      if (!response.safeParse(result).success) {
        options.logger.error('IPC handler returned a value outside the contract', { channel });
        return failure('internal');
      }
      return result;
    } catch (error) {
      options.logger.error('IPC handler failed', { channel, error });
      return failure('internal');
    }
  };
}

/** Registers a handler for every contract channel (the type requires all of them), and nothing else. */
export function registerHandlers(registrar: IpcRegistrar, handlers: Handlers, options: ValidatedIpcOptions): void {
  for (const key of Object.keys(contract) as InvokeKey[]) {
    registrar.handle(channels[key], createInvokeListener(key, handlers[key] as Handler<typeof key>, options));
  }
}

function failure(code: Failure['code']): Failure {
  return { ok: false, code };
}
