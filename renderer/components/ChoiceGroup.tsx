import type { ReactNode } from 'react';

export interface Choice<T extends string> {
  readonly value: T;
  readonly label: string;
  /** Said after the label, in the hint style: what choosing this means. */
  readonly hint?: string;
  readonly disabled?: boolean;
  /** Shown before the label (a colour swatch, an icon). */
  readonly mark?: ReactNode;
  /** The label is for screen readers only: the mark says it to the eye. */
  readonly labelHidden?: boolean;
}

type Picking<T extends string> =
  /** One of the choices: radio buttons named `name`. */
  | { readonly type: 'radio'; readonly name: string; readonly value: T | undefined; readonly onChange: (value: T) => void }
  /** Any of the choices: checkboxes. */
  | { readonly type: 'checkbox'; readonly checked: (value: T) => boolean; readonly onChange: (value: T, on: boolean) => void };

interface Look {
  readonly disabled?: boolean;
  readonly inline?: boolean;
  /** The fieldset's class, for groups drawn otherwise (colour swatches, chips). */
  readonly className?: string;
  /** Each choice's label class. */
  readonly choiceClassName?: string;
}

function ChoiceLabel<T extends string>({ choice }: { choice: Choice<T> }) {
  if (choice.labelHidden) return <span className="visually-hidden">{choice.label}</span>;
  if (choice.hint === undefined) return <span>{choice.label}</span>;
  return (
    <span>
      <strong>{choice.label}</strong>
      <span className="hint"> {choice.hint}</span>
    </span>
  );
}

/**
 * A titled group of choices, each a label (and a hint) beside its radio button or checkbox:
 * every choice among a few options in the app is one of these.
 */
export function ChoiceGroup<T extends string>(
  props: { readonly legend: string; readonly choices: readonly Choice<T>[] } & Look & Picking<T>,
) {
  const { legend, choices, disabled = false, inline = false, className, choiceClassName } = props;
  return (
    <fieldset className={className ?? (inline ? 'field choice-group inline-choices' : 'field choice-group')} disabled={disabled}>
      <legend>{legend}</legend>
      {choices.map((choice) => (
        <label key={choice.value} className={choiceClassName}>
          {props.type === 'radio' ? (
            <input
              type="radio"
              name={props.name}
              checked={props.value === choice.value}
              disabled={choice.disabled}
              onChange={() => props.onChange(choice.value)}
            />
          ) : (
            <input
              type="checkbox"
              checked={props.checked(choice.value)}
              disabled={choice.disabled}
              onChange={(event) => props.onChange(choice.value, event.target.checked)}
            />
          )}
          {choice.mark}
          <ChoiceLabel choice={choice} />
        </label>
      ))}
    </fieldset>
  );
}
