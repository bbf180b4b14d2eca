import type { FunctionId } from "./deployed-functions.js";
import type { environmentVariables, VariableName } from "./environment-variables.js";
import type { ValueOfType } from "./variable-types.js";

type Declarations = typeof environmentVariables;

type ReaderOf<V extends VariableName> = Declarations[V]["readBy"][number];

type RequirerOf<V extends VariableName> = Declarations[V] extends {
  readonly requiredBy: readonly (infer F)[];
}
  ? F
  : never;

/** The variables any of the functions `F` read. */
export type VariableReadBy<F extends FunctionId> = {
  [V in VariableName]: F extends ReaderOf<V> ? V : never;
}[VariableName];

/** The variables any of the functions `F` cannot start without. */
export type VariableRequiredBy<F extends FunctionId> = {
  [V in VariableName]: F extends RequirerOf<V> ? V : never;
}[VariableName];

/** The settings key of variable `V`, e.g. `maxAttempts` for `MAX_ATTEMPTS`. */
export type SettingKey<V extends VariableName> = Declarations[V]["setting"];

/** The value type of variable `V`'s setting. */
export type SettingValue<V extends VariableName> = ValueOfType<Declarations[V]["type"]>;

/**
 * The settings of the functions `F` (one function, or a union for an environment several
 * share): one key per variable they read, named after it (`MAX_ATTEMPTS` → `maxAttempts`), in
 * the variable's own unit. Keys of variables they need are required, the rest optional; an
 * absent key leaves the variable unset, so the function's default applies.
 */
export type FunctionSettings<F extends FunctionId> = {
  readonly [V in VariableRequiredBy<F> as SettingKey<V>]: SettingValue<V>;
} & {
  readonly [V in Exclude<
    VariableReadBy<F>,
    VariableRequiredBy<F>
  > as SettingKey<V>]?: SettingValue<V>;
};

/** The settings of every variable, each optional: what a reader that checks nothing returns. */
export type AnySettings = {
  readonly [V in VariableName as SettingKey<V>]?: SettingValue<V>;
};
