// The filter, as text in the filter language, and the measure. The draft is applied on submit, so the
// URL (and every panel) changes once per search, not per keystroke.
import { useEffect, useState, type FormEvent } from 'react';
import type { ApiError } from '../../api/client.js';
import type { Measure } from '../../api/types.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { MEASURE_LABELS } from '../../lib/format.js';

interface Props {
  filter: string;
  measure: Measure;
  error: ApiError | null;
  english: string | null;
  onFilter(filter: string): void;
  onMeasure(measure: Measure): void;
}

export function FilterBar({ filter, measure, error, english, onFilter, onMeasure }: Props) {
  const [draft, setDraft] = useState(filter);
  useEffect(() => setDraft(filter), [filter]);
  const filterError = error?.code === 'filter' || error?.field === 'q' ? error : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onFilter(draft.trim());
  };
  return (
    <form className="filterbar" role="search" onSubmit={submit}>
      <div className="row">
        <label className="grow">
          <span>Filter</span>
          <input
            type="search"
            name="q"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            placeholder='e.g. actor:ISKP country:AFG date:2015.. civilian:yes'
            spellCheck={false}
            autoComplete="off"
            aria-invalid={filterError ? true : undefined}
            aria-describedby={filterError ? 'filter-error' : 'filter-english'}
          />
        </label>
        <label>
          <span>Measure</span>
          <select name="measure" value={measure} onChange={(e) => onMeasure(e.target.value as Measure)}>
            {Object.entries(MEASURE_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Apply</button>
      </div>
      {filterError ? <ErrorMessage error={filterError} id="filter-error" /> : <p id="filter-english" className="muted english">{english ? `Events ${english}` : 'Every event'}</p>}
    </form>
  );
}
