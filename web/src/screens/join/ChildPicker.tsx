import type { Ref } from 'preact';
import { RadioList } from '../../forms/RadioList.js';
import { t } from '../../i18n/index.js';

export interface ChildOption {
  id: number;
  name: string;
}

/** «Ребёнок»: a parent joining by a class invite picks their child from the class's list. */
export function ChildPicker({
  options,
  childId,
  onPick,
  problem,
  groupRef,
}: {
  options: readonly ChildOption[];
  childId: number | null;
  onPick: (id: number) => void;
  /** nobody picked yet, and the form was sent (or the server asked for the child) */
  problem: boolean;
  groupRef: Ref<HTMLFieldSetElement>;
}) {
  return (
    <fieldset
      class={`join__group${problem ? ' join__group--invalid' : ''}`}
      ref={groupRef}
      aria-describedby="child-hint"
    >
      <legend class="join__legend">{t('join.child')}</legend>
      {options.length === 0 ? (
        <p class="notice notice--plain">{t('join.noChildren')}</p>
      ) : (
        <RadioList
          name="child"
          items={options}
          picked={childId}
          onPick={onPick}
          listClass="choices"
          itemClass="choice"
        >
          {(child) => <span>{child.name}</span>}
        </RadioList>
      )}
      {problem && (
        <p class="join__problem" role="alert">
          {t('join.childMissing')}
        </p>
      )}
      <p class="form__note" id="child-hint">
        {t('join.childHint')}
      </p>
    </fieldset>
  );
}
