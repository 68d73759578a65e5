import { type FileKind, fileFormats, fileKinds, type TFileSettings } from '@parta/protocol';
import { useState } from 'preact/hooks';
import { schoolApi } from '../../api/school.js';
import { ErrorNote, RetryNote } from '../../components/ui.js';
import { fileSize } from '../../format/size.js';
import { useSubmit } from '../../forms/useSubmit.js';
import { t } from '../../i18n/index.js';
import { useLoad } from './useLoad.js';

const MB = 1024 * 1024;
const GB = 1024 * MB;

/**
 * «Файлы» in the school's settings: the largest file of each kind, the
 * formats the school takes, a quota for all files, and what each chat holds.
 * The administration sees it; the admin changes it.
 */
export function FileRulesCard() {
  const { data, error, reload, setData } = useLoad(schoolApi.fileSettings, 'files');
  if (error) return <RetryNote error={error} retry={reload} />;
  if (!data) return null;
  return <FileRulesForm settings={data} onSaved={setData} />;
}

function FileRulesForm({
  settings,
  onSaved,
}: {
  settings: TFileSettings;
  onSaved: (s: TFileSettings) => void;
}) {
  const { rules, usage, policies } = settings;
  const [limits, setLimits] = useState(() =>
    Object.fromEntries(fileKinds.map((kind) => [kind, String(Math.round(rules.limits[kind] / MB))])),
  );
  const [formats, setFormats] = useState<string[]>(rules.formats);
  const [quota, setQuota] = useState(
    rules.quotaBytes === null ? '' : String(Math.round(rules.quotaBytes / GB)),
  );
  const [saved, setSaved] = useState(false);
  const { busy, error, run } = useSubmit();

  async function save(event: Event) {
    event.preventDefault();
    setSaved(false);
    await run(async () => {
      const next = await schoolApi.setFileRules({
        limits: Object.fromEntries(fileKinds.map((kind) => [kind, Number(limits[kind]) * MB])),
        formats: formats as TFileSettings['rules']['formats'],
        quotaBytes: quota.trim() === '' ? null : Number(quota) * GB,
      });
      onSaved({ ...settings, rules: next });
      setSaved(true);
    });
  }

  const toggle = (format: string, on: boolean) =>
    setFormats((list) => (on ? [...list, format] : list.filter((f) => f !== format)));

  return (
    <section class="card" aria-labelledby="files-settings-title">
      <h2 class="card__title" id="files-settings-title">
        {t('settings.files')}
      </h2>
      <p class="form__note">
        {t('settings.filesUsed', { size: fileSize(usage.bytes), count: usage.files })}
        {rules.quotaBytes !== null && ` ${t('settings.filesOf', { size: fileSize(rules.quotaBytes) })}`}
      </p>
      {usage.chats.length > 0 && (
        <ul class="files-usage">
          {usage.chats.slice(0, 5).map((chat) => (
            <li key={chat.chatId}>
              <span>{chat.title}</span> <span class="files-usage__size">{fileSize(chat.bytes)}</span>
            </li>
          ))}
        </ul>
      )}
      <form class="form" onSubmit={save}>
        <fieldset class="form__group" disabled={!policies.edit || busy}>
          <legend>{t('settings.filesLimits')}</legend>
          <div class="files-limits">
            {fileKinds.map((kind: FileKind) => (
              <div class="field" key={kind}>
                <label for={`file-limit-${kind}`}>
                  {t(`settings.fileKind.${kind}`)}, {t('settings.mb')}
                </label>
                <input
                  id={`file-limit-${kind}`}
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={2048}
                  value={limits[kind]}
                  onInput={(e) => setLimits({ ...limits, [kind]: e.currentTarget.value })}
                />
              </div>
            ))}
          </div>
        </fieldset>
        <fieldset class="form__group" disabled={!policies.edit || busy}>
          <legend>{t('settings.filesFormats')}</legend>
          {fileKinds.map((kind) => (
            <ul class="picker__list files-formats" key={kind} aria-labelledby={`file-kind-${kind}`}>
              <li class="files-formats__kind" id={`file-kind-${kind}`}>
                {t(`settings.fileKind.${kind}`)}
              </li>
              {fileFormats[kind].map((format) => (
                <li key={format}>
                  <label class="picker__item">
                    <input
                      type="checkbox"
                      checked={formats.includes(format)}
                      onChange={(e) => toggle(format, e.currentTarget.checked)}
                    />
                    <span>{format.toUpperCase()}</span>
                  </label>
                </li>
              ))}
            </ul>
          ))}
        </fieldset>
        <div class="field">
          <label for="file-quota">{t('settings.filesQuota')}</label>
          <input
            id="file-quota"
            type="number"
            inputMode="numeric"
            min={1}
            value={quota}
            disabled={!policies.edit || busy}
            placeholder={t('settings.filesNoQuota')}
            onInput={(e) => setQuota(e.currentTarget.value)}
          />
        </div>
        {error && <ErrorNote error={error} />}
        {saved && (
          <p class="form__note form__note--ok" role="status">
            {t('settings.filesSaved')}
          </p>
        )}
        {policies.edit && (
          <div class="section-actions">
            <button type="submit" class="button button--primary" disabled={busy}>
              {t('settings.filesSave')}
            </button>
          </div>
        )}
      </form>
    </section>
  );
}
