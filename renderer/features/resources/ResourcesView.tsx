import { useId, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { resourceCosts, resourceTypes, type Resource, type ResourceInput, type ResourceList } from '../../../shared/model/ResourceList.js';
import { useWorkspace } from '../../app/WorkspaceContext.js';
import { bridge } from '../../bridge/index.js';
import { ListField, TextField, tryCommit, TypedTextField } from '../../components/fields.js';
import { ErrorMessage, FormActions } from '../../components/FormActions.js';
import { useDocSnapshot } from '../../hooks/useDocSnapshot.js';
import { deleteWithUndoBar } from '../communities/deleteEntry.js';
import { AddedBy } from '../history/AddedBy.js';
import { HistoryButton } from '../history/HistoryButton.js';
import { EntryAcross } from '../offer/EntryAcross.js';
import { OfferResourceButton } from '../offer/OfferResourceButton.js';
import { KindPage } from '../communities/KindPage.js';
import type { KindViewProps } from '../communities/kindView.js';

const NEW_RESOURCE = 'new-resource';

/** Resource lists: what the community recommends, why, for whom, and at what cost. */
export function ResourcesView(props: KindViewProps) {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const { community, readOnly } = props.opened;
  const lists = useDocSnapshot(community, () => community.resourceLists.list().sort((a, b) => a.title.localeCompare(b.title)));
  return (
    <KindPage
      kind="resources"
      title={t('kinds.resourceList')}
      view={props}
      entries={lists}
      toItem={(l) => ({ id: l.id, title: l.title, subtitle: t('resources.count', { count: l.resources.length }) })}
      selected={props.selectedId ? community.resourceLists.get(props.selectedId) : null}
      detail={(list) => <ResourceListDetail key={list.id} list={list} props={props} />}
      canCreate={!readOnly}
      create={{
        fieldLabel: t('common.title'),
        create: (title) => community.resourceLists.create(workspace.personal.identity?.id ?? '', (l) => l.setTitle(title)).id,
      }}
    />
  );
}

function ResourceListDetail({ list, props }: { list: ResourceList; props: KindViewProps }) {
  const { t } = useTranslation();
  const { opened } = props;
  const { community, readOnly } = opened;
  const s = useDocSnapshot(community, () => ({ title: list.title, description: list.description, resources: list.resources, tags: list.tags }));
  // A resource id, NEW_RESOURCE for the add form, or null.
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <article className="detail" aria-labelledby="detail-title">
      <h2 id="detail-title">{s.title}</h2>
      <EntryAcross opened={opened} entry={list} />
      <TextField label={t('common.title')} value={s.title} readOnly={readOnly} onCommit={(v) => list.setTitle(v)} />
      <HistoryButton opened={opened} entry={list.map} title={s.title} />
      <TypedTextField label={t('resources.description')} text={list.descriptionText} multiline readOnly={readOnly} write={(v) => list.setDescription(v)} />
      <ListField label={t('common.tags')} values={s.tags} inline readOnly={readOnly} hint={t('common.commaSeparated')} onCommit={(v) => list.setTags(v)} />
      <section className="field" aria-labelledby="resources-title">
        <h3 id="resources-title">{t('resources.resources')}</h3>
        {s.resources.length === 0 && <p className="hint">{t('resources.noResources')}</p>}
        <ul className="resources">
          {s.resources.map((resource) =>
            editing === resource.id ? (
              <li key={resource.id}>
                <ResourceForm initial={resource} submitLabel={t('common.save')} onSubmit={(input) => list.updateResource(resource.id, input)} onDone={() => setEditing(null)} />
              </li>
            ) : (
              <li key={resource.id} className="resource">
                <ResourceCard resource={resource} />
                <OfferResourceButton opened={opened} list={list} resource={resource} />
                <AddedBy community={community} entry={list.map} list="resources" id={resource.id} />
                {!readOnly && (
                  <div className="actions">
                    <button type="button" onClick={() => setEditing(resource.id)} aria-label={t('resources.editNamed', { title: resource.title })}>
                      {t('common.edit')}
                    </button>
                    <button type="button" className="ghost" onClick={() => list.removeResource(resource.id)} aria-label={t('resources.removeNamed', { title: resource.title })}>
                      {t('common.remove')}
                    </button>
                  </div>
                )}
              </li>
            ),
          )}
        </ul>
        {!readOnly &&
          (editing === NEW_RESOURCE ? (
            <ResourceForm submitLabel={t('resources.add')} onSubmit={(input) => list.addResource(input)} onDone={() => setEditing(null)} />
          ) : (
            <button type="button" onClick={() => setEditing(NEW_RESOURCE)}>
              {t('resources.add')}
            </button>
          ))}
      </section>
      {!readOnly && (
        <div className="actions danger-zone">
          <button
            type="button"
            className="danger"
            onClick={() => deleteWithUndoBar(community.resourceLists, list.id, list.title, props)}
          >
            {t('resources.delete')}
          </button>
        </div>
      )}
    </article>
  );
}

