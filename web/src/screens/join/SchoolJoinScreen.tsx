import {
  belongsToClass,
  type InviteRole,
  namesChild,
  askedRoles as roles,
  type TRedeemInviteRequest,
  type TSchoolPreview,
  ZSchoolCode,
} from '@parta/protocol';
import { useId, useState } from 'preact/hooks';
import { api } from '../../api/endpoints.js';
import { ApiError } from '../../api/http.js';
import { joinApi } from '../../api/join.js';
import { ErrorNote, Field } from '../../components/ui.js';
import { lengthsOf, nameRules } from '../../forms/rules.js';
import { useSubmit } from '../../forms/useSubmit.js';
import { t } from '../../i18n/index.js';
import { followLink, navigate } from '../../router.js';
import { phase, signIn, start } from '../../state/session.js';
import { JoinForm } from './JoinForm.js';
import { JoinPage } from './JoinPage.js';

/** «1234 5678»: easier to read back over the phone. */
function spaced(code: string): string {
  return code.length === 8 ? `${code.slice(0, 4)} ${code.slice(4)}` : code;
}

/** The server could not tell the child from what was typed. */
const childNameRefused = (error: unknown) =>
  error instanceof ApiError &&
  (error.code === 'joins.child_not_found' || error.code === 'joins.child_name_required');

/**
 * `/school`: a family without a slip types the school's eight-digit code,
 * picks the class, types their child's surname and first name (the code never
 * lists the children: only a class invite does), and asks to join. The request
 * is reviewed like one made through an invite.
 */
export function SchoolJoinScreen() {
  const [code, setCode] = useState(() => new URLSearchParams(location.search).get('code') ?? '');
  const [school, setSchool] = useState<{ code: string; preview: TSchoolPreview } | null>(null);
  const { busy: finding, error, run } = useSubmit();
  const [role, setRole] = useState<InviteRole>(roles[0]!);
  const [classId, setClassId] = useState<number | null>(null);
  const [childName, setChildName] = useState('');
  const [childNameWrong, setChildNameWrong] = useState(false);
  const classSelect = useId();

  async function find(event: Event) {
    event.preventDefault();
    const clean = ZSchoolCode.safeParse(code).data ?? code;
    await run(async () => {
      setSchool({ code: clean, preview: await joinApi.school(clean) });
      setCode(spaced(clean));
    });
  }

  const needsClass = belongsToClass(role);
  const asksChild = namesChild(role) && classId !== null;

  async function send(body: TRedeemInviteRequest) {
    if (!school) return;
    const signedIn = phase.peek() === 'signed-in';
    try {
      await joinApi.joinByCode({
        ...body,
        code: school.code,
        role,
        ...(needsClass && classId !== null ? { classId } : {}),
        ...(asksChild ? { childName: childName.trim() } : {}),
      });
    } catch (failure) {
      setChildNameWrong(childNameRefused(failure));
      throw failure;
    }
    if (!signedIn) {
      try {
        signIn(await api.me());
      } catch {
        await start();
      }
    }
    navigate('/joins/mine', { replace: true });
  }

  const className = school?.preview.classes.find((item) => item.id === classId)?.name ?? null;
  return (
    <JoinPage
      school={school?.preview.school}
      title={t('schoolJoin.title')}
      lead={school ? undefined : t('schoolJoin.lead')}
    >
      {!school ? (
        <form class="form join__form" onSubmit={find}>
          <Field
            label={t('schoolJoin.code')}
            hint={t('schoolJoin.codeHint')}
            value={code}
            onValue={setCode}
            name="school-code"
            inputMode="numeric"
            autocomplete="off"
            {...lengthsOf(ZSchoolCode.def.in)}
            class="join__code"
            required
          />
          <ErrorNote error={error} />
          <button type="submit" class="button button--primary button--wide button--large" disabled={finding}>
            {finding ? t('schoolJoin.finding') : t('schoolJoin.find')}
          </button>
          <p class="join__code-line">
            <span>{t('schoolJoin.haveSlip')}</span>
            <a
              class="button button--quiet button--inline"
              href="/join"
              onClick={(event) => followLink(event, '/join')}
            >
              {t('schoolJoin.toSlipCode')}
            </a>
          </p>
        </form>
      ) : (
        <>
          <p class="join__code-line">
            <span>
              {t('schoolJoin.code')}: <strong>{spaced(school.code)}</strong>
            </span>
            <button
              type="button"
              class="button button--quiet button--inline"
              onClick={() => {
                setSchool(null);
                setClassId(null);
              }}
            >
              {t('schoolJoin.otherCode')}
            </button>
          </p>
          <JoinForm
            role={role}
            childOptions={null}
            reviewNote={className ? t('join.reviewClass', { name: className }) : t('join.reviewSchool')}
            returnPath={`/school?code=${school.code}`}
            ready={!needsClass || classId !== null}
            send={send}
            before={
              <>
                <fieldset class="join__group">
                  <legend class="join__legend">{t('schoolJoin.who')}</legend>
                  <div class="segmented segmented--join" role="radiogroup">
                    {roles.map((option) => (
                      <label key={option} class="segmented__option">
                        <input
                          type="radio"
                          name="join-role"
                          checked={role === option}
                          onChange={() => setRole(option)}
                        />
                        <span>{t(`schoolJoin.role.${option}`)}</span>
                      </label>
                    ))}
                  </div>
                </fieldset>
                {needsClass &&
                  (school.preview.classes.length === 0 ? (
                    <p class="notice notice--plain">{t('schoolJoin.noClasses')}</p>
                  ) : (
                    <div class="field">
                      <label for={classSelect}>
                        {namesChild(role) ? t('schoolJoin.classParent') : t('schoolJoin.classStudent')}
                      </label>
                      <select
                        id={classSelect}
                        value={classId ?? ''}
                        onChange={(event) =>
                          setClassId(event.currentTarget.value ? Number(event.currentTarget.value) : null)
                        }
                        required
                      >
                        <option value="">{t('schoolJoin.classPick')}</option>
                        {school.preview.classes.map((item) => (
                          <option key={item.id} value={item.id}>
                            {item.name}
                          </option>
                        ))}
                      </select>
                    </div>
                  ))}
                {asksChild && (
                  <Field
                    label={t('schoolJoin.childName')}
                    hint={t('schoolJoin.childNameHint')}
                    value={childName}
                    onValue={(value) => {
                      setChildName(value);
                      setChildNameWrong(false);
                    }}
                    name="child-name"
                    autocomplete="off"
                    autocapitalize="words"
                    {...nameRules}
                    invalid={childNameWrong}
                    required
                  />
                )}
              </>
            }
          />
        </>
      )}
    </JoinPage>
  );
}
