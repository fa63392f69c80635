export interface Choice<T extends string> {
  readonly value: T;
  readonly label: string;
  /** Said after the label, in the hint style: what choosing this means. */
  readonly hint?: string;
}

type Picking<T extends string> =
  /** One of the choices: radio buttons named `name`. */
  | { readonly type: 'radio'; readonly name: string; readonly value: T; readonly onChange: (value: T) => void }
  /** Any of the choices: checkboxes. */
  | { readonly type: 'checkbox'; readonly checked: (value: T) => boolean; readonly onChange: (value: T, on: boolean) => void };

/** A titled group of choices, each a label (and a hint) beside its radio button or checkbox. */
export function ChoiceGroup<T extends string>(
  props: { readonly legend: string; readonly choices: readonly Choice<T>[]; readonly disabled?: boolean; readonly inline?: boolean } & Picking<T>,
) {
  const { legend, choices, disabled = false, inline = false } = props;
  return (
    <fieldset className={inline ? 'field choice-group inline-choices' : 'field choice-group'} disabled={disabled}>
      <legend>{legend}</legend>
      {choices.map((choice) => (
        <label key={choice.value}>
          {props.type === 'radio' ? (
            <input type="radio" name={props.name} checked={props.value === choice.value} onChange={() => props.onChange(choice.value)} />
          ) : (
            <input type="checkbox" checked={props.checked(choice.value)} onChange={(event) => props.onChange(choice.value, event.target.checked)} />
          )}
          {choice.hint === undefined ? (
            <span>{choice.label}</span>
          ) : (
            <span>
              <strong>{choice.label}</strong>
              <span className="hint"> {choice.hint}</span>
            </span>
          )}
        </label>
      ))}
    </fieldset>
  );
}
