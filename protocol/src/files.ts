import { z } from 'zod/mini';
import { ZId } from './common.js';

/*
 * Files sent in chats (regulation §1.4, §3.1: photo, audio and video only as
 * far as education needs it, files in permitted formats). The type is
 * decided from the content on the server, never from the name.
 */

export const fileKinds = ['image', 'audio', 'video', 'document'] as const;
export type FileKind = (typeof fileKinds)[number];

/** What a school may allow, by the extension the server gives a file of that content. */
export const fileFormats = {
  image: ['jpg', 'png', 'webp', 'gif', 'heic'],
  audio: ['mp3', 'm4a', 'ogg', 'opus', 'wav'],
  video: ['mp4', 'webm', 'mov'],
  document: ['pdf', 'docx', 'xlsx', 'pptx', 'odt', 'ods', 'odp', 'txt', 'rtf'],
} as const satisfies Record<FileKind, readonly string[]>;
export type FileFormat = (typeof fileFormats)[FileKind][number];

const MB = 1024 * 1024;
/** The default largest file of each kind, in bytes (the school may change them). */
export const defaultFileLimits: Record<FileKind, number> = {
  image: 20 * MB,
  audio: 50 * MB,
  video: 300 * MB,
  document: 50 * MB,
};

/** Files one message may carry. */
export const MAX_ATTACHMENTS = 10;

/** A file as readers see it: what to show before it is fetched, so the chat does not jump. */
export const ZAttachment = z.object({
  id: ZId,
  kind: z.enum(fileKinds),
  /** the name it is saved under: the sender's, cleaned, with the extension of its content */
  name: z.string(),
  format: z.string(),
  size: z.int().check(z.nonnegative()),
  width: z.nullable(z.int().check(z.positive())),
  height: z.nullable(z.int().check(z.positive())),
  durationMs: z.nullable(z.int().check(z.nonnegative())),
  /** a small picture to show first (images, video posters) */
  thumbnail: z.boolean(),
});
export type TAttachment = z.infer<typeof ZAttachment>;

export const ZUploadQuery = z.strictObject({
  /** the file's name on the sender's device (only for the name it is saved under) */
  name: z._default(z.string().check(z.maxLength(1000)), ''),
});
