import type { TRolloverPlan } from '@parta/protocol';
import { useEffect, useRef, useState } from 'preact/hooks';
import { schoolApi } from '../../api/school.js';
import { CheckIcon } from '../../components/icons.js';
import { BackLink, RetryNote, SkeletonList } from '../../components/ui.js';
import { schoolYear } from '../../format/names.js';
import { dayKey, fullDate } from '../../format/time.js';
import { FormActions } from '../../forms/FormActions.js';
import { useSubmit } from '../../forms/useSubmit.js';
import { t } from '../../i18n/index.js';
import { followLink } from '../../router.js';
import { me } from '../../state/session.js';
import { useLoad } from './useLoad.js';

type Step = 'preview' | 'confirm' | 'done';

/**
 * «Новый учебный год»: what will happen (5А → 6А; 11А graduates), a
 * confirmation, then the result. Running it twice changes nothing the second time.
 */
export function RolloverScreen() {
  const { data: plan, error, reload } = useLoad(schoolApi.rolloverPlan, 'rollover');
  const [step, setStep] = useState<Step>('preview');
  const [result, setResult] = useState<TRolloverPlan | null>(null);
  const { busy, error: runError, run } = useSubmit();
  const confirmCard = useRef<HTMLElement>(null);

  // The question comes into view below the plan it asks about.
  useEffect(() => {
    if (step === 'confirm') confirmCard.current?.scrollIntoView({ block: 'nearest' });
  }, [step]);

  async function roll() {
    if (!plan) return;
    await run(async () => {
      setResult(await schoolApi.rollover(plan.fromYear));
      setStep('done');
    });
  }

  return (
    <main class="page" aria-labelledby="rollover-title">
      <header class="page__header page__header--back">
        <BackLink to={'/school/settings'} label={t('rollover.back')} />
        <div class="page__heading">
          <h1 class="page__title" id="rollover-title">
            {t('rollover.title')}
          </h1>
          {plan && (
            <p class="page__subtitle">
              {t('rollover.years', { from: schoolYear(plan.fromYear), to: schoolYear(plan.toYear) })}
            </p>
          )}
        </div>
      </header>
      <div class="page__body page__body--narrow">
        {error ? (
          <RetryNote error={error} retry={reload} />
        ) : plan === null ? (
          <SkeletonList rows={3} label={t('rollover.loading')} />
        ) : step === 'done' && result ? (
          <Result plan={result} />
        ) : !plan.pending ? (
          <Result plan={plan} />
        ) : (
          <>
            <ol class="steps" aria-label={t('rollover.stepsLabel')}>
              <li aria-current={step === 'preview' ? 'step' : undefined}>{t('rollover.stepPreview')}</li>
              <li aria-current={step === 'confirm' ? 'step' : undefined}>{t('rollover.stepConfirm')}</li>
            </ol>
            <Preview plan={plan} />
            {step === 'preview' ? (
              <div class="form__actions">
                <button
                  type="button"
                  class="button button--primary"
                  disabled={tooEarly(plan)}
                  onClick={() => setStep('confirm')}
                >
                  {t('rollover.next')}
                </button>
              </div>
            ) : (
              <section class="card card--warn" aria-labelledby="rollover-confirm" ref={confirmCard}>
                <h2 class="card__title" id="rollover-confirm">
                  {t('rollover.confirmTitle', { year: schoolYear(plan.toYear) })}
                </h2>
                <p>{t('rollover.confirmText')}</p>
                <FormActions
                  error={runError}
                  busy={busy}
                  label={t('rollover.run', { year: schoolYear(plan.toYear) })}
                  busyLabel={t('rollover.running')}
                  onSend={() => void roll()}
                  onCancel={() => setStep('preview')}
                  cancelLabel={t('rollover.backToPreview')}
                  place="form"
                />
              </section>
            )}
          </>
        )}
      </div>
    </main>
  );
}

/** Before 1 July (the server's `availableFrom`, in the school's zone) the rollover waits. */
function tooEarly(plan: TRolloverPlan): boolean {
  return plan.pending && dayKey(new Date(), me.value!.school.timeZone) < plan.availableFrom;
}

function Preview({ plan }: { plan: TRolloverPlan }) {
  const early = tooEarly(plan);
  if (plan.promoted.length === 0 && plan.graduated.length === 0) {
    return <p class="notice">{t('rollover.nothing')}</p>;
  }
  return (
    <>
      {early && (
        <p class="notice notice--warn" data-testid="rollover-early">
          {t('rollover.availableFrom', {
            date: fullDate(plan.availableFrom),
            year: schoolYear(plan.fromYear),
          })}
        </p>
      )}
      {plan.promoted.length > 0 && (
        <section class="card" aria-labelledby="promoted-title">
          <h2 class="card__title" id="promoted-title">
            {t('rollover.promoted', { count: plan.promoted.length })}
          </h2>
          <ul class="moves">
            {plan.promoted.map((row) => (
              <li key={row.classId} class="moves__item">
                <span>{row.from}</span>
                <span aria-hidden="true">→</span>
                <span class="visually-hidden">{t('rollover.becomes')}</span>
                <strong>{row.to}</strong>
              </li>
            ))}
          </ul>
          <p class="form__note">{t('rollover.promotedNote')}</p>
        </section>
      )}
      {plan.graduated.length > 0 && (
        <section class="card" aria-labelledby="graduated-title">
          <h2 class="card__title" id="graduated-title">
            {t('rollover.graduatedTitle')}
          </h2>
          <p>
            {t('rollover.graduated', {
              classes: plan.graduated
                .map((row) => t('rollover.graduatedClass', { name: row.name, count: row.students }))
                .join(', '),
            })}
          </p>
        </section>
      )}
    </>
  );
}

function Result({ plan }: { plan: TRolloverPlan }) {
  return (
    <section class="card card--success" aria-labelledby="rollover-result" role="status">
      <h2 class="card__title" id="rollover-result">
        <CheckIcon />
        {plan.pending
          ? t('rollover.doneTitle', { year: schoolYear(plan.toYear) })
          : t('rollover.alreadyTitle', { year: schoolYear(plan.toYear) })}
      </h2>
      <p>
        {plan.pending
          ? t('rollover.doneText', { promoted: plan.promoted.length, graduated: plan.graduated.length })
          : t('rollover.alreadyText', { year: schoolYear(plan.fromYear) })}
      </p>
      <div class="form__actions">
        <a class="button button--primary" href="/school" onClick={(event) => followLink(event, '/school')}>
          {t('rollover.toClasses')}
        </a>
      </div>
    </section>
  );
}
