/**
 * Form fields that validate as you type with the model's own zod schemas:
 * a valid value is handed on at once (the canvas follows the keyboard), an
 * invalid one is kept in the field with the reason beside it and never sent.
 * When the stored value changes from elsewhere (undo, another edit) the
 * field shows it.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isSubmitKey } from '../components/keys';
import { zodIssueMessageOf } from '../../shared/api';
import { textOf } from '../i18n';
import type { z } from 'zod';
import { closeEditBurst, focusTaken, useEditor } from './store';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** A zod issue as a sentence in the UI language: the boundary's own wording (`zodIssueMessageOf`); a field typed as text that must be a number says so. */
export function issueMessageOf(issue: z.core.$ZodIssue, t: Translate): string {
  if (issue.code === 'invalid_type') return t('errors.invalid.number');
  return textOf(zodIssueMessageOf(issue));
}

/** The first problem of a value under a schema, as a sentence, or the parsed value. */
export function checkValue<T>(schema: z.ZodType<T>, value: unknown, t: Translate): { ok: true; value: T } | { ok: false; message: string } {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, message: issueMessageOf(result.error.issues[0], t) };
}

let burstCounter = 0;

/** Draft state of one field: follows the stored value, validates, hands valid values on. */
function useDraft<T>(value: T, toText: (value: T) => string, parse: (text: string) => { ok: true; value: T } | { ok: false; message: string }, onValid: (value: T, burst: string) => void) {
  const [draft, setDraft] = useState(() => toText(value));
  const [error, setError] = useState<string | null>(null);
  const sent = useRef(value);
  const burst = useRef('');
  useEffect(() => {
    if (!Object.is(value, sent.current) && JSON.stringify(value) !== JSON.stringify(sent.current)) {
      sent.current = value;
      setDraft(toText(value));
      setError(null);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);
  return {
    draft,
    error,
    onFocus: () => {
      burst.current = `burst-${++burstCounter}`;
    },
    onBlur: () => closeEditBurst(),
    onChange: (text: string) => {
      setDraft(text);
      const result = parse(text);
      if (!result.ok) {
        setError(result.message);
        return;
      }
      setError(null);
      if (JSON.stringify(result.value) === JSON.stringify(sent.current)) return;
      sent.current = result.value;
      if (!burst.current) burst.current = `burst-${++burstCounter}`;
      onValid(result.value, burst.current);
    },
  };
}

/** Takes the focus (and selects its text) when the store asks for this field, once per request. */
function useFocusRequest(field: string | undefined, id: string | undefined) {
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const request = useEditor((state) => (field && state.focus?.field === field && state.focus.id === id ? state.focus.n : null));
  useEffect(() => {
    if (request === null || !ref.current) return;
    ref.current.focus();
    ref.current.select();
    focusTaken(request);
  }, [request]);
  return ref;
}

export type FieldFrameProps = { label: string; error?: string | null; hint?: ReactNode; children: ReactNode; htmlFor?: string; wide?: boolean };

export function FieldFrame(props: FieldFrameProps) {
  return (
    <div className={props.wide ? 'ed-field ed-field-wide' : 'ed-field'}>
      <label htmlFor={props.htmlFor}>{props.label}</label>
      {props.children}
      {props.error ? (
        <span className="ed-field-error" role="alert" data-testid="field-error">
          {props.error}
        </span>
      ) : (
        props.hint && <span className="ed-field-hint">{props.hint}</span>
      )}
    </div>
  );
}

type TextFieldProps = {
  label: string;
  value: string;
  schema: z.ZodType<string>;
  onValid: (value: string, burst: string) => void;
  multiline?: boolean;
  rows?: number;
  placeholder?: string;
  testId?: string;
  hint?: ReactNode;
  /** Focus requests for `{ field: focusField, id: focusId }` land here. */
  focusField?: string;
  focusId?: string;
  type?: string;
  /** The id of a <datalist> of suggestions. */
  list?: string;
};

export function TextField(props: TextFieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const field = useDraft(props.value, (value) => value, (text) => checkValue(props.schema, text, t), props.onValid);
  const ref = useFocusRequest(props.focusField, props.focusId);
  const common = {
    id,
    value: field.draft,
    placeholder: props.placeholder,
    'aria-invalid': field.error ? true : undefined,
    'data-testid': props.testId,
    onFocus: field.onFocus,
    onBlur: field.onBlur,
  };
  return (
    <FieldFrame label={props.label} error={field.error} hint={props.hint} htmlFor={id}>
      {props.multiline ? (
        <textarea ref={ref} rows={props.rows ?? 3} {...common} onChange={(event) => field.onChange(event.target.value)} />
      ) : (
        <input
          ref={ref}
          type={props.type ?? 'text'}
          list={props.list}
          {...common}
          onChange={(event) => field.onChange(event.target.value)}
          onKeyDown={(event) => isSubmitKey(event) && event.currentTarget.blur()}
        />
      )}
    </FieldFrame>
  );
}

type NumberFieldProps = {
  label: string;
  value: number | null;
  schema: z.ZodType<number | null> | z.ZodType<number>;
  /** An empty field means null (no value) rather than an error. */
  nullable?: boolean;
  onValid: (value: number | null, burst: string) => void;
  unit?: string;
  testId?: string;
  hint?: ReactNode;
  focusField?: string;
  focusId?: string;
};

export function NumberField(props: NumberFieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const parse = (text: string): { ok: true; value: number | null } | { ok: false; message: string } => {
    const trimmed = text.trim().replace(/，|,/g, '.');
    if (trimmed === '') return props.nullable ? { ok: true, value: null } : { ok: false, message: t('errors.invalid.required') };
    const number = Number(trimmed);
    if (!Number.isFinite(number)) return { ok: false, message: t('errors.invalid.number') };
    return checkValue(props.schema as z.ZodType<number | null>, number, t);
  };
  const field = useDraft<number | null>(props.value, (value) => (value === null ? '' : String(value)), parse, props.onValid);
  const ref = useFocusRequest(props.focusField, props.focusId);
  return (
    <FieldFrame label={props.label} error={field.error} hint={props.hint} htmlFor={id}>
      <div className="ed-number">
        <input
          ref={ref}
          id={id}
          inputMode="decimal"
          value={field.draft}
          aria-invalid={field.error ? true : undefined}
          data-testid={props.testId}
          onFocus={field.onFocus}
          onBlur={field.onBlur}
          onChange={(event) => field.onChange(event.target.value)}
        />
        {props.unit && <span className="ed-unit">{props.unit}</span>}
      </div>
    </FieldFrame>
  );
}

export function SelectField<T extends string>(props: { label: string; value: T; options: { value: T; label: string }[]; onChange: (value: T) => void; testId?: string }) {
  const id = useId();
  return (
    <FieldFrame label={props.label} htmlFor={id}>
      <select id={id} value={props.value} data-testid={props.testId} onChange={(event) => props.onChange(event.target.value as T)}>
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}
