import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { IncidentTime } from '@/components/incident-time';
import { FEEDBACK_DESCRIPTIONS, FEEDBACK_LABELS } from '@/lib/client/incident-labels';
import type { Feedback } from '@/lib/client/incident-labels';
import { feedbacks } from '@/lib/incidents/incident-schemas';
import type { IncidentDetail } from '@/lib/incidents/incident-schemas';

const NOTE_MAX_CHARS = 2000; // feedbackBodySchema's limit

type IncidentFeedbackProps = {
  incident: IncidentDetail;
  now: Date;
  saving: boolean;
  onSubmit: (feedback: Feedback, note: string) => void;
};

/**
 * What the incident was: the detection engine learns from it. Remount it (key) when the
 * saved feedback changes so the form starts from what is stored.
 */
export function IncidentFeedback({ incident, now, saving, onSubmit }: IncidentFeedbackProps) {
  const id = useId();
  const [choice, setChoice] = useState<Feedback | null>(incident.feedback);
  const [note, setNote] = useState(incident.feedbackNote ?? '');
  const feedbackEvent = incident.events.findLast((e) => e.type === 'feedback');

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (choice) onSubmit(choice, note.trim());
  };

  return (
    <form className="incident-feedback" onSubmit={submit} data-testid="feedback-form">
      <p className="incident-feedback-current" data-testid="incident-feedback">
        {incident.feedback ? (
          <>
            Current feedback: <strong>{FEEDBACK_LABELS[incident.feedback]}</strong>
            {incident.feedbackBy ? ` by ${incident.feedbackBy}` : ''}
            {feedbackEvent ? (
              <>
                {', '}
                <IncidentTime iso={feedbackEvent.at} now={now} />
              </>
            ) : null}
            {incident.feedbackNote ? <span className="incident-feedback-note">“{incident.feedbackNote}”</span> : null}
          </>
        ) : (
          <span className="muted">No feedback yet.</span>
        )}
      </p>
      <fieldset className="feedback-options" disabled={saving}>
        <legend className="filter-label">What was it?</legend>
        {feedbacks.map((value) => (
          <label key={value} className="feedback-option">
            <input
              type="radio"
              name={`${id}-feedback`}
              value={value}
              checked={choice === value}
              onChange={() => setChoice(value)}
              aria-describedby={`${id}-${value}-description`}
            />
            <span>
              <span className="feedback-option-label">{FEEDBACK_LABELS[value]}</span>
              <span id={`${id}-${value}-description`} className="feedback-option-description">
                {FEEDBACK_DESCRIPTIONS[value]}
              </span>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="filter">
        <label className="filter-label" htmlFor={`${id}-note`}>
          Note (optional)
        </label>
        <textarea
          id={`${id}-note`}
          className="textarea"
          rows={2}
          maxLength={NOTE_MAX_CHARS}
          value={note}
          onChange={(event) => setNote(event.target.value)}
          disabled={saving}
          placeholder="e.g. the nightly batch ran twice"
          data-testid="feedback-note"
        />
      </div>
      <div>
        <button type="submit" className="button" disabled={saving || choice === null} data-testid="feedback-submit">
          {saving ? 'Saving…' : 'Save feedback'}
        </button>
      </div>
    </form>
  );
}
