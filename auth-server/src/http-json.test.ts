import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, readJsonBody } from './http-json';
import { DEMO, post, startTestServer } from './test-support';

describe('request body limits', () => {
  it('accepts a body just under the limit', async () => {
    const server = await startTestServer();
    const padding = 'x'.repeat(MAX_BODY_BYTES - 200);
    const reply = await post(server, '/auth/login', { email: DEMO.email, password: DEMO.password, padding });
    expect(reply.status).toBe(200);
  });

  it('refuses a declared Content-Length over 16 KiB with 413', async () => {
    const server = await startTestServer();
    const reply = await post(server, '/auth/login', {
      email: DEMO.email,
      password: DEMO.password,
      padding: 'x'.repeat(MAX_BODY_BYTES),
    });
    expect(reply.status).toBe(413);
    expect(reply.body).toEqual({ error: 'payload_too_large' });
  });

  it('cuts off a chunked body once it passes the limit', async () => {
    const server = await startTestServer();
    const chunk = new TextEncoder().encode('x'.repeat(4096));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        // 1 MiB in all, far over the limit, with no Content-Length.
        if (sent >= 256) controller.close();
        else controller.enqueue(chunk);
        sent += 1;
      },
    });
    const response = await fetch(`${server.url}/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: 'payload_too_large' });
  });

  it('answers 413 as soon as the limit is passed, without waiting for the end of the body', async () => {
    const req = Object.assign(new PassThrough(), { headers: {} }) as unknown as IncomingMessage;
    const result = readJsonBody(req);
    (req as unknown as PassThrough).write('x'.repeat(MAX_BODY_BYTES));
    (req as unknown as PassThrough).write('x'); // one byte too many; the stream never ends
    await expect(result).resolves.toMatchObject({ ok: false, response: { status: 413 } });
  });

  it('parses a JSON body and refuses invalid JSON', async () => {
    const parse = (text: string) => {
      const stream = new PassThrough();
      const req = Object.assign(stream, { headers: {} }) as unknown as IncomingMessage;
      const result = readJsonBody(req);
      stream.end(text);
      return result;
    };
    await expect(parse('{"a":[1,2]}')).resolves.toEqual({ ok: true, value: { a: [1, 2] } });
    await expect(parse('{"a":')).resolves.toMatchObject({ ok: false, response: { status: 400 } });
    await expect(parse('  ')).resolves.toMatchObject({ ok: false, response: { status: 400 } });
  });

  it('keeps serving after an oversized request', async () => {
    const server = await startTestServer();
    await post(server, '/auth/login', 'x'.repeat(MAX_BODY_BYTES * 4), true);
    expect((await post(server, '/auth/login', { email: DEMO.email, password: DEMO.password })).status).toBe(200);
  });
});
