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

/** The most a school may allow for one file of any kind: 2 GB. */
export const MAX_FILE_LIMIT = 2048 * MB;

const allFormats = Object.values(fileFormats).flat() as FileFormat[];
const ZByteLimit = z.int().check(z.gte(1), z.lte(MAX_FILE_LIMIT));

/** What the school lets through: the largest file of each kind, the formats, and all files together. */
export const ZFileRules = z.object({
  limits: z.object({ image: ZByteLimit, audio: ZByteLimit, video: ZByteLimit, document: ZByteLimit }),
  formats: z.array(z.enum(allFormats as [FileFormat, ...FileFormat[]])),
  /** all files of the school together, in bytes; null: as much as the disk holds */
  quotaBytes: z.nullable(z.int().check(z.positive())),
});
export type TFileRules = z.infer<typeof ZFileRules>;

export const defaultFileRules: TFileRules = {
  limits: defaultFileLimits,
  formats: allFormats,
  quotaBytes: null,
};

/** The admin's change; what is left out stays. */
export const ZFileRulesRequest = z.strictObject({
  limits: z.optional(
    z.strictObject({
      image: z.optional(ZByteLimit),
      audio: z.optional(ZByteLimit),
      video: z.optional(ZByteLimit),
      document: z.optional(ZByteLimit),
    }),
  ),
  formats: z.optional(
    z
      .array(z.enum(allFormats as [FileFormat, ...FileFormat[]]))
      .check(z.refine((list) => new Set(list).size === list.length, 'each format once')),
  ),
  quotaBytes: z.optional(z.nullable(z.int().check(z.positive()))),
});
export type TFileRulesRequest = z.infer<typeof ZFileRulesRequest>;

/** The school's rules and how much its chats hold, biggest first. */
export const ZFileSettings = z.object({
  rules: ZFileRules,
  usage: z.object({
    bytes: z.int().check(z.nonnegative()),
    files: z.int().check(z.nonnegative()),
    chats: z.array(
      z.object({
        chatId: ZId,
        title: z.string(),
        bytes: z.int().check(z.nonnegative()),
        files: z.int().check(z.nonnegative()),
      }),
    ),
  }),
  policies: z.object({ edit: z.boolean() }),
});
export type TFileSettings = z.infer<typeof ZFileSettings>;

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
