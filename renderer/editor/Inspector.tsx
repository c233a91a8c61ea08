/**
 * The inspector: every field of the selected step or edge, validated as you
 * type; several selected steps share a role picker; with nothing selected,
 * an overview of the scenario and how to start.
 */
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { ActionStepSchema, DecisionStepSchema, EdgeSchema, InjectStepSchema, STEP_KINDS, type EdgeKind, type StepKind, type StepTextField } from '../../shared/model';
import type { StepPatch } from '../../shared/ops';
import { commandNamed, shortcutLabel } from './commands';
import { kindChangeOpsOf } from './edits';
import { NumberField, SelectField, TextField } from './fields';
import { Icon } from './icons';
import { runNamed } from './keyboard';
import { ObjectivePicker, RolePicker } from './pickers';
import { commit, openDialog, revealStep, useEditor } from './store';

const S = ActionStepSchema.shape;
const E = EdgeSchema.shape;

function shortcutOf(name: string) {
  const shortcut = commandNamed(name)?.shortcuts[0];
  return shortcut ? shortcutLabel(shortcut) : '';
}

function ActionButtons(props: { names: string[] }) {
  const { t } = useTranslation();
  return (
    <div className="inspector-actions">
      {props.names.map((name) => (
        <button key={name} type="button" onClick={() => runNamed(name)} className={name === 'delete' ? 'danger-quiet' : undefined} data-testid={`inspector-${name}`}>
          {t(`editor.command.${name}`)}
          <kbd>{shortcutOf(name)}</kbd>
        </button>
      ))}
    </div>
  );
}

/** The step's phase (阶段/科目), with the drill's other phases offered. */
function PhaseField(props: { id: string; value: string; onValid: (value: string, burst: string) => void }) {
  const { t } = useTranslation();
  // One string, so the field re-renders only when the set of phases changes.
  const phases = useEditor((state) => [...new Set(state.body.steps.map((s) => s.phase).filter((p) => p !== ''))].join('\n'));
  const listId = `phases-${props.id}`;
  return (
    <>
      <TextField label={t('editor.field.phase')} value={props.value} schema={S.phase} onValid={props.onValid} testId="field-phase" list={listId} placeholder={t('editor.inspector.phasePlaceholder')} />
      <datalist id={listId}>
        {phases.split('\n').filter((p) => p !== '').map((phase) => (
          <option key={phase} value={phase} />
        ))}
      </datalist>
    </>
  );
}

/** The 仅导调可见 mark of one text field: ticked, the players' role sheets leave the text out. */
function ControllerOnlyToggle(props: { id: string; field: StepTextField; marked: readonly StepTextField[] }) {
  const { t } = useTranslation();
  const { id, field, marked } = props;
  const on = marked.includes(field);
  const toggle = () => commit([{ op: 'updateStep', id, patch: { controllerOnly: on ? marked.filter((other) => other !== field) : [...marked, field] } }]);
  return (
    <label className="ed-controller-only" title={t('editor.inspector.controllerOnlyHint')}>
      <input type="checkbox" checked={on} onChange={toggle} data-testid={`controller-only-${field}`} />
      {t('editor.inspector.controllerOnly')}
    </label>
  );
}

