import type { TClassSummary } from '@parta/protocol';
import { ChevronIcon } from '../../components/icons.js';
import { surnameWithInitials } from '../../format/names.js';
import { t } from '../../i18n/index.js';
import { followLink } from '../../router.js';

type Counts = TClassSummary['counts'];

/** How far the class's families have come: none linked yet, few, most, nearly all joined. */
export function joinLevel({ parentsLinked, parentsJoined }: Counts): 'none' | 'low' | 'mid' | 'high' {
  if (parentsLinked === 0) return 'none';
  const share = parentsJoined / parentsLinked;
  return share >= 0.8 ? 'high' : share >= 0.5 ? 'mid' : 'low';
}

/** «Вошли в Parta: 12 из 24» with a bar; laggards stand out by colour and words, not colour alone. */
export function JoinedMeter({ counts }: { counts: Counts }) {
  const level = joinLevel(counts);
  const percent = counts.parentsLinked ? Math.round((100 * counts.parentsJoined) / counts.parentsLinked) : 0;
  if (level === 'none') {
    return (
      <span class="joined joined--none">
        <span class="joined__line">
          <span class="joined__label">{t('classes.joined')}</span>
          <span class="joined__value">{t('classes.noParents')}</span>
        </span>
        <span class="joined__bar" aria-hidden="true" />
      </span>
    );
  }
  return (
    <span class={`joined joined--${level}`}>
      <span class="joined__line">
        <span class="joined__label">{t('classes.joined')}</span>
        <span class="joined__value">
          {t('classes.joinedOf', { joined: counts.parentsJoined, linked: counts.parentsLinked })}
        </span>
      </span>
      <span class="joined__bar" aria-hidden="true">
        <span class="joined__fill" style={{ width: `${percent}%` }} />
      </span>
    </span>
  );
}

/** The column names above the rows of the grid on a wide screen (each row also says them to a screen reader). */
export function ClassGridHead() {
  return (
    <div class="class-grid-head" aria-hidden="true">
      <span>{t('classes.headClass')}</span>
      <span>{t('classes.headTeacher')}</span>
      <span>{t('classes.headStudents')}</span>
      <span>{t('classes.joined')}</span>
      <span>{t('classes.headFamilies')}</span>
    </div>
  );
}

/** One class in the school grid: a card on a phone, a row on a desktop; it opens the class card. */
export function ClassTile({ summary }: { summary: TClassSummary }) {
  const href = `/classes/${summary.id}`;
  const { counts, classTeacher } = summary;
  return (
    <li>
      <a class="class-tile" href={href} onClick={(event) => followLink(event, href)} data-testid="class-tile">
        <span class="class-tile__name">{summary.name}</span>
        <span class="class-tile__students">{t('classes.students', { count: counts.students })}</span>
        <ChevronIcon class="class-tile__chevron" width="20" height="20" />
        {classTeacher ? (
          <span class="class-tile__teacher">
            <span class="class-tile__prefix">{t('classes.classTeacherPrefix')} </span>
            {surnameWithInitials(classTeacher.fullName)}
          </span>
        ) : (
          <span class="class-tile__teacher class-tile__teacher--missing">{t('classes.noClassTeacher')}</span>
        )}
        <JoinedMeter counts={counts} />
        <span class="class-tile__facts">
          <span>{t('classes.parentsLinked', { count: counts.parentsLinked })}</span>
          <span>{t('classes.teachers', { count: counts.teachers })}</span>
        </span>
      </a>
    </li>
  );
}
