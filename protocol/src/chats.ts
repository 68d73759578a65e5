import { z } from 'zod/mini';
import { ZId, ZMessageId, ZRole, ZTimestamp } from './common.js';
import { ZMessage } from './messages.js';
import { ZLine } from './text-input.js';

export const chatKinds = [
  'group',
  /** structural chats: members follow the school's structure */
  'staff',
  'director_staff',
  'director_committee',
  'class_parents',
  'class_students',
  /** a group chat where only its owners (and the school's admins) post; others read and react */
  'announcement',
  /** two people; its title, for each of them, is the other one's name */
  'direct',
] as const;
export const ZChatKind = z.enum(chatKinds);

export const ZChat = z.object({
  id: ZId,
  kind: ZChatKind,
  title: z.string(),
  memberCount: z.int().check(z.nonnegative()),
  /** read-only history (a graduated class's chat) */
  archived: z.boolean(),
  unreadCount: z.int().check(z.nonnegative()),
  /** unread messages that mention the viewer or everyone (@все): shown as «@» in the list */
  unreadMentions: z.int().check(z.nonnegative()),
  lastReadMessageId: z.int().check(z.nonnegative()),
  lastMessage: z.nullable(ZMessage),
  createdAt: ZTimestamp,
  /** a direct chat: the other person */
  peer: z.nullable(z.object({ id: ZId, fullName: z.string() })),
  /** what the viewer may do here, so the client never re-derives rules */
  policies: z.object({
    post: z.boolean(),
    /** react and mark as read (a graduated class's chat: neither) */
    react: z.boolean(),
    addMembers: z.boolean(),
    /** pin and unpin messages */
    pin: z.boolean(),
    /** delete anyone's message, read edit history, mention everyone (@все) */
    moderate: z.boolean(),
    /** who has and has not read each message (others see counts under their own messages) */
    seeWhoRead: z.boolean(),
    /** leave it (a group or announcement chat; an owner only while another owner stays) */
    leave: z.boolean(),
    /** send outside the working hours with a reason («срочно»), in a study chat */
    urgent: z.boolean(),
  }),
  /** a study chat: what is written outside the school's working hours waits for them (protocol/hours.ts) */
  study: z.boolean(),
  /** «Без звука»: unread messages are counted quietly, without the highlight */
  muted: z.boolean(),
});
export type TChat = z.infer<typeof ZChat>;

export const ZChatList = z.object({
  /** taken before the chats were read: resume the live stream from here */
  cursor: z.int().check(z.nonnegative()),
  chats: z.array(ZChat),
});
export type TChatList = z.infer<typeof ZChatList>;

export const ZCreateChatRequest = z.strictObject({
  title: ZLine.check(z.trim(), z.minLength(1), z.maxLength(120)),
  memberIds: z._default(z.array(ZId).check(z.maxLength(5000)), []),
  /** only owners post (school news, a teacher's notices) */
  announcement: z._default(z.boolean(), false),
});
export type TCreateChatRequest = z.infer<typeof ZCreateChatRequest>;

export const ZAddMembersRequest = z.strictObject({
  userIds: z.array(ZId).check(z.minLength(1), z.maxLength(5000)),
});
export type TAddMembersRequest = z.infer<typeof ZAddMembersRequest>;

export const ZChatMember = z.object({
  id: ZId,
  fullName: z.string(),
  role: z.enum(['owner', 'member']),
  /** who a parent is, for staff: «мама Миши В., 1А» */
  context: z.optional(z.nullable(z.string())),
});
export const ZChatMembers = z.object({ members: z.array(ZChatMember) });

export const ZMarkReadRequest = z.strictObject({ messageId: ZMessageId });
export type TMarkReadRequest = z.infer<typeof ZMarkReadRequest>;

/** Opens the direct chat with a person (created the first time). */
export const ZDirectChatRequest = z.strictObject({ userId: ZId });
export type TDirectChatRequest = z.infer<typeof ZDirectChatRequest>;

export const ZDirectContactsQuery = z.strictObject({
  q: z._default(ZLine.check(z.trim(), z.maxLength(100)), ''),
});

/** People the viewer may write to directly, best name matches first. */
export const ZDirectContacts = z.object({
  people: z.array(
    z.object({
      id: ZId,
      fullName: z.string(),
      roles: z.array(ZRole),
      /** a student's class, a parent's children's classes, a teacher's classes */
      classNames: z.array(z.string()),
    }),
  ),
});
export type TDirectContacts = z.infer<typeof ZDirectContacts>;

/** «Без звука» on or off: the reader's own setting for a chat. */
export const ZMuteChatRequest = z.strictObject({ muted: z.boolean() });
