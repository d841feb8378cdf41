import { useId } from 'react';
import { maxReportDetails, type ReportCategory, reportCategories } from '../lib/report-reason.ts';

export interface ReportChoice {
  category: ReportCategory | null;
  details: string;
}

export interface ReportFieldsProps {
  value: ReportChoice;
  onChange: (value: ReportChoice) => void;
  error?: string | null;
}

/** Report categories as radio buttons, and optional details. */
export function ReportFields({ value, onChange, error }: ReportFieldsProps) {
  const id = useId();
  return (
    <>
      <fieldset
        className="field report-fields"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        <legend className="field__label">What is wrong?</legend>
        {reportCategories.map((category) => (
          <label key={category.value} className="choice">
            <input
              type="radio"
              name={`${id}-category`}
              value={category.value}
              checked={value.category === category.value}
              onChange={() => onChange({ ...value, category: category.value })}
            />
            {category.label}
          </label>
        ))}
        {error && (
          <p id={`${id}-error`} className="field__error" role="alert">
            {error}
          </p>
        )}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-details`} className="field__label">
          Details (optional)
        </label>
        <textarea
          id={`${id}-details`}
          className="field__input field__input--multiline"
          rows={3}
          dir="auto"
          maxLength={maxReportDetails}
          value={value.details}
          onChange={(event) => onChange({ ...value, details: event.target.value })}
        />
      </div>
    </>
  );
}
