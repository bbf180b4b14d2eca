/** A condition of a `Compare`, `CheckMetricData` or `Loop` transition, as the flow JSON holds it. */
export interface FlowCondition {
  readonly Operator: string;
  readonly Operands: readonly string[];
}

/**
 * Whether `value` satisfies `condition`, with the flow language's operators: text comparisons
 * on the value's text, number comparisons when both sides are numbers (false otherwise), and
 * `KeyExists` for a value that is present. An unknown operator is never true.
 */
export function conditionHolds(condition: FlowCondition, value: string | undefined): boolean {
  const operand = condition.Operands[0];
  if (condition.Operator === "KeyExists") return value !== undefined;
  if (value === undefined || operand === undefined) return false;
  switch (condition.Operator) {
    case "Equals":
      return value === operand;
    case "TextStartsWith":
      return value.startsWith(operand);
    case "TextEndsWith":
      return value.endsWith(operand);
    case "TextContains":
      return value.includes(operand);
    case "NumberGreaterThan":
      return numbers(value, operand, (a, b) => a > b);
    case "NumberGreaterOrEqualTo":
      return numbers(value, operand, (a, b) => a >= b);
    case "NumberLessThan":
      return numbers(value, operand, (a, b) => a < b);
    case "NumberLessOrEqualTo":
      return numbers(value, operand, (a, b) => a <= b);
    default:
      return false;
  }
}

function numbers(value: string, operand: string, test: (a: number, b: number) => boolean): boolean {
  const a = value.trim() === "" ? Number.NaN : Number(value);
  const b = operand.trim() === "" ? Number.NaN : Number(operand);
  return Number.isFinite(a) && Number.isFinite(b) && test(a, b);
}