function StepInspector(props: { id: string }) {
  const { t } = useTranslation();
  const step = useEditor((state) => state.stepById.get(props.id));
  if (!step) return null;
  const id = step.id;
  const update =
    <K extends keyof StepPatch>(field: K) =>
    (value: StepPatch[K], burst: string) =>
      commit([{ op: 'updateStep', id, patch: { [field]: value } as StepPatch }], { mergeKey: `${id}:${field}:${burst}`, debounce: true });
  const mark = (field: StepTextField) => <ControllerOnlyToggle id={id} field={field} marked={step.controllerOnly} />;
  const changeKind = (kind: StepKind) => commit(kindChangeOpsOf(useEditor.getState().body, id, kind), { select: { stepIds: [id], edgeIds: [] } });

  return (
    <div className={`inspector inspector-${step.kind}`} data-testid="step-inspector">
      <div className="inspector-head">
        <span className={`kind-badge kind-badge-${step.kind}`}>
          <Icon name={step.kind} size={14} />
        </span>
        <SelectField<StepKind>
          label={t('editor.inspector.kind')}
          value={step.kind}
          options={STEP_KINDS.map((kind) => ({ value: kind, label: t(`kind.${kind}`) }))}
          onChange={changeKind}
          testId="field-kind"
        />
      </div>
      <TextField label={t('editor.field.title')} value={step.title} schema={S.title} onValid={update('title')} testId="field-title" focusField="title" focusId={id} />
      <RolePicker stepIds={[id]} />
      <div className="ed-row">
        <NumberField
          label={t('editor.field.durationMin')}
          value={step.durationMin}
          schema={S.durationMin}
          nullable
          unit={t('unit.min')}
          onValid={update('durationMin')}
          testId="field-duration"
          hint={step.durationMin === null && step.kind !== 'milestone' ? t('editor.inspector.durationMissing') : undefined}
        />
        <TextField label={t('editor.field.location')} value={step.location} schema={S.location} onValid={update('location')} testId="field-location" />
      </div>
      <div className="ed-row">
        <PhaseField id={id} value={step.phase} onValid={update('phase')} />
        <TextField
          label={t('editor.field.scenarioTime')}
          value={step.scenarioTime}
          schema={S.scenarioTime}
          onValid={update('scenarioTime')}
          testId="field-scenario-time"
          placeholder={t('editor.inspector.scenarioTimePlaceholder')}
        />
      </div>
      {step.kind === 'inject' && (
        <>
          <TextField
            label={t('editor.field.deliveryMethod')}
            value={step.deliveryMethod}
            schema={InjectStepSchema.shape.deliveryMethod}
            onValid={update('deliveryMethod')}
            testId="field-delivery"
            placeholder={t('editor.deliveryPlaceholder')}
          />
        </>
      )}
      {step.kind === 'decision' && (
        <TextField
          label={t('editor.field.question')}
          value={step.question}
          schema={DecisionStepSchema.shape.question}
          onValid={update('question')}
          testId="field-question"
          placeholder={t('editor.inspector.questionPlaceholder')}
        />
      )}
      {step.kind === 'decision' && mark('question')}
      <TextField label={t(`editor.field.description.${step.kind}`)} value={step.description} schema={S.description} onValid={update('description')} multiline rows={3} testId="field-description" />
      {mark('description')}
      <TextField
        label={t('editor.field.dialogue')}
        value={step.dialogue}
        schema={S.dialogue}
        onValid={update('dialogue')}
        multiline
        rows={3}
        testId="field-dialogue"
        placeholder={t('editor.inspector.dialoguePlaceholder')}
      />
      {mark('dialogue')}
      <TextField label={t('editor.field.expectedResult')} value={step.expectedResult} schema={S.expectedResult} onValid={update('expectedResult')} multiline rows={2} testId="field-expected" />
      {mark('expectedResult')}
      <TextField label={t('editor.field.resources')} value={step.resources} schema={S.resources} onValid={update('resources')} multiline rows={2} testId="field-resources" />
      {mark('resources')}
      <ObjectivePicker stepId={id} />
      <TextField label={t('editor.field.notes')} value={step.notes} schema={S.notes} onValid={update('notes')} multiline rows={2} testId="field-notes" />
      {mark('notes')}
      <ActionButtons names={['duplicate', 'save-fragment', 'delete']} />
    </div>
  );
}

function EdgeInspector(props: { id: string }) {
  const { t } = useTranslation();
  const edge = useEditor((state) => state.edgeById.get(props.id));
  const ends = useEditor(useShallow((state) => [state.stepById.get(edge?.source ?? '')?.title ?? '', state.stepById.get(edge?.target ?? '')?.title ?? '']));
  if (!edge) return null;
  const id = edge.id;
  const update = (field: 'label' | 'lagMin') => (value: string | number | null, burst: string) =>
    commit([{ op: 'updateEdge', id, patch: { [field]: value } }], { mergeKey: `${id}:${field}:${burst}`, debounce: true });
  return (
    <div className="inspector" data-testid="edge-inspector">
      <div className="inspector-title">{t('editor.inspector.edge')}</div>
      <div className="edge-ends">
        <button type="button" className="link-button" onClick={() => revealStep(edge.source)}>
          {ends[0]}
        </button>
        <Icon name="action" size={14} />
        <button type="button" className="link-button" onClick={() => revealStep(edge.target)}>
          {ends[1]}
        </button>
      </div>
      <SelectField<EdgeKind>
        label={t('editor.field.edgeKind')}
        value={edge.kind}
        options={[
          { value: 'sequence', label: t('editor.edge.sequence') },
          { value: 'conditional', label: t('editor.edge.conditional') },
        ]}
        onChange={(kind) => commit([{ op: 'updateEdge', id, patch: { kind } }])}
        testId="field-edge-kind"
      />
      <TextField
        label={t('editor.field.label')}
        value={edge.label}
        schema={E.label}
        onValid={update('label')}
        testId="field-edge-label"
        focusField="edge-label"
        focusId={id}
        placeholder={edge.kind === 'conditional' ? t('editor.inspector.conditionPlaceholder') : ''}
      />
      <NumberField label={t('editor.field.lagMin')} value={edge.lagMin} schema={E.lagMin} unit={t('unit.min')} onValid={update('lagMin')} testId="field-edge-lag" hint={t('editor.inspector.lagHint')} />
      <ActionButtons names={['delete']} />
    </div>
  );
}

