import {
  type Role,
  type TCreateClassesRequest,
  type TCreateClassRequest,
  type TFileRulesRequest,
  type TSchoolSettingsRequest,
  type TSubjectTeacherRequest,
  type TWorkingHoursRequest,
  ZClassCard,
  ZCreatedClasses,
  ZFileRules,
  ZFileSettings,
  ZHoursReport,
  ZOk,
  ZPersonCard,
  ZRolloverPlan,
  ZSchoolStructure,
  ZWorkingHours,
  ZWorkingHoursAnswer,
} from '@parta/protocol';
import { request } from './http.js';

/**
 * The school's structure (server/src/domains/org/routes/{classes,people}.ts).
 * Only the admin screens use it, so it travels in their lazily loaded chunk.
 */
export const schoolApi = {
  structure: () => request('GET', '/api/school/structure', ZSchoolStructure),
  /** the school's file rules and what its chats hold (domains/files) */
  fileSettings: () => request('GET', '/api/school/files', ZFileSettings),
  setFileRules: (body: TFileRulesRequest) => request('POST', '/api/school/files', ZFileRules, body),
  /** what is left out stays as it is */
  setSettings: (body: TSchoolSettingsRequest) => request('POST', '/api/school/settings', ZOk, body),
  createClass: (body: TCreateClassRequest) => request('POST', '/api/classes', ZClassCard, body),
  /** every grade × every letter; those that exist are skipped */
  createClasses: (body: TCreateClassesRequest) => request('POST', '/api/classes/bulk', ZCreatedClasses, body),
  classCard: (id: number) => request('GET', `/api/classes/${id}`, ZClassCard),
  setClassTeacher: (id: number, teacherId: number | null) =>
    request('POST', `/api/classes/${id}/class-teacher`, ZOk, { teacherId }),
  addSubjectTeacher: (id: number, body: TSubjectTeacherRequest) =>
    request('POST', `/api/classes/${id}/subject-teachers`, ZOk, body),
  removeSubjectTeacher: (id: number, body: TSubjectTeacherRequest) =>
    request('POST', `/api/classes/${id}/subject-teachers/remove`, ZOk, body),
  setCommittee: (id: number, parentId: number, member: boolean) =>
    request('POST', `/api/classes/${id}/committee`, ZOk, { parentId, member }),

  person: (id: number) => request('GET', `/api/people/${id}`, ZPersonCard),
  setRoles: (id: number, roles: Role[]) => request('POST', `/api/people/${id}/roles`, ZPersonCard, { roles }),
  leave: (id: number) => request('POST', `/api/people/${id}/leave`, ZOk),
  placeStudent: (id: number, classId: number) => request('POST', `/api/people/${id}/class`, ZOk, { classId }),
  linkGuardian: (studentId: number, parentId: number) =>
    request('POST', `/api/people/${studentId}/guardians`, ZOk, { parentId }),
  unlinkGuardian: (studentId: number, parentId: number) =>
    request('POST', `/api/people/${studentId}/guardians/remove`, ZOk, { parentId }),

  rolloverPlan: () => request('GET', '/api/school/rollover', ZRolloverPlan),
  rollover: (fromYear: number) => request('POST', '/api/school/rollover', ZRolloverPlan, { fromYear }),

  /** the working hours of study chats (server/src/domains/hours/routes.ts) */
  hours: () => request('GET', '/api/hours', ZWorkingHoursAnswer),
  /** what is left out stays as it is */
  setHours: (body: TWorkingHoursRequest) => request('POST', '/api/hours', ZWorkingHours, body),
  hoursReport: () => request('GET', '/api/hours/report', ZHoursReport),
};
