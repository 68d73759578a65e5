import { type TAttachment, ZAttachment } from '@parta/protocol';
import { ApiError, apiErrorOf, NetworkError, writeHeaders } from './http.js';

export interface Upload {
  /** resolves with the stored file, rejects with an `ApiError` or a `NetworkError` */
  done: Promise<TAttachment>;
  abort: () => void;
}

/**
 * Sends one file's raw bytes to a chat (server/src/domains/files/routes.ts).
 * Through XMLHttpRequest, since `fetch` says nothing of an upload's progress:
 * `onProgress` gets the share sent, 0…1.
 */
export function uploadFile(chatId: number, file: File, onProgress: (share: number) => void): Upload {
  const xhr = new XMLHttpRequest();
  const done = new Promise<TAttachment>((resolve, reject) => {
    xhr.open('POST', `/api/chats/${chatId}/files?name=${encodeURIComponent(file.name)}`);
    for (const [name, value] of Object.entries(writeHeaders())) xhr.setRequestHeader(name, value);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.responseType = 'json';
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      if (xhr.status !== 201) return reject(apiErrorOf(xhr.status, xhr.response));
      const parsed = ZAttachment.safeParse(xhr.response);
      if (parsed.success) resolve(parsed.data);
      else reject(apiErrorOf(500, null));
    };
    xhr.onerror = () => reject(new NetworkError('upload failed'));
    xhr.onabort = () => reject(new ApiError(0, 'client.aborted', ''));
    xhr.send(file);
  });
  return { done, abort: () => xhr.abort() };
}
