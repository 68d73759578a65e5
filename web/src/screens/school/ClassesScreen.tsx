import type { TClassSummary, TCreatedClasses, TSchoolStructure } from '@parta/protocol';
import { useState } from 'preact/hooks';
import { schoolApi } from '../../api/school.js';
import { FirstSteps } from '../../components/FirstSteps.js';
import { PlusIcon } from '../../components/icons.js';
import { EmptyState, RetryNote, SkeletonList } from '../../components/ui.js';
import { t } from '../../i18n/index.js';
import { canManageSchool, refreshFirstSteps } from '../../state/session.js';
import { ClassGridHead, ClassTile, JoinedMeter } from './ClassTile.js';
import { CreateClassDialog } from './CreateClassDialog.js';
import { CreateClassesDialog } from './CreateClassesDialog.js';
import { SchoolPage } from './SchoolPage.js';
import { useLoad } from './useLoad.js';

/** «Классы»: the admin's school grid — every class, its teacher and how many families have joined. */
export function ClassesScreen() {
  const { data, error, reload, setData } = useLoad(schoolApi.structure, 'structure');
  const [creating, setCreating] = useState<'one' | 'many' | null>(null);
  const [made, setMade] = useState<TCreatedClasses | null>(null);
  const manage = canManageSchool.value;
  const create = manage ? () => setCreating('one') : null;
  const createMany = manage ? () => setCreating('many') : null;

  return (
    <SchoolPage
      tab="classes"
      title={t('school.tabs.classes')}
      year={data?.school.academicYear}
      action={
        create &&
        createMany &&
        data &&
        data.classes.length > 0 && (
          <div class="page__actions">
            <button type="button" class="button button--compact" onClick={create}>
              {t('classes.createOne')}
            </button>
            <button
              type="button"
              class="button button--primary button--compact button--icon-on-phone"
              onClick={createMany}
              aria-label={t('classes.createMany')}
            >
              <PlusIcon width="20" height="20" />
              <span class="button__label">{t('classes.createMany')}</span>
            </button>
          </div>
        )
      }
    >
      {manage && <FirstSteps />}
      {made && (
        <p class="form__note form__note--ok" role="status">
          {made.created.length > 0
            ? t('classes.bulkDone', { count: made.created.length })
            : t('classes.bulkNothing')}
        </p>
      )}
      {error ? (
        <RetryNote error={error} retry={reload} />
      ) : data === null ? (
        <SkeletonList label={t('classes.loading')} />
      ) : data.classes.length === 0 ? (
        <EmptyState
          title={t('classes.emptyTitle')}
          text={manage ? t('classes.emptyText') : t('classes.emptyTextViewer')}
        >
          {create && createMany && (
            <div class="section-actions">
              <button type="button" class="button button--primary" onClick={createMany}>
                {t('classes.createMany')}
              </button>
              <button type="button" class="button" onClick={create}>
                {t('classes.createOne')}
              </button>
            </div>
          )}
        </EmptyState>
      ) : (
        <Grid structure={data} />
      )}
      {creating === 'one' && data && (
        <CreateClassDialog
          onClose={() => setCreating(null)}
          onCreated={(created) => {
            setData({ ...data, classes: sortClasses([...data.classes, created]) });
            setCreating(null);
            void refreshFirstSteps();
          }}
        />
      )}
      {creating === 'many' && (
        <CreateClassesDialog
          onClose={() => setCreating(null)}
          onCreated={(created) => {
            setMade(created);
            setCreating(null);
            reload();
            void refreshFirstSteps();
          }}
        />
      )}
    </SchoolPage>
  );
}

function sortClasses(list: TClassSummary[]): TClassSummary[] {
  return list.sort((a, b) => a.grade - b.grade || a.letter.localeCompare(b.letter, 'ru'));
}

function Grid({ structure }: { structure: TSchoolStructure }) {
  const classes = structure.classes;
  const grades = [...new Set(classes.map((item) => item.grade))];
  const total = classes.reduce(
    (sum, item) => ({
      students: sum.students + item.counts.students,
      parentsLinked: sum.parentsLinked + item.counts.parentsLinked,
      parentsJoined: sum.parentsJoined + item.counts.parentsJoined,
      teachers: 0,
    }),
    { students: 0, parentsLinked: 0, parentsJoined: 0, teachers: 0 },
  );
  const withoutTeacher = classes.filter((item) => !item.classTeacher).length;
  return (
    <>
      <section class="school-summary card" aria-label={t('classes.summary')}>
        <p class="school-summary__line">
          <strong>{t('classes.count', { count: classes.length })}</strong>
          <span>{t('classes.students', { count: total.students })}</span>
          {withoutTeacher > 0 && (
            <span class="school-summary__warn">{t('classes.withoutTeacher', { count: withoutTeacher })}</span>
          )}
        </p>
        <JoinedMeter counts={total} />
      </section>
      <ClassGridHead />
      {grades.map((grade) => (
        <section key={grade} class="grade" aria-labelledby={`grade-${grade}`}>
          <h2 class="section-title" id={`grade-${grade}`}>
            {t('classes.grade', { grade })}
          </h2>
          <ul class="class-grid">
            {classes
              .filter((item) => item.grade === grade)
              .map((item) => (
                <ClassTile key={item.id} summary={item} />
              ))}
          </ul>
        </section>
      ))}
    </>
  );
}
