import { schoolApi } from '../../api/school.js';
import { BackLink, EmptyState, ErrorNote, RetryNote, SkeletonList } from '../../components/ui.js';
import { schoolYear } from '../../format/names.js';
import { t } from '../../i18n/index.js';
import { JoinedMeter } from './ClassTile.js';
import { CommitteeSection } from './CommitteeSection.js';
import { HoursLink } from './HoursScreen.js';
import { InviteSection } from './InviteSection.js';
import { StudentsSection } from './StudentsSection.js';
import { ClassTeacherSection, SubjectTeachersSection } from './TeacherSections.js';
import { useLoad } from './useLoad.js';

/**
 * The class card: its teacher, students with their parents, committee and
 * subject teachers. The admin builds it; its class teacher links parents and
 * edits the committee; the administration looks.
 */
export function ClassScreen({ classId, root = false }: { classId: number; root?: boolean }) {
  const { data: card, error, reload } = useLoad(() => schoolApi.classCard(classId), classId);
  const missing = error instanceof Error && 'code' in error && error.code === 'classes.not_found';

  return (
    <main class="page" aria-labelledby="class-title">
      <header class="page__header page__header--back">
        {!root && <BackLink to={'/school'} label={t('classCard.back')} />}
        <div class="page__heading">
          <h1 class="page__title" id="class-title">
            {card ? t('classCard.title', { name: card.name }) : t('classCard.titleLoading')}
          </h1>
          {card && (
            <p class="page__subtitle">
              {t('classCard.year', { year: schoolYear(card.academicYear) })}
              {card.archived && <span class="tag">{t('classCard.archived')}</span>}
            </p>
          )}
        </div>
      </header>
      <div class="page__body page__body--wide">
        {missing ? (
          <EmptyState title={t('classCard.notFoundTitle')} text={t('classCard.notFoundText')} />
        ) : error && !card ? (
          <RetryNote error={error} retry={reload} />
        ) : card === null ? (
          <SkeletonList label={t('classCard.loading')} />
        ) : (
          <>
            {card.archived && <p class="notice">{t('classCard.archivedNote')}</p>}
            <section class="card class-stats" aria-label={t('classCard.stats')}>
              <p class="class-stats__facts">
                <span>{t('classes.students', { count: card.counts.students })}</span>
                <span>{t('classes.parentsLinked', { count: card.counts.parentsLinked })}</span>
                <span>{t('classes.teachers', { count: card.counts.teachers })}</span>
              </p>
              <JoinedMeter counts={card.counts} />
            </section>
            {root && <HoursLink />}
            <ErrorNote error={error} />
            <div class="class-layout">
              <div class="class-layout__main">
                <StudentsSection card={card} can={card.policies} onChanged={reload} />
              </div>
              <div class="class-layout__side">
                <ClassTeacherSection card={card} can={card.policies} onChanged={reload} />
                {card.policies.edit && <InviteSection card={card} />}
                <CommitteeSection card={card} can={card.policies} onChanged={reload} />
                <SubjectTeachersSection card={card} can={card.policies} onChanged={reload} />
              </div>
            </div>
          </>
        )}
      </div>
    </main>
  );
}
