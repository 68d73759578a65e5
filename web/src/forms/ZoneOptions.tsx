import { russianTimeZones } from '@parta/protocol';
import { t } from '../i18n/index.js';

/** Every zone this browser knows, for a school outside Russia's list. */
function otherZones(): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const first = new Set<string>(russianTimeZones);
  return known.filter((zone) => !first.has(zone));
}

/** The options of a time-zone `<select>`: Russia's zones west to east, UTC, then every other zone by its name. */
export function ZoneOptions() {
  return (
    <>
      {russianTimeZones.map((zone) => (
        <option key={zone} value={zone}>
          {t(`timeZones.${zone.replace('/', '_')}`)}
        </option>
      ))}
      <option value="UTC">{t('timeZones.UTC')}</option>
      <optgroup label={t('timeZones.other')}>
        {otherZones().map((zone) => (
          <option key={zone} value={zone}>
            {zone}
          </option>
        ))}
      </optgroup>
    </>
  );
}