function MultiInspector(props: { stepIds: string[]; edgeCount: number }) {
  const { t } = useTranslation();
  return (
    <div className="inspector" data-testid="multi-inspector">
      <div className="inspector-title">{t('editor.inspector.multi', { steps: props.stepIds.length, edges: props.edgeCount })}</div>
      {props.stepIds.length > 0 && <RolePicker stepIds={props.stepIds} />}
      <ActionButtons names={props.stepIds.length > 0 ? ['connect', 'duplicate', 'save-fragment', 'delete'] : ['delete']} />
    </div>
  );
}

function Overview() {
  const { t } = useTranslation();
  const meta = useEditor(
    useShallow((state) => ({
      title: state.body.title,
      drillDate: state.body.drillDate,
      startTime: state.body.startTime,
      timeZone: state.body.timeZone,
      location: state.body.location,
      organiser: state.body.organiser,
      objectives: state.body.objectives,
      steps: state.body.steps.length,
      edges: state.body.edges.length,
      roles: state.body.roles.length,
    })),
  );
  const facts: [string, string | null][] = [
    [t('editor.meta.drillDate'), meta.drillDate && `${meta.drillDate}${meta.startTime ? ` ${meta.startTime}` : ''}`],
    [t('editor.meta.timeZone'), meta.timeZone],
    [t('editor.meta.location'), meta.location || null],
    [t('editor.meta.organiser'), meta.organiser || null],
  ];
  return (
    <div className="inspector overview" data-testid="overview">
      <div className="inspector-title">{meta.title}</div>
      <dl className="facts">
        {facts.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd className={value ? undefined : 'muted'}>{value ?? t('editor.overview.notSet')}</dd>
          </div>
        ))}
      </dl>
      <p className="overview-counts">{t('editor.overview.counts', { steps: meta.steps, edges: meta.edges, roles: meta.roles })}</p>
      {meta.objectives.length > 0 && (
        <>
          <div className="overview-subtitle">{t('editor.meta.objectives')}</div>
          <ol className="overview-objectives">
            {meta.objectives.map((objective) => (
              <li key={objective.id}>{objective.text}</li>
            ))}
          </ol>
        </>
      )}
      <button type="button" onClick={() => openDialog('meta')} data-testid="open-meta">
        <Icon name="edit" size={14} />
        {t('editor.command.edit-meta')}
        <kbd>{shortcutOf('edit-meta')}</kbd>
      </button>
      <div className="overview-subtitle">{t('editor.overview.howTo')}</div>
      <ul className="tips">
        <li>{t('editor.overview.tipAdd')}</li>
        <li>{t('editor.overview.tipConnect')}</li>
        <li>{t('editor.overview.tipFollow')}</li>
        <li>{t('editor.overview.tipSelect')}</li>
        <li>{t('editor.overview.tipHelp')}</li>
      </ul>
    </div>
  );
}

export function Inspector() {
  const selection = useEditor((state) => state.selection);
  if (selection.stepIds.length === 1 && selection.edgeIds.length === 0) return <StepInspector key={selection.stepIds[0]} id={selection.stepIds[0]} />;
  if (selection.stepIds.length === 0 && selection.edgeIds.length === 1) return <EdgeInspector key={selection.edgeIds[0]} id={selection.edgeIds[0]} />;
  if (selection.stepIds.length + selection.edgeIds.length > 1) return <MultiInspector stepIds={selection.stepIds} edgeCount={selection.edgeIds.length} />;
  return <Overview />;
}