function ResourceCard({ resource }: { resource: Resource }) {
  const { t } = useTranslation();
  const details: [string, string][] = [
    [t('resources.why'), resource.why],
    [t('resources.forWhom'), resource.forWhom],
    [t('resources.recommendedBy'), resource.recommendedBy],
    [t('common.language'), resource.language],
    [t('resources.accessibility'), resource.accessibility],
  ];
  return (
    <div>
      <p className="resource-title">
        {resource.link ? (
          <a
            href={resource.link}
            rel="noopener noreferrer"
            onClick={(e) => {
              e.preventDefault();
              void bridge.openExternal(resource.link);
            }}
          >
            {resource.title}
          </a>
        ) : (
          resource.title
        )}
        <span className="badge">{t(`resources.types.${resource.type}`)}</span>
        <span className="badge">{t(`resources.costs.${resource.cost}`)}</span>
      </p>
      <dl className="resource-details">
        {details
          .filter(([, value]) => value)
          .map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
      {resource.tags.length > 0 && <p className="hint">{resource.tags.join(', ')}</p>}
    </div>
  );
}

function ResourceForm({ initial, submitLabel, onSubmit, onDone }: { initial?: Resource; submitLabel: string; onSubmit: (input: ResourceInput) => void; onDone: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [values, setValues] = useState<ResourceInput & { tagText: string }>({
    title: initial?.title ?? '',
    link: initial?.link ?? '',
    type: initial?.type ?? 'reading',
    why: initial?.why ?? '',
    forWhom: initial?.forWhom ?? '',
    recommendedBy: initial?.recommendedBy ?? '',
    language: initial?.language ?? '',
    cost: initial?.cost ?? 'unknown',
    accessibility: initial?.accessibility ?? '',
    tagText: initial?.tags.join(', ') ?? '',
  });
  const [error, setError] = useState<string | null>(null);
  const set = (key: keyof typeof values) => (event: { target: { value: string } }) => setValues((v) => ({ ...v, [key]: event.target.value }));
  const submit = (event: SyntheticEvent): void => {
    event.preventDefault();
    const { tagText, ...rest } = values;
    const failure = tryCommit(() =>
      onSubmit({
        ...rest,
        tags: tagText
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      }),
    );
    setError(failure);
    if (!failure) onDone();
  };
  const text = (key: 'title' | 'link' | 'forWhom' | 'recommendedBy' | 'language' | 'tagText', label: string, extra: { autoFocus?: boolean; type?: string } = {}) => (
    <>
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input id={`${id}-${key}`} value={values[key] ?? ''} onChange={set(key)} aria-describedby={error ? `${id}-error` : undefined} {...extra} />
    </>
  );
  return (
    <form onSubmit={submit} noValidate className="stack resource-form" aria-label={submitLabel}>
      {text('title', t('common.title'), { autoFocus: true })}
      {text('link', t('resources.link'), { type: 'url' })}
      <label htmlFor={`${id}-type`}>{t('resources.type')}</label>
      <select id={`${id}-type`} value={values.type} onChange={set('type')}>
        {resourceTypes.map((type) => (
          <option key={type} value={type}>
            {t(`resources.types.${type}`)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-why`}>{t('resources.why')}</label>
      <textarea id={`${id}-why`} rows={2} value={values.why} onChange={set('why')} />
      {text('forWhom', t('resources.forWhom'))}
      {text('recommendedBy', t('resources.recommendedBy'))}
      {text('language', t('common.language'))}
      <label htmlFor={`${id}-cost`}>{t('resources.cost')}</label>
      <select id={`${id}-cost`} value={values.cost} onChange={set('cost')}>
        {resourceCosts.map((cost) => (
          <option key={cost} value={cost}>
            {t(`resources.costs.${cost}`)}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-accessibility`}>{t('resources.accessibility')}</label>
      <textarea id={`${id}-accessibility`} rows={2} value={values.accessibility} onChange={set('accessibility')} />
      {text('tagText', t('common.tags'))}
      <ErrorMessage id={`${id}-error`} message={error} />
      <FormActions submitLabel={submitLabel} onCancel={onDone} />
    </form>
  );
}
