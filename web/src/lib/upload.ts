import type { z } from 'zod';
import { api, ApiError } from './api';
import { errorOfAnswer } from './error-of-answer';

/**
 * Sends a file with XMLHttpRequest, which (unlike fetch) reports upload progress. Its errors are the one API
 * client's (`errorOfAnswer`), and a session that ended signs the person out through `api.ts`. Aborting `signal`
 * cancels the upload (an AbortError, as fetch throws).
 */
export function uploadWithProgress<S extends z.ZodType>(
  path: string,
  file: Blob,
  options: {
    query?: Record<string, string>;
    onProgress: (loaded: number, total: number) => void;
    signal?: AbortSignal;
  },
): Promise<z.output<S>> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', options.query ? `${path}?${new URLSearchParams(options.query).toString()}` : path);
    xhr.setRequestHeader('content-type', file.type || 'application/octet-stream');
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (event) =>
      options.onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
    xhr.onerror = () =>
      reject(
        new ApiError({
          code: 'NETWORK',
          status: 0,
          message: 'Could not reach the server. Check the connection and try again.',
        }),
      );
    xhr.onabort = () => reject(new DOMException('The upload was cancelled.', 'AbortError'));
    xhr.onload = () => {
      let json: unknown;
      try {
        json = JSON.parse(xhr.responseText);
      } catch {
        json = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300 && json !== undefined) return resolve(json as z.output<S>);
      const error = errorOfAnswer(xhr.status, json, xhr.getResponseHeader('x-request-id'));
      // A session that ended is reported by the one API client: asking it who is signed in gets the same answer.
      if (error.code === 'AUTH_REQUIRED' || error.code === 'AUTH_TOTP_SETUP_REQUIRED')
        api.get('/api/auth/me').catch(() => undefined);
      reject(error);
    };
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}
