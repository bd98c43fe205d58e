// The incident's fields as a form, for recording a new incident and for editing one. Counts are
// min–max ranges, as sources disagree; leave one side blank for an exact number.
import { useState, type FormEvent, type ReactNode } from 'react';
import type { Grade } from '../../api/types.js';
import type { FormValues } from './incident-fields.js';

const GRADES: Grade[] = ['confirmed', 'fair', 'weak', 'contested', 'discounted'];
const PRECISIONS = ['day', 'week', 'month', 'year'];

interface Props {
  initial: FormValues;
  withRef: boolean;
  submitLabel: string;
  busy: boolean;
  children?: ReactNode;
  onSubmit(values: FormValues): void;
  onCancel?(): void;
}

function Text({ label, name, values, set, type = 'text', ...rest }: { label: string; name: keyof FormValues; values: FormValues; set(k: keyof FormValues, v: string): void; type?: string; required?: boolean; step?: string; min?: number; pattern?: string }) {
  return (
    <label>
      {label}
      <input type={type} name={name} value={values[name]} onChange={(e) => set(name, e.target.value)} {...rest} />
    </label>
  );
}

function RangeInput({ label, low, high, values, set }: { label: string; low: keyof FormValues; high: keyof FormValues; values: FormValues; set(k: keyof FormValues, v: string): void }) {
  return (
    <fieldset className="range">
      <legend>{label}</legend>
      <div className="row">
        <Text label="min" name={low} values={values} set={set} type="number" min={0} />
        <Text label="max" name={high} values={values} set={set} type="number" min={0} />
      </div>
    </fieldset>
  );
}

export function IncidentForm({ initial, withRef, submitLabel, busy, children, onSubmit, onCancel }: Props) {
  const [values, setValues] = useState(initial);
  const set = (k: keyof FormValues, v: string) => setValues((old) => ({ ...old, [k]: v }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit(values);
  };
  const p = { values, set };
  return (
    <form className="incident-form stack" onSubmit={submit} aria-label={submitLabel}>
      <fieldset>
        <legend>When</legend>
        <div className="row">
          {withRef && <Text label="Reference" name="ref" {...p} pattern="[A-Za-z0-9][A-Za-z0-9_.:\-]{0,99}" />}
          <Text label="Date" name="date_start" type="date" required {...p} />
          <Text label="Until" name="date_end" type="date" {...p} />
          <label>
            Precision
            <select name="date_precision" value={values.date_precision} onChange={(e) => set('date_precision', e.target.value)}>
              {PRECISIONS.map((x) => (
                <option key={x}>{x}</option>
              ))}
            </select>
          </label>
        </div>
      </fieldset>
      <fieldset>
        <legend>Where</legend>
        <Text label="Location, as sources describe it" name="location_text" {...p} />
        <div className="row">
          <Text label="Area" name="area" {...p} />
          <Text label="Country" name="country" {...p} />
          <Text label="ISO3" name="iso3" {...p} pattern="[A-Za-z]{3}" />
          <Text label="Latitude" name="lat" type="number" step="any" {...p} />
          <Text label="Longitude" name="lon" type="number" step="any" {...p} />
        </div>
      </fieldset>
      <fieldset>
        <legend>What and who</legend>
        <div className="row">
          <Text label="Event type" name="event_type" {...p} />
          <Text label="Sub-type" name="sub_event_type" {...p} />
          <Text label="Actor" name="actor1" {...p} />
          <Text label="Target / other side" name="actor2" {...p} />
          <Text label="Strikes" name="strikes" type="number" min={1} {...p} />
        </div>
      </fieldset>
      <fieldset>
        <legend>Counts</legend>
        <div className="row">
          <RangeInput label="Killed" low="killed_low" high="killed_high" {...p} />
          <RangeInput label="Civilians killed" low="civilians_low" high="civilians_high" {...p} />
          <RangeInput label="Survivors" low="survivors_low" high="survivors_high" {...p} />
          <RangeInput label="Missing, presumed dead" low="missing_low" high="missing_high" {...p} />
          <RangeInput label="Units hit" low="units_low" high="units_high" {...p} />
        </div>
        <label>
          Units hit, one description per line
          <textarea name="unit_descriptions" rows={2} value={values.unit_descriptions} onChange={(e) => set('unit_descriptions', e.target.value)} />
        </label>
      </fieldset>
      <fieldset>
        <legend>Assessment</legend>
        <label>
          Grade
          <select name="grade" value={values.grade} onChange={(e) => set('grade', e.target.value)}>
            <option value="">(not graded)</option>
            {GRADES.map((g) => (
              <option key={g}>{g}</option>
            ))}
          </select>
        </label>
        <label>
          Summary
          <textarea name="summary" rows={4} value={values.summary} onChange={(e) => set('summary', e.target.value)} />
        </label>
        <Text label="Tags" name="tags" {...p} />
      </fieldset>
      {children}
      <div className="row">
        <button type="submit" disabled={busy}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="secondary" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
