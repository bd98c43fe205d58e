// Asks why a change is made before it is sent: the audit log keeps the reason beside the change.
// A native modal <dialog> traps focus and closes on Escape.
import { useEffect, useRef, useState, type FormEvent } from 'react';

interface Props {
  open: boolean;
  title: string;
  /** A verified incident cannot change without a reason. */
  required: boolean;
  confirmLabel?: string;
  onConfirm(reason: string | null): void;
  onCancel(): void;
}

export function ReasonDialog({ open, title, required, confirmLabel = 'Save', onConfirm, onCancel }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      setReason('');
      d.showModal();
    }
    if (!open && d.open) d.close();
  }, [open]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onConfirm(reason.trim() === '' ? null : reason.trim());
  };
  return (
    <dialog ref={ref} onCancel={onCancel} aria-labelledby="reason-title">
      <form onSubmit={submit} className="stack">
        <h2 id="reason-title">{title}</h2>
        <label>
          {required ? 'Reason (required: this incident is verified)' : 'Reason (optional, kept in the audit log)'}
          <textarea name="reason" value={reason} onChange={(e) => setReason(e.target.value)} required={required} rows={3} autoFocus />
        </label>
        <div className="row">
          <button type="submit">{confirmLabel}</button>
          <button type="button" className="secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
